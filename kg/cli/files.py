"""Files and folders a command writes: checked before the work, write errors in one line.

A command that writes (``kg viz -o``, ``kg export -o``, ``kg build --graph``)
calls :func:`check_output` before it spends time computing, and turns the
``OSError`` of the write itself into :func:`write_error`; both say what to
do next. Anything else, a bug included, still shows its traceback.
"""
from __future__ import annotations

import errno
import os
from pathlib import Path

import click

__all__ = ["check_output", "write_error", "is_beside"]


def _existing_ancestor(path: Path) -> Path:
    for parent in path.absolute().parents:
        if parent.exists():
            return parent
    return Path(path.absolute().anchor)


def check_output(path: str, option: str = "-o", folder: bool = False, example: str = "out.html",
                 swapped: bool = False) -> Path:
    """``path`` as a :class:`~pathlib.Path`, once it is plausible that it can be written.

    ``folder`` is for outputs that are folders (``neo4j-csv``, a graph);
    ``example`` is a file name suggested when ``path`` is empty or a folder.
    ``swapped`` is for outputs written beside ``path`` and renamed into place
    (a graph): the folder that holds ``path`` must be writable.

    Raises
    ------
    click.ClickException
        If ``path`` is empty, a folder where a file is wanted (or the other
        way round), under a file, or in a folder this process cannot write.
    """
    if not path.strip():
        raise click.ClickException(f"{option} is empty; give the {'folder' if folder else 'file'} to write, "
                                   f"e.g. {option} {example}")
    p = Path(path)
    if p.is_dir() and not folder:
        raise click.ClickException(f"{path} is a folder; give a file name in it, e.g. {option} {p / example}")
    if p.exists() and not p.is_dir() and folder:
        raise click.ClickException(f"{path} is a file; {option} needs a folder here, e.g. {option} {example}")
    if p.exists() and not swapped:
        if not os.access(p, os.W_OK):
            raise click.ClickException(f"cannot write {path}: it is read-only; choose another {option}")
        return p
    ancestor = _existing_ancestor(p)
    if not ancestor.is_dir():
        raise click.ClickException(f"cannot write {path}: {ancestor} is a file, not a folder; choose another {option}")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise click.ClickException(f"cannot write {path}: {ancestor} is read-only; choose a folder you can write to "
                                   f"with {option}")
    return p


def is_beside(filename: str | os.PathLike[str] | None, path: str | os.PathLike[str]) -> bool:
    """Whether ``filename`` is ``path``, in it, one of its folders, or a ``.NAME.*`` sibling written to replace it.

    >>> is_beside("out/.g.building-12/graph.json", "out/g"), is_beside("out", "out/g"), is_beside("in/a.txt", "out/g")
    (True, True, False)
    """
    if not filename:
        return False
    f, p = Path(os.path.abspath(filename)), Path(os.path.abspath(path))
    if f == p or f in p.parents or p in f.parents:
        return True
    return any(x.parent == p.parent and x.name.startswith(f".{p.name}.") for x in (f, *f.parents))


def write_error(path: str | os.PathLike[str], exc: OSError, option: str = "-o") -> click.ClickException:
    """The one-line error for ``exc``, raised while writing ``path``."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.errno == errno.ENOSPC:
        advice = f"free some space or choose another {option}"
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        advice = f"choose a folder you can write to with {option}"
    else:
        advice = f"choose another {option}"
    where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(path) else ""
    return click.ClickException(f"cannot write {path}: {reason}{where}; {advice}")
