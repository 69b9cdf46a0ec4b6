r"""File names as the graph keeps them.

A file name on Linux is bytes. Python hands over the bytes that are not
UTF-8 (a GBK name from a Windows zip, say) as lone surrogates, which no
store can hold: LadybugDB, Neo4j and UTF-8 JSON all refuse them. The graph
keeps such a name as text instead, each of those bytes written ``\xHH`` and
its backslashes doubled, the way Python's ``backslashreplace`` shows them; a
name that is valid UTF-8, which is nearly every name, is kept as it is.
graph.json, LadybugDB and Neo4j then hold the same value, and the bytes can
be read back from it.

Values are stored exactly, line breaks included; printing one on a line of
output is :func:`govkg.ingest.readers.shown`'s job.

Examples
--------
>>> import os
>>> text_name(os.fsdecode("报告".encode("gbk") + b".txt"))
'\\xb1\\xa8\\xb8\\xe6.txt'
>>> text_name('陕州区"2023"年报告.txt')
'陕州区"2023"年报告.txt'
"""
from __future__ import annotations

import re

__all__ = ["text_name"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_surrogate(m: re.Match[str]) -> str:
    code = ord(m.group())
    # U+DC80..U+DCFF are the bytes 0x80..0xFF that did not decode (PEP 383).
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def text_name(name: str) -> str:
    r"""``name`` as text every store can hold: itself if it is valid Unicode,
    else with each undecodable byte as ``\xHH`` and each backslash doubled.

    >>> text_name("a\\b.txt")
    'a\\b.txt'
    >>> text_name("a\\b\udcc9.txt")
    'a\\\\b\\xc9.txt'
    """
    if not _SURROGATE.search(name):
        return name
    return _SURROGATE.sub(_escape_surrogate, name.replace("\\", "\\\\"))

