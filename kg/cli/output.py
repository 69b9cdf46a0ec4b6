"""One renderer for every command's rows: ``--format table|json|csv``.

>>> print(render([{"region": "博爱县", "year": 2023}], ["region", "year"], "csv"), end="")
region,year
博爱县,2023
>>> render([{"a": [1, 2]}], ["a"], "json")
'[\\n  {\\n    "a": [\\n      1,\\n      2\\n    ]\\n  }\\n]\\n'
>>> print(render([{"programs": ["述法", "八五普法"]}], ["programs"], "csv", joins={"programs": "、"}), end="")
programs
述法、八五普法

Every format ends with exactly one newline, so output piped to a file or
another program has no trailing blank line; :func:`echo_rows` prints it.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Mapping

import click
from govkg.kg.results import cell_text
from govkg.schema.script import display_width

__all__ = ["render", "echo_rows", "FORMATS", "format_option"]

FORMATS = ("table", "json", "csv")


def format_option(f):
    """The shared ``--format`` option."""
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="Output format: an aligned table, one JSON array of objects, or CSV.")(f)


def _cut(s: str, n: int) -> str:
    out, w = "", 0
    for c in s:
        cw = display_width(c)
        if w + cw > n - 1:
            return out + "…"
        out, w = out + c, w + cw
    return out


def render(rows: list[dict[str, Any]], columns: list[str], fmt: str = "table", max_width: int = 60,
           joins: Mapping[str, str] | None = None) -> str:
    """``rows`` as text in ``fmt``, ending in one newline; JSON keeps values' types, table and CSV print them.

    Lists in table and CSV cells are JSON, or joined with ``joins[column]``
    for the columns it names (see :func:`govkg.kg.results.cell_text`).
    """
    joins = joins or {}
    if fmt == "json":
        return json.dumps([{c: r.get(c) for c in columns} for r in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([cell_text(r.get(c), joins.get(c)) for c in columns])
        return buf.getvalue()
    cells = [[_cut(cell_text(r.get(c), joins.get(c)), max_width) for c in columns] for r in rows]
    widths = [max([display_width(c)] + [display_width(row[i]) for row in cells]) for i, c in enumerate(columns)]
    line = lambda vals: "  ".join(v + " " * (widths[i] - display_width(v)) for i, v in enumerate(vals)).rstrip()  # noqa: E731
    out = [line(columns), line(["-" * w for w in widths])] + [line(row) for row in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def echo_rows(rows: list[dict[str, Any]], columns: list[str], fmt: str = "table", max_width: int = 60,
              joins: Mapping[str, str] | None = None) -> None:
    """Print :func:`render` on standard output, adding no newline of its own."""
    click.echo(render(rows, columns, fmt, max_width, joins), nl=False)
