"""What every format reader returns, and the one error it raises."""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Extracted", "FormatError"]


class FormatError(ValueError):
    """The bytes are not a readable report of their format; ``str(e)`` is a one-line reason.

    >>> str(FormatError("empty file"))
    'empty file'
    """


@dataclass(frozen=True, slots=True)
class Extracted:
    """A report's text as a format reader found it.

    ``encoding`` says how the bytes became text: a Python codec name for text
    and HTML, ``docx`` or ``pdf`` for those containers. ``meta`` holds what
    the file itself states (the portal fields of a saved page).
    """

    text: str
    encoding: str
    meta: dict[str, str] = field(default_factory=dict)
