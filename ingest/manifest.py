"""A manifest: what a user knows about their files, overriding what the text says.

CSV with a header, or YAML (a list of mappings, or ``{reports: [...]}``), with
the columns ``file`` (a file name or a path as given to ``kg build``),
``region`` (a division name or its six-digit code), ``year``, ``issuer``,
``source_url``; all but ``file`` optional.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "m.csv"
>>> _ = p.write_text("file,region,year\\na.txt,410822,2022\\n", encoding="utf-8")
>>> read_manifest(p)
{'a.txt': {'region': '410822', 'year': '2022'}}
"""
from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import yaml
from govkg.ingest.records import Document

__all__ = ["ManifestError", "read_manifest", "apply_manifest", "COLUMNS"]

COLUMNS = ("file", "region", "year", "issuer", "source_url")


class ManifestError(ValueError):
    """The manifest cannot be used; the message says which line and why."""


def _rows(path: Path) -> list[dict[str, object]]:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() in (".yaml", ".yml"):
        data = yaml.safe_load(text) or []
        if isinstance(data, dict):
            data = data.get("reports", [])
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise ManifestError(f"{path}: expected a list of mappings (file, region, year, issuer, source_url)")
        return data
    return list(csv.DictReader(text.splitlines()))


def read_manifest(path: str | Path) -> dict[str, dict[str, str]]:
    """Overrides by file: ``{file: {column: value}}`` with empty values left out.

    Raises
    ------
    ManifestError
        On an unknown column, a row without ``file``, a year that is not a
        number, or the same file twice.
    """
    p = Path(path)
    try:
        rows = _rows(p)
    except (OSError, yaml.YAMLError, csv.Error) as e:
        raise ManifestError(f"{p}: cannot read manifest: {' '.join(str(e).split())}") from None
    out: dict[str, dict[str, str]] = {}
    for i, row in enumerate(rows, 2):
        unknown = sorted(set(map(str, row)) - set(COLUMNS))
        if unknown:
            raise ManifestError(f"{p}: row {i}: unknown column(s) {', '.join(unknown)}; allowed: {', '.join(COLUMNS)}")
        values = {k: str(v).strip() for k, v in row.items() if v is not None and str(v).strip()}
        file = values.pop("file", "")
        if not file:
            raise ManifestError(f"{p}: row {i}: no file")
        if "year" in values and not values["year"].isdigit():
            raise ManifestError(f"{p}: row {i}: year {values['year']!r} is not a number")
        if file in out:
            raise ManifestError(f"{p}: row {i}: {file} is listed twice")
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
