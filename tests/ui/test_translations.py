"""The user interface in another language, end to end: the .ts source, the compiled .qm, the
translator set up from $SALESDESK_LANG or the setting, and German text in real windows."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QToolButton

from salesdesk.core.library import load_library
from salesdesk.ui.history.last_time import LastTimePanel
from salesdesk.ui.kit.i18n import LANGUAGE_ENV, install_translators, plural, remove_translators, ui_language
from tests.helpers.typing import type_text

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "translations" / "salesdesk_de.ts"
BIN = Path(sys.executable).parent


def test_language_comes_from_the_environment_then_the_setting(monkeypatch, tmp_path: Path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/language", "de")
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    assert ui_language(settings) == "de"
    monkeypatch.setenv(LANGUAGE_ENV, "fr")
    assert ui_language(settings) == "fr"


def test_the_editor_and_the_menu_speak_german(german, qtbot, data_dir: Path):
    assert any(path.endswith("salesdesk_de.qm") for path in german)
    from salesdesk.ui.playbooks.editor import PlaybookEditor

    user_dir = data_dir / "playbooks"
    editor = PlaybookEditor(lambda: load_library(user_dir), user_dir)
    qtbot.addWidget(editor)
    assert editor.actions["save"].text() == "Als neue Version &speichern"
    assert [m.title() for m in (a.menu() for a in editor.menuBar().actions())] == ["&Playbook", "&Bearbeiten"]
    model = editor.model
    assert model.index_of(model.draft.stages).data() == "Phasen (8)"
    assert model.index_of(model.draft.closes).data() == "Abschlusstechniken (5)"
    editor.reveal(model.draft.objections.children[0])
    assert editor.current_form().heading.text() == "Einwand: Too expensive / no budget"  # content stays as written
    assert editor.problems_label.text() == "Keine Probleme: bereit zum Speichern."

    from salesdesk.ui.app import create_window

    window = create_window(data_dir)
    qtbot.addWidget(window)
    assert window.actions["edit_playbooks"].text() == "Playbooks &bearbeiten …"
    # Qt's own strings come along (standard buttons).
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
    from salesdesk.storage import close_db

    close_db()


def test_english_needs_no_translator(qapp):
    assert install_translators("en") == []
    remove_translators()


def test_the_sidebar_speaks_german(german, qtbot, open_window, on_dialog):
    window = open_window()
    bar = window.menuBar()
    assert [a.text() for a in bar.actions()] == ["&Gespräch", "&Phase", "&Einwand", "&Ansicht", "&Verlauf", "E&xtras"]
    assert window.actions["new_call"].text() == "&Neues Gespräch …"
    assert window.actions["end_call"].toolTip() == "Das Gespräch beenden und sein Ergebnis erfassen (Strg+Umschalt+E)"
    assert window.actions["log_raised"].text() == "Als &genannt erfassen"
    assert window.actions["history"].text() == "Gesprächs&verlauf …"
    assert window.actions["backup_now"].text() == "&Jetzt sichern"
    assert window.actions["quit"].text() == "&Beenden"
    assert window.empty_page.title.text() == "Kein Gespräch im Gang"
    assert window.empty_page.button.text() == "Gespräch beginnen  (Strg+N)"
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "&Phase",
        "&Eckdaten",
        "Ein&wände",
        "Ab&schluss",
    ]
    # Each menu's accelerators are unique (the stage list's are its numbers).
    for action in bar.actions():
        keys = [re.search(r"&(\w)", a.text()) for a in action.menu().actions() if not a.isSeparator()]
        letters = [k.group(1).lower() for k in keys if k]
        assert len(letters) == len(set(letters)), action.text()

    seen = {}

    def start(dialog):
        seen["start"] = (dialog.windowTitle(), dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text())
        seen["cancel"] = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text()
        type_text(dialog.name, "Jürgen Groß")
        dialog.accept()

    on_dialog(start)
    window.actions["new_call"].trigger()
    qtbot.waitUntil(lambda: window.controller.call is not None)
    assert seen["start"] == ("Gespräch beginnen", "Gespräch beginnen")
    assert seen["cancel"] == "Abbrechen"  # Qt's own translation
    assert window.stage_panel.questions_title.text() == "Fragen"
    assert window.header.stage_timer.text().startswith("Phase ")

    def end(dialog):
        seen["end"] = (dialog.windowTitle(), dialog.end_button.text(), dialog.missing.text())
        dialog.outcome.setCurrentText("Won")
        dialog.accept()

    on_dialog(end)
    window.actions["end_call"].trigger()
    qtbot.waitUntil(lambda: window.controller.call is None)
    assert seen["end"] == (
        "Gespräch mit Jürgen Groß beenden",
        "Gespräch beenden",
        "Noch nötig, um das Gespräch zu beenden: Ergebnis.",
    )
    assert window.empty_page.detail.text() == "Gespräch mit Jürgen Groß beendet: Won."  # the outcome is data


def test_last_time_names_the_qualification_fields_in_german(german, qtbot, open_window, store, playbook):
    from salesdesk.ui.kit import background
    from tests.helpers.history import earlier_call_with_everything

    dana = earlier_call_with_everything(store, playbook)
    window = open_window()
    window.controller.start_call(dana, window.library.default)
    panel = window.features.get(LastTimePanel)
    qtbot.waitUntil(panel.isVisible)
    body = panel.body.text()
    assert "<b>Bedarf:</b> Fewer late deliveries" in body and "<b>Entscheider:</b> COO signs" in body
    assert "Need" not in body and "Authority" not in body
    background.wait_idle()
    background.close_connections()


def test_german_menu_titles_fit_the_narrowest_sidebar(german, qtbot, open_window, on_dialog):
    window = open_window()
    on_dialog(lambda dialog: (type_text(dialog.name, "Dana Whitfield"), dialog.accept()))
    window.actions["new_call"].trigger()
    qtbot.waitUntil(lambda: window.controller.call is not None)
    window.resize(200, 700)
    assert window.width() == 320  # the minimum
    QApplication.processEvents()
    bar = window.menuBar()
    overflow = bar.findChild(QToolButton, "qt_menubar_ext_button")
    assert overflow is None or not overflow.isVisible()
    assert bar.actionGeometry(bar.actions()[-1]).right() < bar.width()
    # The tabs are all shown in full, without scroll buttons.
    tab_bar = window.tabs.tabBar()
    assert tab_bar.isVisible()
    assert sum(tab_bar.tabRect(i).width() for i in range(tab_bar.count())) <= tab_bar.width()
    assert not any(button.isVisible() for button in tab_bar.findChildren(QToolButton))


def test_plural_forms_follow_the_language(qapp):
    def calls(n: int) -> str:
        return plural(QCoreApplication.translate("CallsPage", "%Ln call(s)", None, n), n)

    assert (calls(1), calls(3)) == ("1 call", "3 calls")  # the English source, without a translator
    install_translators("de")
    try:
        assert (calls(1), calls(3), calls(1234)) == ("1 Gespräch", "3 Gespräche", "1.234 Gespräche")
    finally:
        remove_translators()


def _messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).iter("message"))


def _key(message: ET.Element) -> tuple[str, str]:
    return message.findtext("source") or "", message.findtext("comment") or ""


def _placeholders(text: str) -> Counter:
    return Counter(re.findall(r"%L?n|%\d", text))


def _mnemonics(text: str) -> int:
    return len(re.findall(r"&(?!&)\w", text.replace("&&", "")))


def test_every_message_has_a_finished_german_translation_with_the_same_placeholders():
    problems = []
    messages = _messages(TS)
    assert len(messages) > 600
    for message in messages:
        source = message.findtext("source")
        translation = message.find("translation")
        forms = (
            [f.text or "" for f in translation.iter("numerusform")]
            if message.get("numerus")
            else [translation.text or ""]
        )
        if translation.get("type") or not all(f.strip() for f in forms):
            problems.append(f"not translated: {source!r}")
            continue
        if message.get("numerus") and len(forms) != 2:  # German: singular and plural
            problems.append(f"needs two plural forms: {source!r}")
        for form in forms:
            if _placeholders(form) != _placeholders(source):
                problems.append(f"placeholders differ: {source!r} -> {form!r}")
            if _mnemonics(form) != _mnemonics(source):
                problems.append(f"accelerator missing or added: {source!r} -> {form!r}")
    assert problems == []


@pytest.mark.skipif(shutil.which("pyside6-lupdate", path=str(BIN)) is None, reason="needs Qt's linguist tools")
def test_translation_files_are_up_to_date_and_compiled(tmp_path: Path):
    """lupdate on today's UI modules (what `make translations` scans) finds no message the .ts
    lacks and none it no longer needs, and the committed .qm is what lrelease makes of the .ts."""
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    sources = sorted((REPO / "salesdesk" / "ui").rglob("*.py"))
    subprocess.run(
        [
            BIN / "pyside6-lupdate",
            *sources,
            "-source-language",
            "en",
            "-locations",
            "none",
            "-no-obsolete",
            "-ts",
            fresh,
        ],
        check=True,
        capture_output=True,
    )
    before = {_key(m) for m in _messages(TS)}
    after = _messages(fresh)
    assert sorted(k for k in {_key(m) for m in after} - before) == []  # new in the code, missing from the .ts
    assert sorted(before - {_key(m) for m in after}) == []  # gone from the code, still in the .ts
    unfinished = [m.findtext("source") for m in after if m.find("translation").get("type") == "unfinished"]
    assert unfinished == []
    assert ET.tostring(ET.parse(fresh).getroot()) == ET.tostring(ET.parse(TS).getroot())
    compiled = tmp_path / "fresh.qm"
    subprocess.run([BIN / "pyside6-lrelease", TS, "-qm", compiled], check=True, capture_output=True)
    assert compiled.read_bytes() == TS.with_suffix(".qm").read_bytes()
