"""The Export menu driven from the keyboard and mouse: clipboard, files, many calls, import."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from salesdesk.core.call import Contact
from salesdesk.core.calls_file import dumps
from salesdesk.core.crm import PRESETS
from salesdesk.ui.exporting.feature import ExportCommands
from tests.calls_data import START, add_rich_call
from tests.helpers.files import FakeFileDialog
from tests.helpers.sidebar import CTRL, SHIFT, db_rows, end_call, start_call
from tests.helpers.typing import type_text


@pytest.fixture(autouse=True)
def empty_clipboard_afterwards(qapp):
    """Qt's offscreen platform crashes at exit while its clipboard holds a QMimeData made in
    Python (the X11 one does not); leave it empty after each test."""
    yield
    QGuiApplication.clipboard().clear()


@pytest.fixture
def files(monkeypatch) -> FakeFileDialog:
    return FakeFileDialog(monkeypatch)


def work_a_call(window, qtbot, on_dialog) -> None:
    start_call(window, qtbot, on_dialog, email="dana@northwind.example")
    window.controller.set_qualification("budget", "=SUM(A1:A9)")
    editor = window.notes_panel.editor
    qtbot.keyClick(window, Qt.Key.Key_J, CTRL)
    type_text(editor, "Pilot on one depot *first* <b>")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    type_text(editor, "Still typing שלום 🎉")  # not submitted: it belongs to the copy all the same


def test_ctrl_shift_c_puts_the_running_call_on_the_clipboard_as_html_and_markdown(qtbot, open_window, on_dialog):
    window = open_window()
    work_a_call(window, qtbot, on_dialog)
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(window.notes_panel.editor, Qt.Key.Key_C, CTRL | SHIFT)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    markdown = mime.text()
    assert markdown.startswith("# Call with Dana Whitfield\n")
    assert "Pilot on one depot \\*first\\* \\<b\\>" in markdown
    assert "Still typing שלום 🎉" in markdown
    assert "- **Budget:** =SUM(A1:A9)" in markdown
    html = mime.html()
    assert "Pilot on one depot *first* &lt;b&gt;" in html and "<b>" not in html.split("Pilot")[1][:40]
    assert html.startswith('<meta charset="utf-8"><div style=') and "<title>" not in html
    assert bytes(mime.data("text/markdown")).decode() == markdown
    assert "Copied the call with Dana Whitfield" in window.statusBar().currentMessage()
    # The typed text was saved on the way, as a draft note.
    assert db_rows(window.controller.handle.data_dir, "select text, draft from note order by id") == [
        ("Pilot on one depot *first* <b>", 0),
        ("Still typing שלום 🎉", 1),
    ]


def test_after_a_call_the_empty_page_offers_copy_and_export(qtbot, open_window, on_dialog, files, tmp_path: Path):
    window = open_window()
    bar = window.features.get(ExportCommands).after_call
    assert bar.isHidden()
    work_a_call(window, qtbot, on_dialog)
    end_call(window, qtbot, on_dialog, "Meeting booked", "Send proposal", due=date.today() + timedelta(days=7))
    assert window.pages.currentWidget() is window.empty_page and bar.isVisible()
    assert bar.copy_button.text() == "Copy notes  (Ctrl+Shift+C)"
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(bar.copy_button, Qt.MouseButton.LeftButton)
    text = QGuiApplication.clipboard().text()
    assert "- **Outcome:** Meeting booked" in text and "Still typing" in text

    target = tmp_path / "out" / "recap"
    target.parent.mkdir()
    files.answers.append(str(target))
    qtbot.mouseClick(bar.export_button, Qt.MouseButton.LeftButton)
    (asked,) = files.asked
    assert asked["caption"] == "Export call" and asked["start"].endswith(f"{date.today():%Y-%m-%d} Dana Whitfield.md")
    saved = target.with_suffix(".md")  # the chosen format's extension is added
    assert saved.read_text(encoding="utf-8").startswith("# Call with Dana Whitfield\n")
    assert "Saved the call with Dana Whitfield to recap.md" in window.statusBar().currentMessage()

    # A new call hides the offer.
    start_call(window, qtbot, on_dialog, name="Ana Lima", company="")
    assert bar.isHidden()


def test_ctrl_e_exports_a_pdf_and_remembers_the_folder(qtbot, open_window, on_dialog, files, tmp_path: Path):
    window = open_window()
    work_a_call(window, qtbot, on_dialog)
    folder = tmp_path / "reports"
    folder.mkdir()
    files.answers.append(str(folder / "dana.pdf"))
    qtbot.keyClick(window.notes_panel.editor, Qt.Key.Key_E, CTRL)  # works while typing a note
    assert (folder / "dana.pdf").read_bytes().startswith(b"%PDF-")
    assert window.notes_panel.editor.toPlainText() == "Still typing שלום 🎉"
    assert window.settings.value("export/folder") == str(folder)
    # Next time the dialog opens in that folder, on the format chosen last.
    files.answers.append("")
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    assert files.asked[1]["start"].startswith(str(folder)) and files.asked[1]["start"].endswith(".pdf")
    assert files.asked[1]["selected"] == "PDF document (*.pdf)"
    assert sorted(p.name for p in folder.iterdir()) == ["dana.pdf"]  # cancelling wrote nothing


def test_export_to_a_folder_that_cannot_be_written_says_so(qtbot, open_window, on_dialog, tmp_path: Path):
    window = open_window()
    work_a_call(window, qtbot, on_dialog)
    assert not window.features.get(ExportCommands).export_call_to(tmp_path / "gone" / "x.md")
    assert window.banner.isVisible() and "cannot write" in window.banner.label.text()


def test_with_no_call_at_all_the_commands_say_so(qtbot, open_window):
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_C, CTRL | SHIFT)
    assert window.statusBar().currentMessage() == "No call to copy yet: start one with Ctrl+N."


def test_after_a_restart_copy_takes_the_most_recent_call(qtbot, open_window, store, playbook):
    add_rich_call(store, playbook)
    add_rich_call(store, playbook, started_at=START + timedelta(days=1), name="Élodie Martin")
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_C, CTRL | SHIFT)
    assert QGuiApplication.clipboard().text().startswith("# Call with Élodie Martin\n")


def test_many_calls_export_as_csv_on_a_worker(qtbot, open_window, on_dialog, *, files, store, playbook, tmp_path: Path):
    for day in range(3):
        add_rich_call(store, playbook, started_at=START + timedelta(days=day), name=f"Client {day}")
    store.start_call(Contact("Someone Else"), playbook, START)
    window = open_window()

    def choose(dialog):
        assert dialog.format.currentData() == "csv"
        type_text(dialog.contact, "client")
        dialog.bom.setChecked(True)
        dialog.accept()

    out = tmp_path / "calls.csv"
    files.answers.append(str(out))
    on_dialog(choose)
    with qtbot.waitSignal(window.features.get(ExportCommands).jobFinished, timeout=10000):
        qtbot.keyClick(window, Qt.Key.Key_X, CTRL | SHIFT)
    assert files.asked[0]["filters"] == ["CSV for a spreadsheet or CRM (*.csv)"]
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r[0] for r in rows] == ["Contact", "Client 0", "Client 1", "Client 2"]
    assert window.statusBar().currentMessage() == "Exported 3 calls to calls.csv."
    assert window.settings.value("export/csv_bom") in (True, "true")


def test_import_from_the_menu(qtbot, open_window, *, files, store, playbook, tmp_path: Path):
    source = add_rich_call(store, playbook)
    good = tmp_path / "calls.json"
    data = json.loads(dumps([source]))
    data["calls"][0]["uid"] = "0b6f0c55-6c1b-4c8f-9d83-5f0c3c2b8a01"
    good.write_text(json.dumps(data), encoding="utf-8")
    window = open_window()
    imported = []
    window.controller.dataChanged.connect(lambda change: imported.append(change.scope))
    files.answers.append(str(good))
    with qtbot.waitSignal(window.features.get(ExportCommands).jobFinished, timeout=10000):
        qtbot.keyClick(window, Qt.Key.Key_I, CTRL | SHIFT)
    assert window.statusBar().currentMessage() == "Imported 1 call. (calls.json)"
    assert imported == ["calls"]
    assert len(db_rows(window.controller.handle.data_dir, "select id from call")) == 2
    assert window.actions["import_calls"].isEnabled()

    # A broken file: the sidebar names the problem and nothing is imported.
    data["calls"][0]["uid"] = "1b6f0c55-6c1b-4c8f-9d83-5f0c3c2b8a01"
    data["calls"].insert(0, {"contact": {"name": "Ok"}, "started_at": "2024-05-01T10:00:00+00:00"})
    data["calls"][1]["started_at"] = "last Tuesday"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    files.answers.append(str(bad))
    with qtbot.waitSignal(window.features.get(ExportCommands).jobFinished, timeout=10000):
        window.actions["import_calls"].trigger()
    assert window.banner.isVisible()
    assert window.banner.label.text().startswith("Nothing was imported: bad.json has problems.")
    assert "calls[1].started_at: 'last Tuesday' is not a date and time" in window.banner.label.text()
    assert len(db_rows(window.controller.handle.data_dir, "select id from call")) == 2


@pytest.mark.parametrize("preset", ["hubspot", "salesforce", "pipedrive"])
def test_the_export_dialog_writes_a_crms_import_files_as_the_command_line_does(
    qtbot, open_window, on_dialog, preset, *, files, store, playbook, data_dir: Path, tmp_path: Path
):
    import os
    import subprocess
    import sys

    for day in range(2):
        add_rich_call(store, playbook, started_at=START + timedelta(days=day), name=f"Client Number{day}")
    store.start_call(Contact("Someone Else"), playbook, START)
    window = open_window()

    def choose(dialog):
        titles = [dialog.format.itemText(i) for i in range(dialog.format.count())]
        assert titles[:2] == [
            "CSV: one row per call, for a spreadsheet",
            "HubSpot: contacts and calls, ready to import",
        ]
        dialog.format.setCurrentIndex(dialog.format.findData(f"crm:{preset}"))
        assert "Two files are written" in dialog.hint.text()
        type_text(dialog.contact, "client")
        dialog.accept()

    files.answers.append(str(tmp_path / "gui" / "may"))
    (tmp_path / "gui").mkdir()
    on_dialog(choose)
    with qtbot.waitSignal(window.features.get(ExportCommands).jobFinished, timeout=10000):
        qtbot.keyClick(window, Qt.Key.Key_X, CTRL | SHIFT)
    (asked,) = files.asked
    assert asked["filters"] == [f"{PRESETS[preset].title} import files (*.csv)"]
    written = sorted(p.name for p in (tmp_path / "gui").iterdir())
    names = [f.name for f in PRESETS[preset].files]
    assert written == sorted(f"may-{name}.csv" for name in names)
    assert window.statusBar().currentMessage().startswith(f"Exported 2 calls for {PRESETS[preset].title}: may-")

    window.close()
    (tmp_path / "cli").mkdir()
    command = ["export", "--preset", preset, "--contact", "client", "-o", str(tmp_path / "cli" / "may.csv")]
    result = subprocess.run(  # in this process's time zone, as the window wrote its files
        [sys.executable, "-m", "salesdesk", "--data-dir", str(data_dir), *command],
        capture_output=True,
        check=False,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    for name in names:
        gui, cli = tmp_path / "gui" / f"may-{name}.csv", tmp_path / "cli" / f"may-{name}.csv"
        assert gui.read_bytes() == cli.read_bytes()  # the same files as `salesdesk export --preset`
        assert "Number1" in gui.read_text(encoding="utf-8") and "Someone" not in gui.read_text(encoding="utf-8")
