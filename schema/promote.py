"""Promoting a reviewed candidate into the programs lexicon (``kg candidates --promote``).

:func:`promote_program` appends one entry to a programs file as text, after
checking that the file with the entry is still a valid lexicon, so the
file's comments and layout stay as they are.

Examples
--------
>>> import shutil, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "programs.yaml"
>>> _ = shutil.copy(PROGRAMS_FILE, path)
>>> entry, block = promote_program("小月说法", "xiaoyue_legal_videos", "Xiaoyue Talks Law", "legal_education", path=path)
>>> entry.aliases
('小月说法',)
>>> print(block, end="")
- id: xiaoyue_legal_videos
  name: 小月说法
  name_en: Xiaoyue Talks Law
  category: legal_education
  aliases: [小月说法]
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Iterable

from govkg.schema import SCHEMA_DIR, load_yaml
from govkg.schema.lexicon import LexiconError, ProgramEntry, lexicon_from_data

__all__ = ["promote_program", "PROGRAMS_FILE"]

#: The programs file ``kg build`` reads.
PROGRAMS_FILE = SCHEMA_DIR / "programs.yaml"

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def _scalar(value: str, key: str | None = None) -> str:
    """``value`` as YAML: plain when it reads back unchanged, else double-quoted."""
    import yaml

    doc = f"{key}: {value}" if key else f"[{value}]"
    try:
        back = yaml.safe_load(doc)
        plain = (back == {key: value}) if key else (back == [value])
    except yaml.YAMLError:
        plain = False
    return value if plain and value.strip() == value and "#" not in value else json.dumps(value, ensure_ascii=False)


def promote_program(name: str, id: str, name_en: str, category: str, aliases: Iterable[str] = (),
                    path: str | Path | None = None) -> tuple[ProgramEntry, str]:
    """Append a program to a programs file (default: the one ``kg build`` reads); return it and the text added.

    The file is validated with the new entry first (no duplicate id, no
    alias owned twice, a category the file already uses) and then appended
    to as text, so comments and layout stay as they are.

    Raises
    ------
    LexiconError
        If the file is not a list of programs, or the entry breaks a lexicon
        rule; the file is left unchanged.
    OSError
        If the file cannot be read or written.
    """
    import yaml

    target = Path(path) if path is not None else PROGRAMS_FILE
    name = name.strip().strip("“”\"'‘’「」")
    text = target.read_text(encoding="utf-8")
    try:
        programs = yaml.safe_load(text) or []
    except yaml.YAMLError as e:
        raise LexiconError(f"{target}: not YAML ({' '.join(str(e).split())})") from None
    if not isinstance(programs, list) or not all(isinstance(p, dict) for p in programs):
        raise LexiconError(f"{target}: not a list of programs")
    if not _ID.match(id):
        raise LexiconError(f"id {id!r} must be snake_case ASCII (letters, digits, _), like xiaoyue_legal_videos")
    categories = sorted({p.get("category") for p in programs if isinstance(p, dict) and p.get("category")})
    if categories and category not in categories:
        raise LexiconError(f"unknown category {category!r}; {target.name} uses {', '.join(categories)}")
    all_aliases = list(dict.fromkeys([name, *(a.strip() for a in aliases if a.strip())]))
    entry = {"id": id, "name": name, "name_en": name_en.strip(), "category": category, "aliases": all_aliases}
    honors, agencies = load_yaml("honors.yaml"), load_yaml("agencies.yaml")
    lex = lexicon_from_data(programs + [entry], honors, agencies, {})
    block = (f"- id: {id}\n  name: {_scalar(name, 'name')}\n  name_en: {_scalar(entry['name_en'], 'name_en')}\n"
             f"  category: {category}\n  aliases: [{', '.join(_scalar(a) for a in all_aliases)}]\n")
    added = ("" if text.endswith("\n") or not text else "\n") + ("\n" if text.strip() else "") + block
    new_text = text + added
    # What will be on disk must read back as the same lexicon.
    check = lexicon_from_data(yaml.safe_load(new_text), honors, agencies, {})
    if check.programs[id] != lex.programs[id]:
        raise LexiconError(f"{target}: the appended entry did not read back as written")
    tmp = target.with_name(f".{target.name}.promote-{os.getpid()}")
    tmp.write_text(new_text, encoding="utf-8")
    os.replace(tmp, target)
    return lex.programs[id], block
