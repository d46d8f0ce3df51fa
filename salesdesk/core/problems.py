"""What is wrong with a file the rep gave SalesDesk to read: the one problem type of the
playbook reader (core.playbook_check) and the calls-file reader (core.calls_file).

A reader collects every problem it finds, each with the field's path and, where known, the
line, and raises them together (a ``ProblemsError``), so the rep fixes a file in one go. The
checks every such file goes through first (a regular file, not too large, UTF-8 text) and
the words for a value of the wrong type live here too, so both readers word them alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file: where (field path and line, if known) and what."""

    field: str
    message: str
    line: int | None = None
    #: Text in the file at or after the field's line that the problem is about (a placeholder
    #: in a multi-line body), so the reported line is the one it is on.
    anchor: str = ""

    def describe(self, source: str = "") -> str:
        where = source or "playbook"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ProblemsError(Exception):
    """A file could not be read or is not valid. ``problems`` lists every issue found, one
    "file:line: field: message" line each (editors jump to them)."""

    #: How many problems ``describe`` lists unless told (None: all).
    listed: int | None = None

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__(self.describe())

    @classmethod
    def one(cls, source: str, message: str, line: int | None = None):
        """The error of a file with one problem that is not about a field."""
        return cls(source, [Problem("", message, line)])

    def describe(self, limit: int | None = -1) -> str:
        limit = self.listed if limit == -1 else limit
        lines = [p.describe(self.source) for p in self.problems[:limit]]
        hidden = len(self.problems) - len(lines)
        if hidden > 0:
            lines.append(f"... and {hidden} more problem{'s' if hidden > 1 else ''}")
        return "\n".join(lines)


def type_name(value: object, table: str = "a table") -> str:
    """A value's type as the rep knows it ("text", "a list"): ``table`` names a mapping in the
    file's own language (TOML's "a table", JSON's "an object")."""
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: table}.get(
        type(value), type(value).__name__
    )


@dataclass(frozen=True, slots=True)
class TextFileRules:
    """How a reader words the checks every file goes through before it is parsed."""

    max_bytes: int
    #: The problem of a file larger than ``max_bytes``, given its size.
    too_large_file: Callable[[int], str]
    #: The problem of text (given, not read from a file) larger than ``max_bytes``.
    too_large_text: str
    not_utf8: str
    cannot_read: str
    #: Whether a UTF-8 byte order mark may start the text (and is dropped).
    bom: bool = False


def read_file_bytes(path: str | Path, rules: TextFileRules, error: type[ProblemsError]) -> bytes:
    """The bytes of a file, refusing what is not a regular file or is larger than the rules
    allow (``error``, naming the file)."""
    from salesdesk.core.files import FileRefusedError, read_capped

    try:
        return read_capped(path, rules.max_bytes)
    except FileRefusedError as exc:
        raise error.one(str(path), rules.too_large_file(exc.size) if exc.size is not None else exc.reason) from exc
    except OSError as exc:
        raise error.one(str(path), f"{rules.cannot_read}: {exc.strerror or exc}") from exc


def decode_text(raw: bytes | str, source: str, rules: TextFileRules, error: type[ProblemsError]) -> str:
    """``raw`` as text, if it is UTF-8 and within the size the rules allow (else ``error``
    with the line of the first bad byte)."""
    if isinstance(raw, str):
        if len(raw) > rules.max_bytes:  # characters: at least as many bytes
            raise error.one(source, rules.too_large_text)
        return raw.removeprefix("\ufeff") if rules.bom else raw
    if len(raw) > rules.max_bytes:
        raise error.one(source, rules.too_large_text)
    try:
        return raw.decode("utf-8-sig" if rules.bom else "utf-8")
    except UnicodeDecodeError as exc:
        raise error.one(source, rules.not_utf8, raw[: exc.start].count(b"\n") + 1) from exc
