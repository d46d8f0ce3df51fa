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
from contextlib import ExitStack
from importlib.resources import as_file, files

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

LANGUAGE_ENV = "SALESDESK_LANG"
LANGUAGE_SETTING = "ui/language"
#: Installed translators, kept referenced (Qt does not own them) so they can be removed again.
_installed: list[QTranslator] = []
#: Keeps the translations folder available while a translator reads it (see install_translators).
_files = ExitStack()


def ui_language(settings: QSettings | None = None) -> str:
    """The language code to use, e.g. "de" or "de_AT" ("" for the built-in English)."""
    chosen = os.environ.get(LANGUAGE_ENV, "").strip()
    if not chosen and settings is not None:
        chosen = str(settings.value(LANGUAGE_SETTING, "") or "").strip()
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
    own = QTranslator(app)
    folder = files("salesdesk.resources") / "translations"
    # as_file: the .qm is a real file even when SalesDesk runs from a zip; Qt maps the file
    # rather than copying it, so the folder must stay until the translator is removed.
    directory = _files.enter_context(as_file(folder))
    if own.load(locale, "salesdesk", "_", str(directory)):
        app.installTranslator(own)
        _installed.append(own)
        loaded.append(own.filePath())
    return loaded


def remove_translators() -> None:
    app = QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
        translator.deleteLater()
    _files.close()
