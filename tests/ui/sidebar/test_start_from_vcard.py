"""A vCard fills the new-call dialog: from its button or dropped onto it; a file that is no
vCard says so and leaves what was typed."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from tests.helpers.files import FakeFileDialog
from tests.helpers.sidebar import CTRL, db_rows
from tests.helpers.typing import type_text


def vcard_file(path: Path, name: str, company: str, email: str, phone: str) -> Path:
    """A vCard 3.0 as an address book writes it, made by vobject (not by SalesDesk)."""
    card = vobject.vCard()
    card.add("fn").value = name
    given, _, family = name.rpartition(" ")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    card.add("org").value = [company, "Logistics"]
    mail = card.add("email")
    mail.value, mail.type_param = email, "INTERNET"
    tel = card.add("tel")
    tel.value, tel.type_param = phone, "WORK"
    path.write_text(card.serialize(), encoding="utf-8")
    return path


def drop(widget, path: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    at = QPoint(widget.width() // 2, widget.height() // 2)
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(at, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    dropped = QDropEvent(at.toPointF(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, dropped)
    return dropped.isAccepted()


@pytest.fixture
def cards(tmp_path: Path) -> dict[str, Path]:
    broken = tmp_path / "broken.vcf"
    broken.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half a card\r\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a card", encoding="utf-8")
    return {
        "dana": vcard_file(
            tmp_path / "dana.vcf", "Dana Whitfield", "Northwind, Inc.", "dana@northwind.example", "+1-555-0100"
        ),
        "ana": vcard_file(tmp_path / "ana.vcf", "Ana Lima", "Acme", "ana@acme.example", "+55 11 5555 0100"),
        "broken": broken,
        "text": tmp_path / "notes.txt",
    }


def test_a_vcard_from_the_button_or_dropped_fills_in_the_new_call(
    qtbot, open_window, on_dialog, *, cards, monkeypatch, data_dir: Path
):
    window = open_window()
    files = FakeFileDialog(monkeypatch)
    files.answers += [str(cards["broken"]), str(cards["dana"])]
    seen = {}

    def start(dialog):
        type_text(dialog.name, "Someone typed")
        qtbot.mouseClick(dialog.vcard_button, Qt.MouseButton.LeftButton)  # the broken one first
        seen["error"] = dialog.error.text()
        seen["kept"] = dialog.name.text()
        qtbot.mouseClick(dialog.vcard_button, Qt.MouseButton.LeftButton)
        seen["dana"] = (dialog.name.text(), dialog.company.text(), dialog.email.text(), dialog.phone.text())
        seen["known"] = dialog.known.text()
        seen["text dropped"] = drop(dialog, cards["text"])  # not a vCard: not taken
        seen["ana dropped"] = drop(dialog, cards["ana"])
        seen["ana"] = (dialog.name.text(), dialog.company.text(), dialog.email.text(), dialog.phone.text())
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    on_dialog(start)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.controller.call is not None)

    assert seen["error"] == "No contact read: the vCard is cut short: there is no END:VCARD line"
    assert seen["kept"] == "Someone typed"  # nothing typed is lost
    assert seen["dana"] == ("Dana Whitfield", "Northwind, Inc.", "dana@northwind.example", "+1-555-0100")
    assert seen["known"] == "Filled in from dana.vcf."
    assert (seen["text dropped"], seen["ana dropped"]) == (False, True)
    assert seen["ana"] == ("Ana Lima", "Acme", "ana@acme.example", "+55 11 5555 0100")
    assert files.asked[0]["filters"] == ["vCard (*.vcf *.vcard)", "All files (*)"]
    assert db_rows(data_dir, "select name, company, email, phone from contact") == [
        ("Ana Lima", "Acme", "ana@acme.example", "+55 11 5555 0100")
    ]
