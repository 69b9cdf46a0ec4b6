"""Read report files into :class:`~govkg.ingest.records.Document` records.

Reports come as text (UTF-8, UTF-16, GB18030/GBK and more, detected from
the bytes), pages saved from government portals (``.html``), Word ``.docx``
and PDFs with a text layer; :mod:`govkg.ingest.formats` reads each. Folders
are walked recursively in sorted order, skipping hidden files and Word's
``~$`` lock files, following links to files and folders; ``-`` reads one
report from standard input. Text is kept as read (offsets in facts point
into it). A file that cannot be read raises :class:`ReadError` with a
one-line reason; callers decide whether to go on. So does a folder or link
that cannot be walked (unreadable, vanished, broken, looping) when the
caller asks :func:`iter_paths` to collect such errors instead.

File names are kept as the file system gives them: bytes that are not
UTF-8 (a GBK name from a Windows zip file) stay as surrogate escapes, so
``os.fsencode`` gives the original bytes back; :func:`shown` is how a name
is printed.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("关于2023年法治政府建设情况的报告", encoding="utf-8")
>>> _ = (d / "b.txt").write_text("一、工作成效", encoding="gb18030")
>>> _ = (d / "notes.xlsx").write_bytes(b"PK")
>>> [(doc.file, doc.encoding) for doc in iter_documents([d])]
[('a.txt', 'utf-8'), ('b.txt', 'gb18030')]
>>> read_document(d / "a.txt").id.startswith("report:")
True
>>> _ = (d / "empty.txt").write_bytes(b"")
>>> try:
...     read_document(d / "empty.txt")
... except ReadError as e:
...     print(e.reason)
empty file
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import sys
import unicodedata
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from govkg.ingest.formats import FORMAT_OF_SUFFIX, FormatError, read_bytes
from govkg.ingest.formats.base import MAX_CHARS, check_chars
from govkg.ingest.records import Document

__all__ = ["ReadError", "read_document", "read_stdin", "iter_paths", "iter_documents", "document_from_text",
           "shown", "text_name", "internal_error", "PROGRAMMING_ERRORS", "SUFFIXES", "MAX_BYTES", "MAX_CHARS", "STDIN"]

#: File types ``kg build`` reads when it walks a folder.
SUFFIXES = tuple(FORMAT_OF_SUFFIX)
#: Larger files are refused: a report is tens of kilobytes, not gigabytes.
MAX_BYTES = 20 * 1024 * 1024
#: The path that means standard input; its report's file name is ``stdin``.
STDIN = "-"


def shown(text: str | Path, *, keep_backslashes: bool = False) -> str:
    r"""A file name, or a message naming files, as printed on one line.

    Bytes that are not UTF-8 show as ``\xNN``, control and format
    characters (line breaks, bidirectional marks) as escapes, and a
    backslash as two: a newline in a name cannot fake a line of output, nor
    a right-to-left mark turn the name around. The name itself is kept as it
    is; only its printing changes.

    With ``keep_backslashes``, for text whose names were shown already (a
    message at the command line's edge), backslashes are kept as they are:
    they are those names' escapes, and doubling them again would garble them.

    >>> shown("报告.txt"), shown("a\nerror: b.txt"), shown(b"\xb1\xa8.txt".decode("utf-8", "surrogateescape"))
    ('报告.txt', 'a\\nerror: b.txt', '\\xb1\\xa8.txt')
    >>> shown("a\\b.txt"), shown("a\\b.txt: empty\n", keep_backslashes=True)
    ('a\\\\b.txt', 'a\\b.txt: empty\\n')
    """
    out = []
    for c in str(text):
        if "\udc80" <= c <= "\udcff":  # a byte that was not UTF-8, kept by surrogateescape
            out.append(f"\\x{ord(c) - 0xDC00:02x}")
        elif (c == "\\" and not keep_backslashes) or unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            out.append(c.encode("unicode_escape").decode("ascii"))
        else:
            out.append(c)
    return "".join(out)


class ReadError(Exception):
    """A file (or a folder or link under the paths given) could not be read; ``str(e)`` says which and why.

    ``path`` is the name as given, kept losslessly; ``str(e)`` shows it with :func:`shown`.
    """

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{shown(path)}: {reason}")
        self.path = str(path)
        self.reason = reason

    def __reduce__(self):  # pickled by -j workers: rebuilt from path and reason, not from the message
        return ReadError, (self.path, self.reason)


#: Errors no input can cause (govkg itself is broken): they are raised as they are, never made a file's error.
PROGRAMMING_ERRORS: tuple[type[BaseException], ...] = (NameError, ImportError, SyntaxError)


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


def internal_error(path: str | Path, step: str, error: Exception) -> ReadError:
    """A :class:`ReadError` for an unexpected exception while ``step`` (reading, tagging) one file.

    The exception stays attached as ``__cause__``, for anyone debugging.

    >>> str(internal_error("a.txt", "tagging", IndexError("list index out of range")))
    'a.txt: internal error while tagging (IndexError: list index out of range); please report it with this file'
    """
    detail = str(error).splitlines()[0][:120] if str(error) else ""
    e = ReadError(path, f"internal error while {step} ({type(error).__name__}{': ' + detail if detail else ''}); "
                        "please report it with this file")
    e.__cause__ = error
    return e


#: Full-width digits, as portals often print years and counts (２０２３年).
_DIGITS = {0xFF10 + i: ord("0") + i for i in range(10)}
# Runs of them: str.translate looks every character of a report up in a dict, where the
# regex engine skips to the few full-width digits in C (most reports have none).
_FULL_WIDTH_DIGITS = re.compile("[\uff10-\uff19]+")
#: A line of single characters spaced out, as titles are set on portals
#: (喜 洲 镇 2 0 2 4 年 法 治 政 府 建 设 工 作 情 况 报 告).
_SPACED = re.compile(r"^[ \t\u3000]*(?:[^\s][ \u3000]){5,}[^\s][ \t\u3000]*$", re.M)
#: A year in Chinese numerals, as official documents date themselves (二〇二四年).
_CN_YEAR = re.compile(r"[一二][〇○零０0一二三四五六七八九]{3}(?=年)")
_CN_DIGITS = str.maketrans("〇○零０0一二三四五六七八九", "0000012345678" "9")


def normalize_text(text: str) -> str:
    r"""The text govkg keeps of a report: Unix line breaks, ASCII digits (years
    in Chinese numerals too), and letter-spaced title lines closed up. Every
    rule maps one line to one line and one year to as many characters.

    >>> normalize_text("江 岸 区 司 法 局 2 0 2 3 年 度 报 告\r\n完成１２件，二〇二四年一月十八日。")
    '江岸区司法局2023年度报告\n完成12件，2024年一月十八日。'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _FULL_WIDTH_DIGITS.sub(lambda m: m.group().translate(_DIGITS), text)
    text = _CN_YEAR.sub(lambda m: m.group().translate(_CN_DIGITS), text)
    return _SPACED.sub(lambda m: re.sub(r"[ \t\u3000]", "", m.group()), text)


def document_from_text(text: str, file: str, path: str = "", encoding: str = "utf-8",
                       meta: dict[str, str] | None = None, warnings: tuple[str, ...] = ()) -> Document:
    """A :class:`Document` for ``text`` (see :func:`normalize_text`); its id is the hash of the text."""
    text = normalize_text(text)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(f"report:{digest[:16]}", file, path or file, text, digest, encoding, dict(meta or {}), warnings)


_LIMIT = f"reports over {MAX_BYTES // (1024 * 1024)} MiB are refused"


def _document(data: bytes, file: str, path: str, suffix: str) -> Document:
    """The report in ``data``; any failure is a :class:`ReadError` naming ``path``, except a bug in govkg."""
    try:
        extracted = read_bytes(data, suffix)
        text = extracted.text.replace("\f", "\n").replace("\x00", "")
        check_chars(len(text))
        warnings = extracted.warnings
        lone = len(_SURROGATE.findall(text))
        if lone:  # a PDF's broken Unicode map can give halves of characters; they cannot be stored
            text = _SURROGATE.sub("\ufffd", text)
            warnings += (f"{lone} lone surrogate{'s' if lone != 1 else ''} (half a character) replaced by U+FFFD",)
        return document_from_text(text, file, path, extracted.encoding, extracted.meta, warnings)
    except FormatError as e:
        raise ReadError(path, str(e)) from None
    except RecursionError:
        raise ReadError(path, "nested too deeply to read") from None
    except MemoryError:
        raise ReadError(path, "too large to read in memory") from None
    except PROGRAMMING_ERRORS:
        raise
    except Exception as e:  # noqa: BLE001 - one file must not stop the others; the cause stays attached
        raise internal_error(path, "reading", e) from e


def read_stdin(stream: BinaryIO | None = None) -> Document:
    """Read one report from standard input (or ``stream``), decoded like a file.

    Its ``file`` is ``stdin`` and its ``path`` is ``-``; the content decides
    the format (text, HTML, .docx or PDF).

    Raises
    ------
    ReadError
        If the input is a terminal, too large, or not a readable report.
    """
    if stream is None:
        if sys.stdin is None or sys.stdin.isatty():
            raise ReadError(STDIN, "standard input is a terminal; pipe a report in, e.g. kg build - < report.txt")
        stream = sys.stdin.buffer
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ReadError(STDIN, f"standard input holds more than {MAX_BYTES // (1024 * 1024)} MiB; {_LIMIT}")
    return _document(data, "stdin", STDIN, "")


#: What to call a file that is neither a regular file nor a folder.
_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def read_document(path: str | Path) -> Document:
    """Read one report file; ``-`` reads standard input.

    At most :data:`MAX_BYTES` are read, whatever the file system says of the
    size (a device or a growing file says nothing true).

    Raises
    ------
    ReadError
        If the file is missing, not a regular file, too large, empty, binary,
        broken or holds no text, or if reading it fails in a way govkg did not
        foresee (the reason then says "internal error"; the exception is its
        ``__cause__``).
    """
    if str(path) == STDIN:
        return read_stdin()
    p = Path(path)
    try:
        st = p.stat()
        kind = next((name for test, name in _KINDS if test(st.st_mode)), None)
        if kind is not None:
            raise ReadError(p, f"not a regular file ({kind}); pipe a report in with: kg build - < file")
        if st.st_size > MAX_BYTES:
            raise ReadError(p, f"file is {st.st_size / (1024 * 1024):.1f} MiB; {_LIMIT}")
        with open(p, "rb") as f:
            data = f.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise ReadError(p, f"file grew past {MAX_BYTES // (1024 * 1024)} MiB while it was read; {_LIMIT}")
    except OSError as e:
        raise ReadError(p, e.strerror or str(e)) from None
    return _document(data, p.name, str(p), p.suffix)


def _dir_key(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


class _Walk:
    """One folder walk: report files, other files, and what could not be walked."""

    def __init__(self) -> None:
        self.found: list[Path] = []
        self.other: list[Path] = []
        self.errors: list[ReadError] = []
        self.warnings: list[ReadError] = []
        self.visited: set[tuple[int, int]] = set()

    def entries(self, folder: Path) -> list[os.DirEntry]:
        try:
            with os.scandir(folder) as it:
                return sorted(it, key=lambda e: e.name)
        except FileNotFoundError:
            self.errors.append(ReadError(folder, "folder vanished while it was being read"))
        except NotADirectoryError:
            self.errors.append(ReadError(folder, "folder was replaced by a file while it was being read"))
        except OSError as e:
            self.errors.append(ReadError(folder, f"cannot open folder ({e.strerror or e})"))
        return []

    def link_target(self, entry: os.DirEntry, path: Path) -> os.stat_result | None:
        """What a link leads to, or ``None`` (with an error) when it leads nowhere."""
        try:
            return os.stat(entry.path)
        except FileNotFoundError:
            try:
                target = os.readlink(entry.path)
            except OSError:
                target = "?"
            self.errors.append(ReadError(path, f"broken link (to {shown(target)}, which does not exist)"))
        except OSError as e:
            if e.errno == errno.ELOOP:
                self.errors.append(ReadError(path, "link that leads back to itself"))
            else:
                self.errors.append(ReadError(path, f"cannot follow link ({e.strerror or e})"))
        return None

    def walk(self, root: Path) -> None:
        """Walk ``root`` depth first, in sorted order, following links; a link back into a folder it is in is not followed."""
        try:
            top = _dir_key(os.stat(root))
        except OSError as e:
            self.errors.append(ReadError(root, f"cannot open folder ({e.strerror or e})"))
            return
        self.visited.add(top)
        stack: list[tuple[Path, frozenset[tuple[int, int]]]] = [(root, frozenset({top}))]
        while stack:
            folder, ancestors = stack.pop()
            below: list[tuple[Path, frozenset[tuple[int, int]]]] = []
            for entry in self.entries(folder):
                name = entry.name
                if name.startswith("."):
                    continue  # hidden files and folders are not reports
                path = folder / name
                try:
                    st = self.link_target(entry, path) if entry.is_symlink() else entry.stat(follow_symlinks=False)
                except FileNotFoundError:
                    continue  # gone between listing and looking: it is not there
                except OSError as e:
                    self.errors.append(ReadError(path, e.strerror or str(e)))
                    continue
                if st is None:
                    continue
                if stat.S_ISDIR(st.st_mode):
                    key = _dir_key(st)
                    if key in ancestors:
                        self.warnings.append(ReadError(path, "link to a folder that holds it (a loop); not followed"))
                    elif key not in self.visited:  # a folder reached twice (through a link) is read once
                        self.visited.add(key)
                        below.append((path, ancestors | {key}))
                elif name.startswith("~$"):
                    continue  # Word's lock files
                elif stat.S_ISREG(st.st_mode) and path.suffix.lower() in SUFFIXES:
                    self.found.append(path)
                else:
                    self.other.append(path)  # other types, and pipes, sockets and devices
            stack.extend(reversed(below))


def iter_paths(paths: Iterable[str | Path], skipped: list[Path] | None = None,
               errors: list[ReadError] | None = None, warnings: list[ReadError] | None = None) -> Iterator[Path]:
    """Report files under ``paths`` (files as given, folders walked), sorted, each once.

    ``-`` is passed through as ``Path("-")`` for :func:`read_document` to read
    standard input. Files in walked folders whose suffix is not in
    :data:`SUFFIXES` (and pipes, sockets, devices) are appended to ``skipped``
    when it is given. Links to files and folders are followed. A folder that
    cannot be opened or vanishes during the walk, and a link that leads
    nowhere (missing target, or itself), are appended to ``errors``: reports
    may be missing because of them. A link to a folder that holds it is not
    followed, and appended to ``warnings``: everything in it is read anyway.

    Raises
    ------
    ReadError
        If a path does not exist; for the first folder or link that cannot be
        walked, when ``errors`` is not given.
    """
    seen: set[Path | str] = set()
    for raw in paths:
        if str(raw) == STDIN:
            if STDIN not in seen:
                seen.add(STDIN)
                yield Path(STDIN)
            continue
        p = Path(raw)
        if not p.exists():
            raise ReadError(p, "no such file or folder")
        if p.is_dir():
            w = _Walk()
            w.walk(p)
            if errors is None and w.errors:
                raise w.errors[0]
            if errors is not None:
                errors.extend(w.errors)
            if warnings is not None:
                warnings.extend(w.warnings)
            if skipped is not None:
                skipped.extend(w.other)
                skipped.sort()
            files = sorted(w.found)
        else:
            files = [p]
        for f in files:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                yield f


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Document]:
    """Documents for every report file under ``paths`` (raises on the first bad one)."""
    for f in iter_paths(paths):
        yield read_document(f)
