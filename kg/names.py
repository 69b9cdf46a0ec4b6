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

# Made where reports are read; kept here, where the graph's other name rules are.
from govkg.ingest.readers import text_name

__all__ = ["text_name"]
