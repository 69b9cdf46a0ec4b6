"""A manifest: what a user knows about their files, overriding what the text says.

CSV with a header, or YAML (a list of mappings, or ``{reports: [...]}``), with
the columns ``file`` (a file name or a path as given to ``kg build``),
``region`` (a division name or its six-digit code), ``year``, ``issuer``,
``source_url``; all but ``file`` optional.

The file may be UTF-8 (with or without a byte-order mark), UTF-16 with a
mark, or GBK/GB18030, the encoding Excel on Chinese Windows saves "CSV
(comma delimited)" in; a CSV whose header has tabs and no commas is read as
tab-separated (Excel's "Unicode text"). Values are checked where they enter:
a year must be a plausible report year, and a region the gazetteer does not
know, or cannot tell from another of the same name, gives a
:class:`ManifestWarning` (the report's text then decides its region).

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "m.csv"
>>> _ = p.write_text("file,region,year\\na.txt,410822,2022\\n", encoding="utf-8")
>>> read_manifest(p)
{'a.txt': {'region': '410822', 'year': '2022'}}
"""
from __future__ import annotations

import codecs
import csv
import datetime
import unicodedata
import warnings
from dataclasses import replace
from pathlib import Path

import yaml
from govkg.ingest.divisions import Gazetteer, default_gazetteer
from govkg.ingest.records import Document

__all__ = ["ManifestError", "ManifestWarning", "read_manifest", "apply_manifest", "COLUMNS", "FIRST_YEAR"]

COLUMNS = ("file", "region", "year", "issuer", "source_url")
#: The earliest year a manifest may give; the latest is next year.
FIRST_YEAR = 1949


class ManifestError(ValueError):
    """The manifest cannot be used; the message says which line and why."""


class ManifestWarning(UserWarning):
    """A manifest value that is not used as given (a region the gazetteer cannot place)."""


def _decode(raw: bytes, path: Path) -> str:
    """The manifest's text: a byte-order mark decides, else UTF-8, else GB18030 (which covers GBK)."""
    for mark, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                           (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(mark):
            break
    else:
        encoding = "utf-8"
    for candidate in (encoding, "gb18030"):
        try:
            return raw.decode(candidate)
        except UnicodeDecodeError:
            if candidate != "utf-8":
                break
    raise ManifestError(f"{path}: cannot read manifest: it is not UTF-8, UTF-16 or GBK; save it as "
                        "\"CSV UTF-8\" (or YAML)")


def _rows(path: Path) -> list[dict[str, object]]:
    text = _decode(path.read_bytes(), path)
    if path.suffix.lower() in (".yaml", ".yml"):
        data = yaml.safe_load(text) or []
        if isinstance(data, dict):
            data = data.get("reports", [])
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise ManifestError(f"{path}: expected a list of mappings (file, region, year, issuer, source_url)")
        return data
    lines = text.splitlines()
    tabs = bool(lines) and "\t" in lines[0] and "," not in lines[0]
    return list(csv.DictReader(lines, delimiter="\t" if tabs else ","))


def _region_problem(value: str, gaz: Gazetteer) -> str | None:
    """Why ``value`` gives no region, as the build resolves it (``meta_region``); ``None`` if it does."""
    from govkg.ingest.extract import meta_region

    if meta_region({"region": value}, gaz) is not None:
        return None
    if value.isdigit():
        return "is not the code of any division"
    found = gaz.lookup(value)
    if not found:
        return "is not a division the gazetteer knows (schema/divisions.tsv)"
    codes = ", ".join(sorted({d.code for d in found})[:4])
    return f"names {len(found)} divisions ({codes}); give the six-digit code of the one meant"


def _year(value: str) -> str | None:
    """``value`` as an ASCII year if it is one of the plausible ones; full-width digits are read too."""
    digits = unicodedata.normalize("NFKC", value)
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 4:
        return None
    return digits if FIRST_YEAR <= int(digits) <= datetime.date.today().year + 1 else None


def read_manifest(path: str | Path, gazetteer: Gazetteer | None = None) -> dict[str, dict[str, str]]:
    """Overrides by file: ``{file: {column: value}}`` with empty values left out.

    Rows are numbered as a spreadsheet shows them (the CSV header is row 1);
    in YAML, entries are numbered from 1.

    Raises
    ------
    ManifestError
        On an encoding other than UTF-8, UTF-16 or GBK, an unknown column, a
        row without ``file``, a year that is not a number or not between
        :data:`FIRST_YEAR` and next year, or the same file twice.

    Warns
    -----
    ManifestWarning
        For a region the ``gazetteer`` (default: the division table) does
        not know, or that names several divisions.
    """
    p = Path(path)
    try:
        rows = _rows(p)
    except (OSError, yaml.YAMLError, csv.Error) as e:
        raise ManifestError(f"{p}: cannot read manifest: {' '.join(str(e).split())}") from None
    gaz = gazetteer
    out: dict[str, dict[str, str]] = {}
    yaml_file = p.suffix.lower() in (".yaml", ".yml")
    for i, row in enumerate(rows, 1 if yaml_file else 2):
        unknown = sorted(set(map(str, row)) - set(COLUMNS))
        if unknown:
            raise ManifestError(f"{p}: row {i}: unknown column(s) {', '.join(unknown)}; allowed: {', '.join(COLUMNS)}")
        values = {k: str(v).strip() for k, v in row.items() if v is not None and str(v).strip()}
        file = values.pop("file", "")
        if not file:
            raise ManifestError(f"{p}: row {i}: no file")
        if "year" in values:
            year = _year(values["year"])
            if year is None and not unicodedata.normalize("NFKC", values["year"]).isdigit():
                raise ManifestError(f"{p}: row {i}: year {values['year']!r} is not a number")
            if year is None:
                raise ManifestError(f"{p}: row {i}: year {values['year']} is not a plausible report year "
                                    f"({FIRST_YEAR}-{datetime.date.today().year + 1}); correct it or leave it empty")
            values["year"] = year
        if file in out:
            raise ManifestError(f"{p}: row {i}: {file} is listed twice")
        if "region" in values:
            gaz = gaz if gaz is not None else default_gazetteer()
            problem = _region_problem(values["region"], gaz)
            if problem:
                warnings.warn(ManifestWarning(f"{p}: row {i}: region {values['region']!r} {problem}; the report's "
                                              "text decides its region"), stacklevel=2)
        out[file] = values
    return out


def apply_manifest(doc: Document, manifest: dict[str, dict[str, str]]) -> Document:
    """``doc`` with the manifest's values for it (matched by path as given, then file name) in ``meta``."""
    values = manifest.get(doc.path) or manifest.get(doc.file)
    if not values:
        return doc
    meta = dict(doc.meta)
    meta.update(values)
    return replace(doc, meta=meta)
