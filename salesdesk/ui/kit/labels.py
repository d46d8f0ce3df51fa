"""Names the sidebar shows for things the core knows by key (wrap-up fields, qualification
fields, palette kinds, colour schemes), in the UI language.

The core keeps its English names for the CLI and the exports; the windows ask here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_WRAPUP = {
    "outcome": QT_TRANSLATE_NOOP("Labels", "Outcome"),
    "next_step": QT_TRANSLATE_NOOP("Labels", "Next step"),
    "due": QT_TRANSLATE_NOOP("Labels", "Due date"),
}
_QUALIFICATION = {
    "need": QT_TRANSLATE_NOOP("Labels", "Need"),
    "budget": QT_TRANSLATE_NOOP("Labels", "Budget"),
    "timeline": QT_TRANSLATE_NOOP("Labels", "Timeline"),
    "authority": QT_TRANSLATE_NOOP("Labels", "Authority"),
}
# The same names inside a sentence ("still unknown: budget, timeline"): lower case in
# English, as the language writes them mid-sentence in translations.
_WRAPUP_IN_TEXT = {
    "outcome": QT_TRANSLATE_NOOP("Labels", "outcome"),
    "next_step": QT_TRANSLATE_NOOP("Labels", "next step"),
    "due": QT_TRANSLATE_NOOP("Labels", "due date"),
}
_QUALIFICATION_IN_TEXT = {
    "need": QT_TRANSLATE_NOOP("Labels", "need"),
    "budget": QT_TRANSLATE_NOOP("Labels", "budget"),
    "timeline": QT_TRANSLATE_NOOP("Labels", "timeline"),
    "authority": QT_TRANSLATE_NOOP("Labels", "authority"),
}
_KINDS = {
    "objection": QT_TRANSLATE_NOOP("Labels", "Objection"),
    "line": QT_TRANSLATE_NOOP("Labels", "Rebuttal line"),
    "close": QT_TRANSLATE_NOOP("Labels", "Closing technique"),
    "close-line": QT_TRANSLATE_NOOP("Labels", "Closing line"),
    "question": QT_TRANSLATE_NOOP("Labels", "Question"),
    "checklist": QT_TRANSLATE_NOOP("Labels", "Checklist"),
    "action": QT_TRANSLATE_NOOP("Labels", "Command"),
}
_SCHEMES = {
    "system": QT_TRANSLATE_NOOP("Labels", "Follow the system"),
    "light": QT_TRANSLATE_NOOP("Labels", "Light"),
    "dark": QT_TRANSLATE_NOOP("Labels", "Dark"),
}


def _label(names: dict[str, str], key: str) -> str:
    text = names.get(key)
    return QCoreApplication.translate("Labels", text) if text else key


def wrapup_field(name: str) -> str:
    """A wrap-up field (core.wrapup.WRAPUP_FIELDS key): "Outcome", "Next step", "Due date"."""
    return _label(_WRAPUP, name)


def qualification_field(field: str) -> str:
    """A qualification field (core.playbook.QUALIFICATION_FIELDS): "Need", "Budget" …"""
    return _label(_QUALIFICATION, field)


def wrapup_field_in_text(name: str) -> str:
    """A wrap-up field as written inside a sentence ("next step")."""
    return _label(_WRAPUP_IN_TEXT, name)


def qualification_field_in_text(field: str) -> str:
    """A qualification field as written inside a sentence ("budget")."""
    return _label(_QUALIFICATION_IN_TEXT, field)


def entry_kind(kind: str) -> str:
    """What a command palette entry is (core.search.KIND_LABELS key)."""
    return _label(_KINDS, kind)


def color_scheme(key: str) -> str:
    """A colour scheme choice (ui.kit.prefs.COLOR_SCHEMES key)."""
    return _label(_SCHEMES, key)
