"""Answers as rows: a list of dicts that knows its columns, for code, pandas and Jupyter.

Every answer of :class:`govkg.Graph` is a :class:`Rows`: a ``list`` of
``dict`` with the keys of ``kg ... --format json``, in column order. It is a
plain list for everything that takes one (``json.dumps``, ``len``, slicing,
comparison); :meth:`Rows.to_pandas` makes a DataFrame where pandas is
installed, and Jupyter shows it as an HTML table (:meth:`Rows._repr_html_`).

Examples
--------
>>> rows = Rows([{"region": "博爱县", "year": 2023}, {"region": "郏县", "year": 2023}], ["region", "year"])
>>> rows == [{"region": "博爱县", "year": 2023}, {"region": "郏县", "year": 2023}]
True
>>> rows.columns, len(rows), rows[1]["region"]
(['region', 'year'], 2, '郏县')
>>> print(Rows([{"name": "<b>"}])._repr_html_())
<table>
<thead><tr><th>name</th></tr></thead>
<tbody>
<tr><td>&lt;b&gt;</td></tr>
</tbody>
</table>
"""
from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any, Iterable, Sequence

if TYPE_CHECKING:
    import pandas

__all__ = ["Rows", "cell_text"]

#: Rows shown by :meth:`Rows._repr_html_`; the rest are counted below the table.
HTML_ROWS = 100


class Rows(list):
    """Rows of an answer: dicts keyed by ``columns``, in order.

    Parameters
    ----------
    rows : iterable of dict
        The rows.
    columns : sequence of str, optional
        Their keys, in order; by default the keys of the first row.
    """

    def __init__(self, rows: Iterable[dict[str, Any]] = (), columns: Sequence[str] | None = None) -> None:
        super().__init__(rows)
        self.columns: list[str] = list(columns) if columns is not None else (list(self[0]) if self else [])

    def to_pandas(self) -> pandas.DataFrame:
        """The rows as a ``pandas.DataFrame``, one column per key, in order.

        Raises
        ------
        ImportError
            If pandas is not installed (govkg does not depend on it).
        """
        try:
            import pandas
        except ImportError:
            raise ImportError("Rows.to_pandas() needs pandas, which govkg does not install; "
                              "install it (pip install pandas) or use the rows as dicts") from None
        return pandas.DataFrame.from_records(list(self), columns=self.columns)

    def _repr_html_(self) -> str:
        """An HTML table of the first :data:`HTML_ROWS` rows, every value escaped (Jupyter calls this)."""
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in self.columns)
        body = ["<tr>" + "".join(f"<td>{html.escape(cell_text(row.get(c)))}</td>" for c in self.columns) + "</tr>"
                for row in self[:HTML_ROWS]]
        more = [f"<p>… and {len(self) - HTML_ROWS} more rows</p>"] if len(self) > HTML_ROWS else []
        return "\n".join(["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>", *body, "</tbody>", "</table>", *more])


def cell_text(value: Any, join: str | None = None) -> str:
    """``value`` as the text of one cell of a table or a CSV file: the one encoder of lists in cells.

    ``None`` is empty; a list is joined with ``join`` when given (what a
    reader of that column expects), else it is JSON, like a dict.

    >>> cell_text(None), cell_text(2023), cell_text(["八五普法", "述法"]), cell_text(["八五普法", "述法"], "、")
    ('', '2023', '["八五普法", "述法"]', '八五普法、述法')
    """
    if value is None:
        return ""
    if join is not None and isinstance(value, list):
        return join.join(map(str, value))
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)
