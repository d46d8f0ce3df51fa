"""The sidebar's Playbook menu: several playbooks, the default one, the editor, files; and a
call that keeps the playbook version it was started with whatever is saved later."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from salesdesk.core.call import Contact
from salesdesk.core.library import load_library
from salesdesk.core.playbook_check import load_playbook
from salesdesk.storage import close_db
from salesdesk.ui.app import create_window
from salesdesk.ui.beside_call.compact import CompactMode
from salesdesk.ui.beside_call.palette import CommandPalette
from salesdesk.ui.playbooks import files as playbook_files
from salesdesk.ui.playbooks.editor import PlaybookEditor
from tests.helpers.sidebar import end_call, start_call
from tests.helpers.typing import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def open_editor(window, qtbot) -> PlaybookEditor:
    qtbot.keyClick(window, Qt.Key.Key_B, CTRL | SHIFT)
    editor = window.features.get(PlaybookEditor)
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    return editor


def close_editor(window, qtbot) -> None:
    editor = window.features.get(PlaybookEditor)
    editor.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_the_playbook_menu_lists_its_commands(open_window):
    window = open_window()
    texts = [a.text() for a in window.menus["tools"].actions()]
    assert texts[:3] == ["&Edit playbooks…", "&Import playbook…", "E&xport playbook…"]
    assert window.actions["edit_playbooks"].toolTip() == "Edit, create and delete playbooks (Ctrl+Shift+B)"


def test_a_call_keeps_the_version_it_started_with(qtbot, open_window, on_dialog, data_dir: Path):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    call_id = window.controller.call.id
    assert window.header.stage_combo.itemText(0) == "1. Prospecting"

    # Mid-call, the rep renames the first stage in the editor and saves a new version.
    editor = open_editor(window, qtbot)
    prospecting = editor.model.draft.stages.children[0]
    editor.reveal(prospecting)
    title = editor.current_form().widgets["title"]
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_A, CTRL)
    type_text(title, "Research the account")
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    saved = load_playbook(data_dir / "playbooks" / "eight-step-sales-call.toml")
    assert (saved.version, saved.stages[0].title) == ("2.1", "Research the account")
    close_editor(window, qtbot)

    # The running call still shows the version it was started with...
    assert window.controller.call.playbook.version == "2.0"
    assert window.header.stage_combo.itemText(0) == "1. Prospecting"
    # ...so does the same call read back after a restart...
    window.close()
    close_db()
    again = create_window(data_dir)
    qtbot.addWidget(again)
    assert again.controller.call.id == call_id
    assert again.controller.call.playbook.version == "2.0"
    assert again.controller.call.playbook.stages[0].title == "Prospecting"
    again.show()
    qtbot.waitExposed(again)
    again.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is again)
    assert again.header.stage_combo.itemText(0) == "1. Prospecting"

    # ...while the next call starts on the new version.
    end_call(again, qtbot, on_dialog, "Demo booked", "", due=None)
    seen = {}

    def look(dialog):
        seen["playbook"] = dialog.playbook.currentText()
        type_text(dialog.name, "Lee Park")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    on_dialog(look)
    qtbot.keyClick(again, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: again.controller.call is not None)
    assert seen["playbook"] == "Eight-step sales call (v2.1)"
    assert again.header.stage_combo.itemText(0) == "1. Research the account"
    # The first call is stored with its own snapshot, untouched.
    assert again.store.load_call(call_id).playbook.stages[0].title == "Prospecting"


def test_the_default_playbook_is_remembered(qtbot, open_window, on_dialog, data_dir: Path):
    window = open_window()
    menu = next(a.menu() for a in window.menus["tools"].actions() if a.menu() is not None)
    menu.aboutToShow.emit()
    entries = {a.text(): a for a in menu.actions()}
    assert list(entries) == ["Eight-step sales call (v2.0)", "Renewal and growth review (v1.0)"]
    assert entries["Eight-step sales call (v2.0)"].isChecked()
    entries["Renewal and growth review (v1.0)"].trigger()
    assert window.library.default.name == "Renewal and growth review"
    window.close()
    close_db()

    # After a restart, the start-call dialog offers the chosen playbook first.
    again = create_window(data_dir)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is again)
    seen = {}

    def look(dialog):
        seen["choice"] = dialog.playbook.currentText()
        dialog.reject()

    on_dialog(look)
    qtbot.keyClick(again, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: "choice" in seen)
    assert seen["choice"] == "Renewal and growth review (v1.0)"


def test_import_and_export_from_the_sidebar(qtbot, open_window, on_dialog, monkeypatch, tmp_path: Path):
    window = open_window()
    data_dir = window.controller.handle.data_dir
    team = tmp_path / "team.toml"
    team.write_text('name = "Team demo"\nversion = "2"\n[[stages]]\nkey = "demo"\ntitle = "Demo"\n', encoding="utf-8")
    monkeypatch.setattr(playbook_files, "ask_open_path", lambda _parent: team)
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL | SHIFT)
    assert window.library.find("Team demo") is not None
    assert (data_dir / "playbooks" / "team-demo.toml").read_bytes() == team.read_bytes()
    assert window.statusBar().currentMessage() == "Imported Team demo (v2): choose it when you start a call."

    # Importing the same name again asks first; "No" leaves the rep's file alone.
    team.write_text(team.read_text(encoding="utf-8").replace('"2"', '"3"'), encoding="utf-8")
    on_dialog(lambda box: box.reject())
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL | SHIFT)
    assert load_playbook(data_dir / "playbooks" / "team-demo.toml").version == "2"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    # Without a call, Export asks which playbook.
    target = tmp_path / "out" / "shared.toml"
    suggested = []
    monkeypatch.setattr(playbook_files, "ask_save_path", lambda _parent, name: suggested.append(name) or target)

    def pick_renewal(dialog):
        dialog.setTextValue("Renewal and growth review (v1.0)")
        dialog.accept()

    on_dialog(pick_renewal)
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL | SHIFT)
    assert suggested == ["renewal-and-growth-review.toml"]
    assert load_playbook(target).name == "Renewal and growth review"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    # During a call, Export writes the exact version the call uses.
    start_call(window, qtbot, on_dialog)
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL | SHIFT)
    assert load_playbook(target) == window.controller.call.playbook


def test_the_editor_opens_on_the_default_and_refreshes_the_sidebar(qtbot, open_window, data_dir: Path):
    window = open_window()
    editor = open_editor(window, qtbot)
    assert editor.base.name == "Eight-step sales call"
    qtbot.keyClick(editor, Qt.Key.Key_N, CTRL)
    type_text(editor.current_form().widgets["name"], "Demo call")
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    # The sidebar's library was reloaded: the new playbook can be chosen for the next call.
    assert window.library.find("Demo call") is not None
    assert [p.name for p in load_library(data_dir / "playbooks").playbooks][-1] == "Demo call"
    assert open_editor(window, qtbot) is editor  # one editor per sidebar


def test_an_ampersand_in_a_playbook_shows_as_written_everywhere(qtbot, open_window, data_dir: Path):
    """Menus, buttons and labels with a shortcut take "&" as the mark of the shortcut letter:
    a playbook's "Referrals & nurture" must not come out as "Referrals _nurture"."""
    user = data_dir / "playbooks"
    user.mkdir(parents=True)
    (user / "land.toml").write_text(
        'name = "Land & expand"\nversion = "1"\n'
        '[[stages]]\nkey = "open"\ntitle = "Open & agree"\n'
        '[[stages.questions]]\nkey = "pricing"\ntext = "Pricing & packaging: what fits?"\n'
        '[[stages]]\nkey = "referrals"\ntitle = "Referrals & nurture"\n'
        '[[stages.checklist]]\nkey = "ask"\ntext = "Asked for one name"\n',
        encoding="utf-8",
    )
    window = open_window()
    playbook = window.library.find("Land & expand")
    window.controller.start_call(Contact("Dana Whitfield"), playbook)

    # The Stage menu (iconText is the text as the menu shows it: Qt's own reading of the marks).
    stage_entries = [a.iconText() for a in window.stage_menu.actions() if a.objectName() or a.text()]
    assert "1. Open & agree" in stage_entries and "2. Referrals & nurture" in stage_entries
    # The default-playbook menu.
    defaults = next(a.menu() for a in window.menus["tools"].actions() if a.menu() is not None)
    defaults.aboutToShow.emit()
    assert "Land & expand (v1)" in [a.iconText() for a in defaults.actions()]
    # The palette's commands.
    window.actions["palette"].trigger()
    palette = window.features.get(CommandPalette)
    type_text(palette.field, "referrals")
    assert "Go to stage 2. Referrals & nurture" in palette.results_titles()
    palette.close_palette()
    # A question's label (its buddy, the answer field, makes "&" a shortcut mark): drawn
    # exactly as a plain label with the text as written.
    edit = window.stage_panel.answer_edits["pricing"]
    label = next(w for w in window.stage_panel.findChildren(QLabel) if w.buddy() is edit)
    plain = QLabel("Pricing & packaging: what fits?", label.parentWidget())
    plain.setTextFormat(Qt.TextFormat.PlainText)
    plain.setWordWrap(True)
    plain.setGeometry(label.geometry())
    assert label.grab().toImage() == plain.grab().toImage()
    # The compact strip.
    window.controller.set_stage("referrals")
    window.actions["compact_mode"].setChecked(True)
    strip = window.features.find(CompactMode).strip
    assert "Referrals & nurture" in strip.stage.text()
    window.actions["compact_mode"].setChecked(False)
