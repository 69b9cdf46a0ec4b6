"""Which parts of a Cypher text reach outside the graph: files, extensions, other databases.

``kg query`` only reads the graph, but both stores' dialects have statements
that read or write any file the user running them may:

- LadybugDB (the embedded store, a Kùzu fork): ``COPY (…) TO '/path'``
  writes a file, ``COPY … FROM`` and ``LOAD FROM '/path'`` read one,
  ``EXPORT DATABASE`` / ``IMPORT DATABASE`` write and read folders,
  ``INSTALL`` / ``UNINSTALL`` / ``LOAD EXTENSION`` download, delete and load
  native code, ``ATTACH`` opens another database, and ``CALL`` runs table
  functions such as ``read_csv_serial('/path')`` (which also crashes the
  process on some files) or sets options such as ``home_directory``.
- Neo4j: ``LOAD CSV FROM 'file:///…'`` (or any URL, fetched by the server),
  and APOC's procedures and functions (``apoc.load.*``, ``apoc.export.*``,
  ``apoc.cypher.run*``, which runs a statement given as a string).

:func:`file_access` finds them by their keywords outside string literals,
quoted names and comments, so a program named "COPY", or a comment that
mentions LOAD, does not count. It errs on the side of refusing: a variable
named ``load`` counts too (rename it), while a property, label, map key,
parameter or alias of that name does not. ``CALL`` is allowed only for the
catalogue functions in :data:`CATALOGUE_CALLS` and Neo4j subqueries
(``CALL { … }``).

Examples
--------
>>> file_access("COPY (MATCH (r:Report) RETURN r.file) TO '/tmp/x.csv'")
['COPY']
>>> file_access("MATCH (p:Program {name: 'COPY'}) // LOAD FROM nothing\\nRETURN p.load AS `LOAD`, $copy AS copy")
[]
>>> file_access("CALL show_tables() RETURN *; CALL READ_CSV_SERIAL('/etc/passwd') RETURN *")
['CALL read_csv_serial']
>>> file_access("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", store="neo4j")
['LOAD']
>>> file_access("CALL db.labels() YIELD label RETURN label", store="neo4j")
[]
"""
from __future__ import annotations

import re

__all__ = ["file_access", "check_file_access", "FileAccessRefused", "CATALOGUE_CALLS", "KEYWORDS"]

#: Keywords that begin a statement or clause reaching outside the graph, in either dialect.
KEYWORDS = frozenset({"copy", "load", "export", "import", "install", "uninstall", "attach"})

#: What ``CALL`` may run without ``--allow-files``: functions and procedures that only read the catalogue.
CATALOGUE_CALLS: dict[str, frozenset[str]] = {
    "ladybug": frozenset({
        "show_tables", "table_info", "show_connection", "show_functions", "show_indexes", "show_macros",
        "show_sequences", "show_graphs", "show_projected_graphs", "show_attached_databases",
        "show_loaded_extensions", "show_official_extensions", "show_warnings", "current_setting", "db_version",
        "storage_version", "catalog_version",
    }),
    "neo4j": frozenset({
        "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
        "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "db.info", "db.ping", "dbms.components",
        "db.index.fulltext.querynodes", "db.index.fulltext.queryrelationships",
    }),
}

# Strings take backslash escapes in both dialects; `quoted names` double their backticks. An unterminated
# string, name or comment runs to the end: the database refuses such a text, so nothing in it runs. A line
# comment ends at any line break (the grammar's ends at \r as well as \n): ending it too early only means
# more text is checked, ending it too late would hide a statement.
_TOKENS = re.compile(r"""
    (?P<comment>//[^\n\r\x0b\x0c\x85\u2028\u2029]*|/\*.*?(?:\*/|\Z))
  | (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z))
  | (?P<quoted>`(?:[^`]|``)*(?:`|\Z))
  | (?P<word>[^\W\d]\w*)
  | (?P<space>\s+)
  | (?P<other>.)
""", re.S | re.X)


def _tokens(cypher: str) -> list[tuple[str, str]]:
    """``(kind, text)`` of everything but spaces and comments; words lower-cased."""
    out = []
    for m in _TOKENS.finditer(cypher):
        kind = m.lastgroup or "other"
        if kind in ("space", "comment"):
            continue
        out.append((kind, m.group().lower() if kind == "word" else m.group()))
    return out


def _is_name(tokens: list[tuple[str, str]], i: int) -> bool:
    """Whether the word at ``i`` is a property, label, parameter, map key or alias rather than a keyword."""
    before = tokens[i - 1] if i else ("", "")
    after = tokens[i + 1] if i + 1 < len(tokens) else ("", "")
    return before[1] in (".", ":", "$") or before == ("word", "as") or after[1] == ":"


def _called(tokens: list[tuple[str, str]], i: int) -> str | None:
    """The dotted name after ``CALL`` at ``i``, or ``None`` for a subquery (``CALL {`` / ``CALL (x) {``)."""
    j = i + 1
    if j >= len(tokens) or tokens[j][1] in ("{", "("):
        return None
    parts = []
    while j < len(tokens) and tokens[j][0] in ("word", "quoted"):
        parts.append(tokens[j][1].strip("`").lower())
        if j + 1 < len(tokens) and tokens[j + 1][1] == ".":
            j += 2
        else:
            break
    return ".".join(parts) or "?"


def file_access(cypher: str, store: str = "ladybug") -> list[str]:
    """What in ``cypher`` reaches outside the graph, once each, as ``COPY`` or ``CALL read_csv_serial``.

    ``store`` is ``"ladybug"`` (the embedded store) or ``"neo4j"``; it
    decides which ``CALL`` names are catalogue functions. An empty list
    means the text only reads the graph.
    """
    allowed = CATALOGUE_CALLS[store]
    tokens = _tokens(cypher)
    found: list[str] = []
    for i, (kind, text) in enumerate(tokens):
        if kind != "word" or _is_name(tokens, i):
            continue
        if text in KEYWORDS:
            hit = text.upper()
        elif text == "call":
            name = _called(tokens, i)
            hit = None if name is None or name in allowed else f"CALL {name}"
        elif text == "apoc" and i + 1 < len(tokens) and tokens[i + 1][1] == ".":
            hit = "apoc.*"
        else:
            hit = None
        if hit and hit not in found:
            found.append(hit)
    return found


class FileAccessRefused(ValueError):
    """A query that only reads the graph was asked for, and this one reaches outside it.

    ``found`` lists what does, as :func:`file_access` names it.
    """

    def __init__(self, found: list[str]) -> None:
        self.found = list(found)
        super().__init__(f"the query reaches outside the graph ({', '.join(found)}: files, extensions or other "
                         "databases); pass allow_files=True to run it (a variable of that name counts too: rename it)")


def check_file_access(cypher: str, store: str = "ladybug") -> None:
    """Refuse ``cypher`` if it reaches outside the graph (see :func:`file_access`).

    >>> check_file_access("MATCH (r:Region) RETURN r.name")
    >>> try:
    ...     check_file_access("LOAD FROM '/etc/passwd' RETURN *")
    ... except FileAccessRefused as e:
    ...     e.found
    ['LOAD']

    Raises
    ------
    FileAccessRefused
        If it does.
    """
    found = file_access(cypher, store)
    if found:
        raise FileAccessRefused(found)
