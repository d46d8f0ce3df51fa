"""Reading a playbook and checking it: from a TOML file (see docs/playbook-format.md) or from
the JSON snapshot a call keeps of the playbook it was started with. Both go through one
validator, which collects every problem it finds, each with the field path and, for files,
the line (core.problems).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

from salesdesk.core.playbook import (
    CLOSE_FIELDS,
    FORMAT_VERSION,
    ITEM_FIELDS,
    KEY_PATTERN,
    MAX_FORMAT,
    MAX_PLAYBOOK_BYTES,
    MAX_STAGE_MINUTES,
    MAX_VERSION_DIGITS,
    MAX_VERSION_LENGTH,
    MAX_VERSION_NUMBER,
    OBJECTION_FIELDS,
    QUALIFICATION_FIELDS,
    QUESTION_FIELDS,
    STAGE_FIELDS,
    TOP_FIELDS,
    ChecklistItem,
    Close,
    Objection,
    Playbook,
    PlaybookError,
    Question,
    Stage,
    builtin_playbook_paths,
)
from salesdesk.core.problems import Problem, TextFileRules, decode_text, read_file_bytes, type_name

PLAYBOOK_FILE = TextFileRules(
    max_bytes=MAX_PLAYBOOK_BYTES,
    too_large_file=lambda size: f"file is {size:,} bytes; a playbook may be at most {MAX_PLAYBOOK_BYTES:,}",
    too_large_text=f"text is larger than {MAX_PLAYBOOK_BYTES:,} bytes",
    not_utf8="file is not valid UTF-8 text",
    cannot_read="cannot read file",
)


# --------------------------------------------------------------------------- loading


def load_playbook(path: str | Path) -> Playbook:
    """Read and validate a playbook file. Raises PlaybookError naming file, line and field."""
    return parse_playbook(read_playbook_bytes(path), str(path))


def read_playbook_bytes(path: str | Path) -> bytes:
    """The bytes of a playbook file, refusing what is not a regular file or is too large to
    be a playbook (PlaybookError)."""
    return read_file_bytes(path, PLAYBOOK_FILE, PlaybookError)


def parse_playbook(raw: bytes | str, source: str = "<playbook>") -> Playbook:
    """Parse TOML text into a validated Playbook."""
    import tomllib  # only needed when a file is read, not for stored snapshots

    text = decode_text(raw, source, PLAYBOOK_FILE, PlaybookError)
    deep = _too_deep(text)
    if deep is not None:
        raise PlaybookError.one(source, f"nested more than {MAX_NESTING} levels deep", deep)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problem = _toml_problem(exc)
        if problem.line is None:  # "at the end of the file"
            problem = Problem(problem.field, problem.message, max(1, len(text.splitlines())))
        raise PlaybookError(source, [problem]) from exc
    except ValueError as exc:  # a whole number too long for Python to convert (over 4,300 digits)
        long_number = re.search(r"\d{4000,}", text)
        line = text.count("\n", 0, long_number.start()) + 1 if long_number else None
        raise PlaybookError.one(source, "a number is too long to read", line) from exc
    except RecursionError as exc:  # a backstop for nesting the scan did not see
        raise PlaybookError.one(source, "nested too deeply to read") from exc
    problems: list[Problem] = []
    playbook = _build(data, problems, source)
    if problems:
        lines = _FieldLines(text)
        # A field missing from the top of the file has no line of its own: point at line 1,
        # so every problem reads "file:line: field: message" (editors jump to it).
        located = [Problem(p.field, p.message, _line_of(text, p.anchor, lines.find(p.field) or 1)) for p in problems]
        raise PlaybookError(source, sorted(located, key=lambda p: p.line or 0))  # in file order
    assert playbook is not None
    return playbook


def playbook_from_dict(data: dict, source: str = "", *, stored: bool = False) -> Playbook:
    """Build a Playbook from plain data (a stored snapshot, ``stored``, or an import)."""
    problems: list[Problem] = []
    playbook = _build(data, problems, source, stored=stored)
    if problems:
        raise PlaybookError(source or "<snapshot>", problems)
    assert playbook is not None
    return playbook


def playbook_from_json(text: str) -> Playbook:
    """The playbook snapshot a call keeps (Playbook.to_json)."""
    return playbook_from_dict(json.loads(text), stored=True)


#: A playbook needs 3 levels ([[stages.checklist]] in a table); anything far deeper is an
#: attack on the parser: tomllib recurses per [ or { (a RecursionError), and takes
#: quadratic time and memory on a long dotted key (a.a.a...).
MAX_NESTING = 32


def _too_deep(text: str) -> int | None:
    """The line where arrays/inline tables or dotted keys nest deeper than MAX_NESTING
    (None: not too deep). A cheap scan that skips strings and comments; it may overcount
    odd but valid TOML, never undercount."""
    depth, line, quote = 0, 1, ""
    key_dots, in_key = 0, True
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if quote:
            if text.startswith(quote, i):
                i += len(quote)
                quote = ""
                continue
            if char == "\\" and quote in ('"', '"""'):
                i += 1
            elif char == "\n":
                line += 1
        elif char in "\"'":
            quote = text[i : i + 3] if text.startswith(char * 3, i) else char
            i += len(quote)
            continue
        elif char == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif char == "\n":
            line += 1
            key_dots, in_key = 0, depth == 0
        elif char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return line
        elif char in "]}":
            depth = max(0, depth - 1)
        elif char == "=":
            in_key = False
        elif char == "." and (in_key or depth):
            key_dots += 1
            if key_dots > MAX_NESTING:
                return line
        elif char == "," and depth:
            key_dots = 0
        i += 1
    return None


def _toml_problem(exc: Exception) -> Problem:
    # tomllib messages end with "(at line L, column C)"; keep the line separately.
    message = str(exc)
    match = re.search(r"\(at line (\d+), column \d+\)$", message)
    line = int(match.group(1)) if match else None
    if match:
        message = message[: match.start()].rstrip()
    elif message.endswith("(at end of document)"):
        message = message.removesuffix("(at end of document)").rstrip() + " at the end of the file"
    return Problem("", f"not valid TOML: {message}", line)


# --------------------------------------------------------------------------- validation


class _Checker:
    def __init__(self, problems: list[Problem]):
        self.problems = problems

    def add(self, path: str, message: str, *, anchor: str = "") -> None:
        self.problems.append(Problem(path, message, anchor=anchor))

    def text(self, table: dict, name: str, path: str, *, required: bool = True, default: str = "") -> str:
        value = table.get(name)
        if value is None:
            if required:
                self.add(_join(path, name), "is missing")
            return default
        if not isinstance(value, str):
            self.add(_join(path, name), f"must be text, not {type_name(value)}")
            return default
        if required and not value.strip():
            self.add(_join(path, name), "must not be empty")
        return value.strip()

    def key(self, table: dict, path: str, seen: dict[str, str]) -> str:
        value = self.text(table, "key", path)
        if value and not KEY_PATTERN.match(value):
            self.add(
                _join(path, "key"),
                f"{value!r} is not a valid key: use lower-case letters, digits, '-' or '_' (at most 64)",
            )
        elif value in seen:
            self.add(_join(path, "key"), f"duplicate key {value!r} (also used at {seen[value]})")
        elif value:
            seen[value] = path
        return value

    def known(self, table: dict, path: str, allowed: tuple[str, ...]) -> None:
        """Report fields the format does not have (usually a typo, which would otherwise be
        silently ignored)."""
        for extra in [name for name in table if name not in allowed]:
            self.add(_join(path, extra), f"unknown field; expected one of {', '.join(allowed)}")

    def tables(
        self, table: dict, name: str, path: str, *, required: bool = False, allowed: tuple[str, ...] = ()
    ) -> list[tuple[str, dict]]:
        value = table.get(name)
        if value is None:
            if required:
                self.add(_join(path, name), "is missing")
            return []
        if not isinstance(value, list):
            self.add(_join(path, name), f"must be a list of tables, not {type_name(value)}")
            return []
        out = []
        for index, item in enumerate(value):
            item_path = f"{_join(path, name)}[{index}]"
            if not isinstance(item, dict):
                self.add(item_path, f"must be a table, not {type_name(item)}")
            else:
                if allowed:
                    self.known(item, item_path, allowed)
                out.append((item_path, item))
        return out

    def strings(self, table: dict, name: str, path: str) -> tuple[str, ...]:
        value = table.get(name, [])
        if not isinstance(value, list):
            self.add(_join(path, name), f"must be a list of text, not {type_name(value)}")
            return ()
        out = []
        for index, item in enumerate(value):
            if not isinstance(item, str):
                self.add(f"{_join(path, name)}[{index}]", f"must be text, not {type_name(item)}")
            elif item.strip():
                out.append(item.strip())
        return tuple(out)


def _number(value: int | float) -> str:
    """A number for a message: a number of 4,000 digits is shown by its first ones."""
    text = str(value)
    return text if len(text) <= 24 else f"{text[:20]}… ({len(text)} digits)"


def _version(data: dict, check: _Checker, stored: bool) -> str:
    """The ``version`` field as text, within its bounds (a stored snapshot keeps what it has)."""
    value = data.get("version")
    if isinstance(value, int | float) and not isinstance(value, bool):
        # `version = 2` is a natural thing to write; `version = inf` or 1e300 are not versions.
        if not stored and not (math.isfinite(value) and 0 <= value <= MAX_VERSION_NUMBER):
            check.add("version", f"must be a number from 0 to {MAX_VERSION_NUMBER:,}, or text, not {_number(value)}")
        return str(value)
    version = check.text(data, "version", "")
    if stored:
        return version
    if len(version) > MAX_VERSION_LENGTH:
        check.add("version", f"is {len(version):,} characters long; a version has at most {MAX_VERSION_LENGTH}")
    elif any(len(run) > MAX_VERSION_DIGITS for run in re.findall(r"\d+", version)):
        check.add("version", f"a number in it has more than {MAX_VERSION_DIGITS} digits")
    return version


def _build(data: object, problems: list[Problem], source: str, *, stored: bool = False) -> Playbook | None:
    """The playbook in ``data``, or None with ``problems`` said. ``stored``: a snapshot kept
    with a call, already checked when the call started, so bounds added since then do not
    make the call unreadable (a time box past them is dropped)."""
    check = _Checker(problems)
    if not isinstance(data, dict):
        check.add("", "a playbook must be a table of fields")
        return None
    check.known(data, "", TOP_FIELDS)
    fmt = data.get("format", FORMAT_VERSION)
    if not isinstance(fmt, int) or isinstance(fmt, bool):
        check.add("format", f"must be a whole number, not {type_name(fmt)}")
    elif FORMAT_VERSION < fmt <= MAX_FORMAT:
        check.add("format", f"format {fmt} is newer than this SalesDesk understands ({FORMAT_VERSION})")
    elif not 1 <= fmt <= FORMAT_VERSION:
        allowed = "1" if FORMAT_VERSION == 1 else f"a whole number from 1 to {FORMAT_VERSION}"
        check.add("format", f"must be {allowed}, not {_number(fmt)}")
    name = check.text(data, "name", "")
    version = _version(data, check, stored)
    language = check.text(data, "language", "", required=False, default="en") or "en"
    description = check.text(data, "description", "", required=False)

    qualification: dict[str, str] = {}
    qual = data.get("qualification", {})
    if not isinstance(qual, dict):
        check.add("qualification", f"must be a table, not {type_name(qual)}")
    else:
        for name_ in QUALIFICATION_FIELDS:
            prompt = check.text(qual, name_, "qualification", required=False)
            if prompt:
                qualification[name_] = prompt
        for extra in sorted(set(qual) - set(QUALIFICATION_FIELDS)):
            check.add(f"qualification.{extra}", f"unknown field; expected one of {', '.join(QUALIFICATION_FIELDS)}")

    stage_keys: dict[str, str] = {}
    item_keys: dict[str, str] = {}
    question_keys: dict[str, str] = {}
    stages = []
    stage_tables = check.tables(data, "stages", "", required=True, allowed=STAGE_FIELDS)
    if "stages" in data and isinstance(data["stages"], list) and not data["stages"]:
        check.add("stages", "needs at least one stage")
    for path, table in stage_tables:
        key = check.key(table, path, stage_keys)
        title = check.text(table, "title", path)
        goal = check.text(table, "goal", path, required=False)
        minutes = table.get("minutes")
        if minutes is not None and (not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0):
            check.add(f"{path}.minutes", "must be a positive whole number of minutes")
            minutes = None
        elif minutes is not None and minutes > MAX_STAGE_MINUTES:
            if not stored:
                check.add(
                    f"{path}.minutes",
                    f"must be a whole number of minutes from 1 to {MAX_STAGE_MINUTES}, not {_number(minutes)}",
                )
            minutes = None  # a call started before the bound keeps no time box, not a broken one
        checklist = tuple(
            ChecklistItem(check.key(item, ipath, item_keys), check.text(item, "text", ipath))
            for ipath, item in check.tables(table, "checklist", path, allowed=ITEM_FIELDS)
        )
        questions = tuple(
            Question(
                check.key(item, qpath, question_keys),
                check.text(item, "text", qpath),
                check.text(item, "hint", qpath, required=False),
            )
            for qpath, item in check.tables(table, "questions", path, allowed=QUESTION_FIELDS)
        )
        stages.append(Stage(key, title, goal, minutes, checklist, questions))

    objection_keys: dict[str, str] = {}
    objections = []
    for path, table in check.tables(data, "objections", "", allowed=OBJECTION_FIELDS):
        key = check.key(table, path, objection_keys)
        title = check.text(table, "title", path)
        rebuttals = check.strings(table, "rebuttals", path)
        if not rebuttals and "rebuttals" not in table:
            check.add(f"{path}.rebuttals", "is missing: give at least one line to say")
        why = check.text(table, "why", path, required=False)
        triggers = tuple(t.lower() for t in check.strings(table, "triggers", path))
        objections.append(Objection(key, title, rebuttals, why, triggers))

    close_keys: dict[str, str] = {}
    closes = []
    for path, table in check.tables(data, "closes", "", allowed=CLOSE_FIELDS):
        key = check.key(table, path, close_keys)
        title = check.text(table, "title", path)
        summary = check.text(table, "summary", path, required=False)
        examples = check.strings(table, "examples", path)
        closes.append(Close(key, title, summary, examples))

    emails = ()
    if "emails" in data:
        from salesdesk.core.emails import check_templates

        emails = check_templates(check, data, set(question_keys))

    if problems:
        return None
    return Playbook(
        name=name,
        version=version,
        stages=tuple(stages),
        objections=tuple(objections),
        closes=tuple(closes),
        language=language,
        description=description,
        qualification=qualification,
        emails=emails,
        source=source,
    )


def _line_of(text: str, anchor: str, start: int) -> int:
    """The line (from ``start`` on) where ``anchor`` first appears; ``start`` without one."""
    if anchor:
        for number, line in enumerate(text.splitlines()[start - 1 :], start=start):
            if anchor in line:
                return number
    return start


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


class _FieldLines:
    """Maps field paths such as ``stages[2].checklist[0].key`` to line numbers in TOML text.

    tomllib does not report positions, so this follows the table headers
    (``[[stages]]``, ``[[stages.checklist]]``, ``[qualification]``) and ``name =`` lines.
    It is only used to point at a line in an error message, never to read values.
    """

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")
    _ASSIGN = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=")

    def __init__(self, text: str):
        self.lines: dict[str, int] = {}
        counters: dict[str, int] = {}
        table = ""  # path of the current table, with indices, e.g. "stages[1].checklist[0]"
        for number, line in enumerate(text.splitlines(), start=1):
            header = self._HEADER.match(line)
            if header:
                names = [n.strip().strip("\"'") for n in header.group(2).split(".")]
                is_array = header.group(1) == "[["
                table = self._resolve(names, is_array, counters)
                self.lines.setdefault(table, number)
                continue
            assign = self._ASSIGN.match(line)
            if assign:
                name = assign.group(1).strip('"')
                self.lines.setdefault(_join(table, name), number)

    def _resolve(self, names: list[str], is_array: bool, counters: dict[str, int]) -> str:
        path = ""
        for depth, name in enumerate(names):
            path = _join(path, name)
            last = depth == len(names) - 1
            if last and is_array:
                index = counters.get(path, -1) + 1
                counters[path] = index  # child paths carry the parent's index: no reset needed
                path = f"{path}[{index}]"
            elif path in counters:
                path = f"{path}[{counters[path]}]"
        return path

    def find(self, field_path: str) -> int | None:
        path = field_path
        while path:
            if path in self.lines:
                return self.lines[path]
            path = re.sub(r"(\[\d+\]|\.[^.\[\]]+|^[^.\[\]]+)$", "", path)
        return None


def default_playbook() -> Playbook:
    return load_playbook(builtin_playbook_paths()[0])
