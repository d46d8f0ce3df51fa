"""The user interface in another language, end to end: the .ts source, the compiled .qm, the
translator set up from $SALESDESK_LANG or the setting, and German text in real windows."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox

from salesdesk.core.library import load_library
from salesdesk.ui.i18n import LANGUAGE_ENV, install_translators, remove_translators, ui_language

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "translations" / "salesdesk_de.ts"
BIN = Path(sys.executable).parent


@pytest.fixture
def german(qapp):
    loaded = install_translators("de")
    yield loaded
    remove_translators()


def test_language_comes_from_the_environment_then_the_setting(monkeypatch, tmp_path: Path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/language", "de")
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    assert ui_language(settings) == "de"
    monkeypatch.setenv(LANGUAGE_ENV, "fr")
    assert ui_language(settings) == "fr"


def test_the_editor_and_the_menu_speak_german(german, qtbot, data_dir: Path):
    assert any(path.endswith("salesdesk_de.qm") for path in german)
    from salesdesk.ui.playbook_editor import PlaybookEditor

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


@pytest.mark.skipif(shutil.which("pyside6-lupdate", path=str(BIN)) is None, reason="needs Qt's linguist tools")
def test_translation_files_are_complete_and_compiled(tmp_path: Path):
    """Every tr() string in the translated modules is in the .ts with a finished German
    translation, and the committed .qm is exactly what lrelease makes of the .ts
    (`make translations` updates both)."""
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    sources = [REPO / "salesdesk" / "ui" / f"playbook_{n}.py" for n in ("editor", "forms", "tree", "files", "menu")]
    subprocess.run(
        [BIN / "pyside6-lupdate", *sources, "-locations", "none", "-no-obsolete", "-ts", fresh],
        check=True,
        capture_output=True,
    )
    messages = list(ET.parse(fresh).iter("message"))
    assert len(messages) > 100
    unfinished = [m.findtext("source") for m in messages if m.find("translation").get("type") == "unfinished"]
    assert unfinished == []
    assert ET.tostring(ET.parse(fresh).getroot()) == ET.tostring(ET.parse(TS).getroot())
    compiled = tmp_path / "fresh.qm"
    subprocess.run([BIN / "pyside6-lrelease", TS, "-qm", compiled], check=True, capture_output=True)
    assert compiled.read_bytes() == TS.with_suffix(".qm").read_bytes()
