"""The playbook: the sales method as data (stages, checklists, questions, objections, closes).

A playbook is read from a TOML file (see docs/playbook-format.md) or from the JSON snapshot
that a call keeps of the playbook it was started with. Both go through one validator, which
collects every problem it finds, each with the field path and, for files, the line.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salesdesk.core.emails import EmailTemplate

FORMAT_VERSION = 1
#: Larger files are refused before parsing: a playbook is a few dozen kB of text.
MAX_PLAYBOOK_BYTES = 2 * 1024 * 1024
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
# Bounds of every number in a playbook (docs/playbook-format.md, playbook.schema.json): far
# past any real playbook, and small enough for wherever the number goes (a timer, a label).
#: A stage's time box (the editor's spin box offers the same range).
MAX_STAGE_MINUTES = 600
#: ``format`` above FORMAT_VERSION up to this is a newer format; beyond it, no format at all.
MAX_FORMAT = 1000
#: ``version`` written as a number (``version = 2``, ``version = 1.5``).
MAX_VERSION_NUMBER = 1_000_000_000
#: ``version`` written as text: its length, and the digits of each number in it (the last
#: one is counted up by "Save as new version").
MAX_VERSION_LENGTH = 40
MAX_VERSION_DIGITS = 12
QUALIFICATION_FIELDS = ("need", "budget", "timeline", "authority")
# The fields each table of the format may have (see docs/playbook-format.md).
TOP_FIELDS = (
    "format",
    "name",
    "version",
    "language",
    "description",
    "qualification",
    "stages",
    "objections",
    "closes",
    "emails",
)
STAGE_FIELDS = ("key", "title", "goal", "minutes", "checklist", "questions")
ITEM_FIELDS = ("key", "text")
QUESTION_FIELDS = ("key", "text", "hint")
OBJECTION_FIELDS = ("key", "title", "triggers", "rebuttals", "why")
CLOSE_FIELDS = ("key", "title", "summary", "examples")


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    key: str
    text: str


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    text: str
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Stage:
    key: str
    title: str
    goal: str = ""
    minutes: int | None = None
    checklist: tuple[ChecklistItem, ...] = ()
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True, slots=True)
class Objection:
    key: str
    title: str
    rebuttals: tuple[str, ...] = ()
    why: str = ""
    triggers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Close:
    key: str
    title: str
    summary: str = ""
    examples: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Playbook:
    name: str
    version: str
    stages: tuple[Stage, ...]
    objections: tuple[Objection, ...] = ()
    closes: tuple[Close, ...] = ()
    language: str = "en"
    description: str = ""
    qualification: dict[str, str] = field(default_factory=dict)
    #: Follow-up e-mail templates (core.emails).
    emails: tuple[EmailTemplate, ...] = ()
    #: Where it was read from (a file path, or "" for a stored snapshot).
    source: str = field(default="", compare=False)

    @property
    def label(self) -> str:
        return f"{self.name} (v{self.version})"

    def stage(self, key: str) -> Stage | None:
        for stage in self.stages:
            if stage.key == key:
                return stage
        return None

    def stage_index(self, key: str) -> int:
        for index, stage in enumerate(self.stages):
            if stage.key == key:
                return index
        return -1

    def objection(self, key: str) -> Objection | None:
        for objection in self.objections:
            if objection.key == key:
                return objection
        return None

    def to_dict(self) -> dict:
        """The plain-data form, as written in a playbook file (minus comments)."""
        data: dict = {
            "format": FORMAT_VERSION,
            "name": self.name,
            "version": self.version,
            "language": self.language,
            "description": self.description,
            "qualification": dict(self.qualification),
            "stages": [],
            "objections": [],
            "closes": [],
        }
        for stage in self.stages:
            entry: dict = {"key": stage.key, "title": stage.title, "goal": stage.goal}
            if stage.minutes is not None:
                entry["minutes"] = stage.minutes
            entry["checklist"] = [{"key": i.key, "text": i.text} for i in stage.checklist]
            entry["questions"] = [
                {"key": q.key, "text": q.text, **({"hint": q.hint} if q.hint else {})} for q in stage.questions
            ]
            data["stages"].append(entry)
        for obj in self.objections:
            data["objections"].append(
                {
                    "key": obj.key,
                    "title": obj.title,
                    "triggers": list(obj.triggers),
                    "rebuttals": list(obj.rebuttals),
                    "why": obj.why,
                }
            )
        for close in self.closes:
            data["closes"].append(
                {
                    "key": close.key,
                    "title": close.title,
                    "summary": close.summary,
                    "examples": list(close.examples),
                }
            )
        if self.emails:  # only when there are some: other playbooks keep their digest
            data["emails"] = [template.to_dict() for template in self.emails]
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def digest(self) -> str:
        """A content hash: two playbooks with the same digest render calls the same way."""
        import hashlib  # loads OpenSSL (~3 MB): not needed for the first paint

        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a playbook: where (field path and line, if known) and what."""

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


class PlaybookError(Exception):
    """A playbook could not be read or is not valid. ``problems`` lists every issue found."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__(self.describe())

    def describe(self, limit: int | None = None) -> str:
        lines = [p.describe(self.source) for p in self.problems[:limit]]
        hidden = len(self.problems) - len(lines)
        if hidden > 0:
            lines.append(f"... and {hidden} more problem{'s' if hidden > 1 else ''}")
        return "\n".join(lines)


# --------------------------------------------------------------------------- loading


def load_playbook(path: str | Path) -> Playbook:
    """Read and validate a playbook file. Raises PlaybookError naming file, line and field."""
    return parse_playbook(read_playbook_bytes(path), str(path))


def read_playbook_bytes(path: str | Path) -> bytes:
    """The bytes of a playbook file, refusing what is not a regular file or is too large to
    be a playbook (PlaybookError)."""
    from salesdesk.core.files import FileRefusedError, read_capped

    source = str(path)
    try:
        return read_capped(path, MAX_PLAYBOOK_BYTES)
    except FileRefusedError as exc:
        if exc.size is not None:
            message = f"file is {exc.size:,} bytes; a playbook may be at most {MAX_PLAYBOOK_BYTES:,}"
        else:
            message = exc.reason
        raise PlaybookError(source, [Problem("", message)]) from exc
    except OSError as exc:
        raise PlaybookError(source, [Problem("", f"cannot read file: {exc.strerror or exc}")]) from exc


def parse_playbook(raw: bytes | str, source: str = "<playbook>") -> Playbook:
    """Parse TOML text into a validated Playbook."""
    import tomllib  # only needed when a file is read, not for stored snapshots

    if isinstance(raw, bytes):
        if len(raw) > MAX_PLAYBOOK_BYTES:
            raise PlaybookError(source, [Problem("", f"text is larger than {MAX_PLAYBOOK_BYTES:,} bytes")])
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise PlaybookError(source, [Problem("", "file is not valid UTF-8 text", line)]) from exc
    else:
        text = raw
        if len(text) > MAX_PLAYBOOK_BYTES:  # characters: at least as many bytes
            raise PlaybookError(source, [Problem("", f"text is larger than {MAX_PLAYBOOK_BYTES:,} bytes")])
    deep = _too_deep(text)
    if deep is not None:
        raise PlaybookError(source, [Problem("", f"nested more than {MAX_NESTING} levels deep", deep)])
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
        raise PlaybookError(source, [Problem("", "a number is too long to read", line)]) from exc
    except RecursionError as exc:  # a backstop for nesting the scan did not see
        raise PlaybookError(source, [Problem("", "nested too deeply to read")]) from exc
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
            self.add(_join(path, name), f"must be text, not {_type_name(value)}")
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
            self.add(_join(path, name), f"must be a list of tables, not {_type_name(value)}")
            return []
        out = []
        for index, item in enumerate(value):
            item_path = f"{_join(path, name)}[{index}]"
            if not isinstance(item, dict):
                self.add(item_path, f"must be a table, not {_type_name(item)}")
            else:
                if allowed:
                    self.known(item, item_path, allowed)
                out.append((item_path, item))
        return out

    def strings(self, table: dict, name: str, path: str) -> tuple[str, ...]:
        value = table.get(name, [])
        if not isinstance(value, list):
            self.add(_join(path, name), f"must be a list of text, not {_type_name(value)}")
            return ()
        out = []
        for index, item in enumerate(value):
            if not isinstance(item, str):
                self.add(f"{_join(path, name)}[{index}]", f"must be text, not {_type_name(item)}")
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
        check.add("format", f"must be a whole number, not {_type_name(fmt)}")
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
        check.add("qualification", f"must be a table, not {_type_name(qual)}")
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


def _type_name(value: object) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


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


# --------------------------------------------------------------------------- resources


def builtin_playbook_paths() -> list[Path]:
    """The playbooks shipped with SalesDesk, default first."""
    from importlib.resources import files

    folder = files("salesdesk.resources") / "playbooks"
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml"))
    names.sort(key=lambda n: n != "default.toml")
    return [Path(str(folder / n)) for n in names]


def default_playbook() -> Playbook:
    return load_playbook(builtin_playbook_paths()[0])


# --------------------------------------------------------------------------- keys and versions


def slugify(text: str, fallback: str = "item") -> str:
    """A key made from a title: "Too expensive!" -> "too-expensive". Letters outside ASCII are
    folded where possible ("Café" -> "cafe"); a title with none left gives ``fallback``."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:64].rstrip("-")
    return slug or fallback


def next_version(version: str) -> str:
    """The version after ``version``: the last number goes up ("1.0" -> "1.1", "2" -> "3",
    "2024-05" -> "2024-06"); a version without a number gets ".1" added."""
    match = re.search(r"(\d+)(?!.*\d)", version)
    if match is None:
        return f"{version}.1" if version.strip() else "1"
    number = str(int(match.group(1)) + 1).zfill(len(match.group(1)))
    return version[: match.start()] + number + version[match.end() :]
