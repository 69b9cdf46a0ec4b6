"""Answers as rows, and how their values read in a table or CSV cell."""
from __future__ import annotations

import json
from typing import Any

__all__ = ["cell_text"]


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
