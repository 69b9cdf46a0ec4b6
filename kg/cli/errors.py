"""The project's own errors as one-line messages at the command line's edge.

A user can fix what :data:`govkg.kg.library.USER_ERRORS` lists (a missing
graph, a name that names nothing, a Cypher error), so a command prints it
as one line and exits 1; any other exception is a bug in govkg and keeps
its traceback.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import click

__all__ = ["one_line_errors"]


@contextmanager
def one_line_errors() -> Iterator[None]:
    """Turn the project's own errors raised inside into :class:`click.ClickException`.

    >>> from govkg.kg.analysis import NotFoundError
    >>> try:
    ...     with one_line_errors():
    ...         raise NotFoundError("no program named '述发'; known programs include: 述法")
    ... except click.ClickException as e:
    ...     e.message
    "no program named '述发'; known programs include: 述法"
    """
    from govkg.kg.ladybug_store import LadybugError
    from govkg.kg.library import USER_ERRORS
    from govkg.queries.file_access import FileAccessRefused

    try:
        yield
    except FileAccessRefused as e:
        raise click.ClickException(
            f"the query reaches outside the graph ({', '.join(e.found)}: files, extensions or other databases) and "
            "kg query only reads the graph; add --allow-files to run it (a variable of that name counts too: "
            "rename it)") from None
    except LadybugError as e:
        raise click.ClickException(f"query failed: {e}") from None
    except USER_ERRORS as e:
        raise click.ClickException(str(e)) from None
