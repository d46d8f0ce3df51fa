"""The language of the user interface: Qt translators for SalesDesk's own strings and Qt's.

The language is, in order: $SALESDESK_LANG, the ``ui/language`` setting, the system locale.
SalesDesk's translations are ``resources/translations/salesdesk_<lang>.qm`` (compiled from
the ``.ts`` files next to them with ``make translations``); Qt's own (standard buttons, file
dialogs) come with Qt. A language without a translation falls back to English.

A playbook's own language is separate: it is content, written in whatever language the team
works in (the ``language`` field of the file).
"""

from __future__ import annotations

import os
import re
from contextlib import ExitStack

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from salesdesk.core.bidi import isolate
from salesdesk.settings import UI_LANGUAGE

LANGUAGE_ENV = "SALESDESK_LANG"
#: Installed translators, kept referenced (Qt does not own them) so they can be removed again.
_installed: list[QTranslator] = []
#: Keeps the translations folder available while a translator reads it (see install_translators).
_files = ExitStack()
#: How dates and numbers in SalesDesk's own text are written: the translation's locale, else
#: US English (what the English text is written for, whatever the system locale says).
ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
_current = {"locale": ENGLISH}


def ui_language(settings: QSettings | None = None) -> str:
    """The language code to use, e.g. "de" or "de_AT" ("" for the built-in English)."""
    chosen = os.environ.get(LANGUAGE_ENV, "").strip()
    if not chosen and settings is not None:
        chosen = str(settings.value(UI_LANGUAGE.key, UI_LANGUAGE.default) or "").strip()
    return chosen or QLocale.system().name()


def install_translators(language: str) -> list[str]:
    """Install the translators for ``language`` on the running application, replacing any
    installed before. Returns what was loaded (for logs and tests)."""
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    remove_translators()
    if not language or language in ("C", "en", "en_US"):
        return []
    locale = QLocale(language)
    loaded = []
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
        loaded.append(qt.filePath())
    from importlib.resources import as_file, files  # ~4 ms: only when there is text to translate

    own = QTranslator(app)
    folder = files("salesdesk.resources") / "translations"
    # as_file: the .qm is a real file even when SalesDesk runs from a zip; Qt maps the file
    # rather than copying it, so the folder must stay until the translator is removed.
    directory = _files.enter_context(as_file(folder))
    if own.load(locale, "salesdesk", "_", str(directory)):
        app.installTranslator(own)
        _installed.append(own)
        loaded.append(own.filePath())
        _current["locale"] = locale
        QLocale.setDefault(locale)  # date pickers and Qt's dialogs follow the text's language
    return loaded


def remove_translators() -> None:
    app = QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
        translator.deleteLater()
    _files.close()
    if _current["locale"] is not ENGLISH:
        _current["locale"] = ENGLISH
        QLocale.setDefault(QLocale.system())


def ui_locale() -> QLocale:
    """The locale SalesDesk's text is written for (dates and numbers in sentences)."""
    return _current["locale"]


def fill(text: str, *values: object) -> str:
    """Qt's %1, %2 … placeholders filled in one pass (PySide's tr() returns a Python str,
    which has no .arg(); one pass keeps a "%2" inside the first value as it is). Each value
    is bidi-isolated (core.bidi): a name with right-to-left text or an override character
    cannot turn the rest of the sentence around."""
    return re.sub(r"%(\d)", lambda m: isolate(str(values[int(m.group(1)) - 1])), text)


def plural(text: str, count: int) -> str:
    """A text from ``tr("%n call(s)", "", count)`` ready to show.

    With a translation Qt has chosen the language's form (German has two, others more);
    without one the English source text comes back with Qt's count in it, and its "(s)"
    is resolved here: "1 call", "3 calls"."""
    return text.replace("(s)", "" if count == 1 else "s")


def number(value: int) -> str:
    """A count with the language's digit grouping (1,234 / 1.234)."""
    return _current["locale"].toString(value)


def date_text(day, pattern: str) -> str:
    """``day`` (a date or datetime, shown in local time) in a QDate pattern such as
    "dd MMM yyyy", with the month names of the UI language. Patterns are translatable text."""
    from datetime import datetime

    from PySide6.QtCore import QDate

    if isinstance(day, datetime):
        from salesdesk.core.call import to_local

        day = to_local(day).date()
    return _current["locale"].toString(QDate(day), pattern)


def literal(text: str) -> str:
    """``text`` from a playbook (a stage title, a playbook name, a question) for a menu entry,
    button or label with a buddy, where "&" marks the shortcut letter: shown as written."""
    return text.replace("&", "&&")


def without_mnemonic(text: str) -> str:
    """What a menu entry's text shows: its shortcut mark gone, "&&" as "&" ("&8. A && B" is
    "8. A & B")."""
    return re.sub(r"&(.)", r"\1", text, flags=re.DOTALL)
