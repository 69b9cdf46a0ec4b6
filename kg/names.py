r"""File names as the graph keeps them, and text as a terminal shows it.

A file name on Linux is bytes. Python hands over the bytes that are not
UTF-8 (a GBK name from a Windows zip, say) as lone surrogates, which no
store can hold: LadybugDB, Neo4j and UTF-8 JSON all refuse them. The graph
keeps such a name as text instead, each of those bytes written ``\xHH`` and
its backslashes doubled, the way Python's ``backslashreplace`` shows them; a
name that is valid UTF-8, which is nearly every name, is kept as it is.
graph.json, LadybugDB and Neo4j then hold the same value, and the bytes can
be read back from it.

Values are stored exactly, line breaks included; :func:`shown` is for
printing one on a line of output, where a line break in a name must not
start a line of its own.

Examples
--------
>>> import os
>>> text_name(os.fsdecode("报告".encode("gbk") + b".txt"))
'\\xb1\\xa8\\xb8\\xe6.txt'
>>> text_name('陕州区"2023"年报告.txt')
'陕州区"2023"年报告.txt'
>>> shown("a.txt\nBuilt g: 0 reports")
'a.txt\\nBuilt g: 0 reports'
"""
from __future__ import annotations

import re

# Made where reports are read; kept here, where the graph's other name rules are.
from govkg.ingest.readers import text_name

__all__ = ["text_name", "shown"]


def _escape_control(m: re.Match[str]) -> str:
    c = m.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or (
        f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def shown(text: str) -> str:
    r"""``text`` safe to print on one line: line breaks, other control
    characters, bidirectional overrides and lone surrogates are escaped.

    >>> shown("报告\r\n.txt")
    '报告\\r\\n.txt'
    >>> shown("\u202etxt.exe")
    '\\u202etxt.exe'
    """
    return _CONTROL.sub(_escape_control, text)
