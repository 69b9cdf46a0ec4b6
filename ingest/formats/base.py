"""What every format reader returns, the one error it raises, and the budget it reads within."""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Extracted", "FormatError", "MAX_CHARS", "check_chars"]

#: The most characters a report may have once read: the 20 MiB a file may
#: have on disk, counted in characters (a .docx or a PDF can hold far more
#: text than its size on disk suggests).
MAX_CHARS = 20 * 1024 * 1024


class FormatError(ValueError):
    """The bytes are not a readable report of their format; ``str(e)`` is a one-line reason.

    >>> str(FormatError("empty file"))
    'empty file'
    """


def check_chars(count: int, limit: int = MAX_CHARS) -> None:
    """Refuse a report whose text reaches ``count`` characters, over ``limit``.

    Readers call it as text accumulates, so that they stop early.

    >>> check_chars(10)
    >>> try:
    ...     check_chars(MAX_CHARS + 1)
    ... except FormatError as e:
    ...     print(e)
    text over 20,971,520 characters; reports over 20 MiB are refused
    """
    if count > limit:
        raise FormatError(f"text over {limit:,} characters; reports over {MAX_CHARS // (1024 * 1024)} MiB are refused")


@dataclass(frozen=True, slots=True)
class Extracted:
    """A report's text as a format reader found it.

    ``encoding`` says how the bytes became text: a Python codec name for text
    and HTML, ``docx`` or ``pdf`` for those containers. ``meta`` holds what
    the file itself states (the portal fields of a saved page). ``warnings``
    say what was wrong with the file but worked around (bytes that were not
    UTF-8, a charset declaration that names no text encoding), one line each.
    """

    text: str
    encoding: str
    meta: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
