"""An editable playbook: the tree the editor changes one step at a time.

A Playbook is frozen (calls keep exact snapshots of it); a PlaybookDraft is its mutable
twin for editing. It holds what the rep typed as typed (an empty title, a blank rebuttal
line) and is checked by the very validator that checks files: ``validate()`` builds the
plain-data form and runs it through ``playbook_from_dict``, so the editor shows the same
problems, with the same field paths, that ``salesdesk playbook validate`` prints.

Keys: a new item's key follows its title ("Too expensive" -> ``too-expensive``) until the
draft is saved; from then on renaming never changes a key, because stored calls refer to
items by key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from salesdesk.core.playbook import QUALIFICATION_FIELDS, Objection, Playbook, PlaybookError, Stage, slugify
from salesdesk.core.playbook_check import playbook_from_dict
from salesdesk.core.problems import Problem


class Kind(StrEnum):
    ROOT = "root"
    GENERAL = "general"
    STAGES = "stages"
    OBJECTIONS = "objections"
    CLOSES = "closes"
    CHECKLIST = "checklist"
    QUESTIONS = "questions"
    STAGE = "stage"
    ITEM = "item"
    QUESTION = "question"
    OBJECTION = "objection"
    CLOSE = "close"


#: What each group holds.
CHILD_KIND = {
    Kind.STAGES: Kind.STAGE,
    Kind.CHECKLIST: Kind.ITEM,
    Kind.QUESTIONS: Kind.QUESTION,
    Kind.OBJECTIONS: Kind.OBJECTION,
    Kind.CLOSES: Kind.CLOSE,
}
GROUP_KINDS = frozenset(CHILD_KIND)
#: The field shown as an item's name in the tree (and changed by "rename").
TITLE_FIELD = {
    Kind.STAGE: "title",
    Kind.ITEM: "text",
    Kind.QUESTION: "text",
    Kind.OBJECTION: "title",
    Kind.CLOSE: "title",
}
ITEM_KINDS = frozenset(TITLE_FIELD)
GENERAL_FIELDS = ("name", "version", "language", "description", *(f"qualification.{q}" for q in QUALIFICATION_FIELDS))
FIELDS = {
    Kind.GENERAL: GENERAL_FIELDS,
    Kind.STAGE: ("key", "title", "goal", "minutes"),
    Kind.ITEM: ("key", "text"),
    Kind.QUESTION: ("key", "text", "hint"),
    Kind.OBJECTION: ("key", "title", "triggers", "rebuttals", "why"),
    Kind.CLOSE: ("key", "title", "summary", "examples"),
}
LIST_FIELDS = frozenset({"triggers", "rebuttals", "examples"})
_PATH_TOKEN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


@dataclass(eq=False)
class Node:
    """One thing in the playbook tree: a stage, an objection, a group of them, ..."""

    kind: Kind
    values: dict[str, object] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list, repr=False)
    parent: Node | None = field(default=None, repr=False)
    #: The key still follows the title (a new item, not saved yet).
    auto_key: bool = False

    @property
    def row(self) -> int:
        return self.parent.children.index(self) if self.parent is not None else 0

    @property
    def title(self) -> str:
        name = TITLE_FIELD.get(self.kind)
        return str(self.values.get(name, "")) if name else ""

    @property
    def key(self) -> str:
        return str(self.values.get("key", ""))

    def group(self, kind: Kind) -> Node:
        """A stage's checklist or questions group (or a root group)."""
        for child in self.children:
            if child.kind == kind:
                return child
        raise KeyError(kind)

    def adopt(self, child: Node, row: int | None = None) -> Node:
        child.parent = self
        self.children.insert(len(self.children) if row is None else row, child)
        return child

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


class PlaybookDraft:
    def __init__(self) -> None:
        self.root = Node(Kind.ROOT)
        self.general = self.root.adopt(Node(Kind.GENERAL, {name: "" for name in GENERAL_FIELDS}))
        self.stages = self.root.adopt(Node(Kind.STAGES))
        self.objections = self.root.adopt(Node(Kind.OBJECTIONS))
        self.closes = self.root.adopt(Node(Kind.CLOSES))
        self.general.values["language"] = "en"
        #: The playbook's e-mail templates as plain data: the editor does not change them
        #: (yet), it keeps them as they are.
        self.emails: list[dict] = []

    # ------------------------------------------------------------------ building

    @classmethod
    def from_playbook(cls, playbook: Playbook) -> PlaybookDraft:
        draft = cls()
        values = draft.general.values
        values.update(
            name=playbook.name,
            version=playbook.version,
            language=playbook.language,
            description=playbook.description,
        )
        for name in QUALIFICATION_FIELDS:
            values[f"qualification.{name}"] = playbook.qualification.get(name, "")
        draft.emails = [template.to_dict() for template in playbook.emails]
        for stage in playbook.stages:
            draft.stages.adopt(draft._stage_node(stage))
        for objection in playbook.objections:
            draft.objections.adopt(draft._objection_node(objection))
        for close in playbook.closes:
            draft.closes.adopt(
                Node(
                    Kind.CLOSE,
                    {
                        "key": close.key,
                        "title": close.title,
                        "summary": close.summary,
                        "examples": list(close.examples),
                    },
                )
            )
        return draft

    @staticmethod
    def _stage_node(stage: Stage) -> Node:
        node = Node(Kind.STAGE, {"key": stage.key, "title": stage.title, "goal": stage.goal, "minutes": stage.minutes})
        checklist = node.adopt(Node(Kind.CHECKLIST))
        questions = node.adopt(Node(Kind.QUESTIONS))
        for item in stage.checklist:
            checklist.adopt(Node(Kind.ITEM, {"key": item.key, "text": item.text}))
        for question in stage.questions:
            questions.adopt(Node(Kind.QUESTION, {"key": question.key, "text": question.text, "hint": question.hint}))
        return node

    @staticmethod
    def _objection_node(objection: Objection) -> Node:
        return Node(
            Kind.OBJECTION,
            {
                "key": objection.key,
                "title": objection.title,
                "triggers": list(objection.triggers),
                "rebuttals": list(objection.rebuttals),
                "why": objection.why,
            },
        )

    @classmethod
    def blank(cls, name: str, first_stage: str, language: str = "en") -> PlaybookDraft:
        """A new playbook: a name, version 1 and one stage, so it is valid from the start."""
        draft = cls()
        draft.general.values.update(name=name, version="1", language=language)
        stage = draft.new_node(Kind.STAGE, first_stage)
        draft.stages.adopt(stage)
        return draft

    def new_node(self, kind: Kind, title: str) -> Node:
        """A new item of ``kind`` titled ``title``, with a key made from the title (not yet in
        the tree: the caller inserts it, so that the insertion can be undone)."""
        defaults: dict[str, dict[str, object]] = {
            Kind.STAGE: {"goal": "", "minutes": None},
            Kind.ITEM: {},
            Kind.QUESTION: {"hint": ""},
            Kind.OBJECTION: {"triggers": [], "rebuttals": [], "why": ""},
            Kind.CLOSE: {"summary": "", "examples": []},
        }
        node = Node(kind, {TITLE_FIELD[kind]: title, **defaults[kind]}, auto_key=True)
        if kind == Kind.STAGE:
            node.adopt(Node(Kind.CHECKLIST))
            node.adopt(Node(Kind.QUESTIONS))
        node.values["key"] = self.key_for(node, title)
        return node

    # ------------------------------------------------------------------ keys

    def _namespace(self, node: Node) -> list[Node]:
        """The nodes whose keys must differ from ``node``'s (the validator's rule)."""
        if node.kind == Kind.STAGE:
            return list(self.stages.children)
        if node.kind in (Kind.ITEM, Kind.QUESTION):
            group = Kind.CHECKLIST if node.kind == Kind.ITEM else Kind.QUESTIONS
            return [n for stage in self.stages.children for n in stage.group(group).children]
        if node.kind == Kind.OBJECTION:
            return list(self.objections.children)
        if node.kind == Kind.CLOSE:
            return list(self.closes.children)
        return []

    def key_for(self, node: Node, title: str) -> str:
        """A key for ``node`` made from ``title``, unlike any other key in its namespace."""
        taken = {other.key for other in self._namespace(node) if other is not node}
        base = slugify(title, str(node.kind))[:60].rstrip("-")
        key, number = base, 2
        while key in taken:
            key = f"{base}-{number}"
            number += 1
        return key

    def keys_after_title_change(self, node: Node, title: str) -> dict[str, object]:
        """The value changes renaming ``node`` to ``title`` makes: the title, and the key too
        while the key still follows the title."""
        changes: dict[str, object] = {TITLE_FIELD[node.kind]: title}
        if node.auto_key:
            changes["key"] = self.key_for(node, title)
        return changes

    def fix_keys(self) -> None:
        """After saving: every key is now in use by the saved file, so it stops following titles."""
        for node in self.root.walk():
            node.auto_key = False

    # ------------------------------------------------------------------ reading back

    def to_dict(self) -> dict:
        """The draft as plain data in the file's shape (what ``playbook_from_dict`` reads)."""
        g = self.general.values
        data: dict = {
            "name": g["name"],
            "version": g["version"],
            "language": g["language"],
            "description": g["description"],
            "qualification": {
                q: g[f"qualification.{q}"] for q in QUALIFICATION_FIELDS if str(g[f"qualification.{q}"]).strip()
            },
            "stages": [],
            "objections": [],
            "closes": [],
        }
        for stage in self.stages.children:
            v = stage.values
            entry: dict = {"key": v["key"], "title": v["title"], "goal": v["goal"]}
            if v.get("minutes"):
                entry["minutes"] = v["minutes"]
            entry["checklist"] = [dict(n.values) for n in stage.group(Kind.CHECKLIST).children]
            entry["questions"] = [dict(n.values) for n in stage.group(Kind.QUESTIONS).children]
            data["stages"].append(entry)
        for node in self.objections.children:
            data["objections"].append({k: _copy(v) for k, v in node.values.items()})
        for node in self.closes.children:
            data["closes"].append({k: _copy(v) for k, v in node.values.items()})
        if self.emails:
            data["emails"] = [{k: _copy(v) for k, v in template.items()} for template in self.emails]
        return data

    def validate(self) -> list[Problem]:
        try:
            playbook_from_dict(self.to_dict(), "<draft>")
        except PlaybookError as exc:
            return exc.problems
        return []

    def to_playbook(self, source: str = "") -> Playbook:
        """The validated Playbook (raises PlaybookError listing every problem)."""
        return playbook_from_dict(self.to_dict(), source)

    # ------------------------------------------------------------------ paths

    def path(self, node: Node) -> str:
        """The field path of ``node`` as the validator writes it, e.g. ``stages[2].checklist[0]``."""
        if node.kind in (Kind.ROOT, Kind.GENERAL):
            return ""
        if node.kind in (Kind.STAGES, Kind.OBJECTIONS, Kind.CLOSES):
            return str(node.kind)
        assert node.parent is not None
        if node.kind in (Kind.CHECKLIST, Kind.QUESTIONS):
            return f"{self.path(node.parent)}.{node.kind}"
        return f"{self.path(node.parent)}[{node.row}]"

    def locate(self, field_path: str) -> tuple[Node, str]:
        """The node and field a validator path points at: ``stages[1].checklist[0].text`` ->
        (that checklist item, "text"); ``qualification.need`` -> (general, "qualification.need");
        ``stages`` -> (the stages group, "")."""
        tokens = [(name, int(index) if index else None) for name, index in _PATH_TOKEN.findall(field_path)]
        if not tokens:
            return self.general, ""
        first = tokens[0][0]
        if first not in ("stages", "objections", "closes"):
            return self.general, ".".join(name for name, _ in tokens if name)
        node = {"stages": self.stages, "objections": self.objections, "closes": self.closes}[first]
        rest = tokens[1:]
        while rest:
            name, index = rest[0]
            if index is not None and node.kind in GROUP_KINDS:
                if index >= len(node.children):
                    break
                node = node.children[index]
            elif name in ("checklist", "questions") and node.kind == Kind.STAGE:
                node = node.group(Kind(name))
            else:
                return node, name  # a field (a list field's own index is dropped)
            rest = rest[1:]
        return node, ""

    def problems_by_node(self, problems: list[Problem]) -> dict[Node, list[tuple[str, str]]]:
        """``problems`` grouped by the node they belong to, as (field, message) pairs."""
        out: dict[Node, list[tuple[str, str]]] = {}
        for problem in problems:
            node, name = self.locate(problem.field)
            out.setdefault(node, []).append((name, problem.message))
        return out


def _copy(value: object) -> object:
    return list(value) if isinstance(value, list) else value
