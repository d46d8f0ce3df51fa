"""The follow-up e-mail, from a real call through the real dialog: after the wrap-up and from
History; placeholders filled, Copy (both formats), the mail app, the .eml file, and what is
kept with the call in the database."""

from __future__ import annotations

import email
import email.policy
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication

from salesdesk.core.emails import spoken_date
from salesdesk.ui.exporting.feature import ExportCommands
from salesdesk.ui.kit import background
from tests.helpers.files import FakeFileDialog
from tests.helpers.history import open_row, open_tab
from tests.helpers.sidebar import CTRL, db_rows, end_call, start_call
from tests.helpers.typing import type_text

DUE = date.today() + timedelta(days=7)


class OpenedUrls(QObject):
    """Takes the URLs SalesDesk hands to the desktop (the mail app, a file to open) through
    Qt's own hook for a scheme, instead of starting a mail app here."""

    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []
        for scheme in ("mailto", "file"):
            QDesktopServices.setUrlHandler(scheme, self, "take")

    @Slot(QUrl)
    def take(self, url: QUrl) -> None:
        self.urls.append(url)

    def close(self) -> None:
        for scheme in ("mailto", "file"):
            QDesktopServices.unsetUrlHandler(scheme)


@pytest.fixture
def opened(qapp):
    urls = OpenedUrls()
    yield urls
    urls.close()


@pytest.fixture(autouse=True)
def _quiet(qapp):
    yield
    QGuiApplication.clipboard().clear()  # see test_exporting.empty_clipboard_afterwards
    background.wait_idle()
    background.close_connections()


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_after_the_wrap_up_the_draft_is_filled_copied_opened_saved_and_kept(
    qtbot, open_window, on_dialog, *, opened, monkeypatch, data_dir: Path, tmp_path: Path
):
    window = open_window()
    start_call(window, qtbot, on_dialog, email="dana@northwind.example")
    window.controller.set_answer("pain-points", "Month-end close takes nine days")
    window.controller.set_answer("ideal-solution", "Close in three days")
    end_call(window, qtbot, on_dialog, "Meeting booked", "Demo for the ops team", due=DUE)
    commands = window.features.get(ExportCommands)
    files = FakeFileDialog(monkeypatch)
    eml_path = tmp_path / "recap"
    files.answers.append(str(eml_path))
    seen = {}

    def work_in_dialog(dialog):
        assert dialog.template.currentData() == "meeting-booked"  # the one for the call's outcome
        assert dialog.subject.text() == f"Our next conversation: {spoken_date(DUE)}"
        body = dialog.body.toPlainText()
        assert body.startswith("Hi Dana,\n")
        assert "Month-end close takes nine days" in body and "Close in three days" in body
        assert f"Next step: Demo for the ops team, on {spoken_date(DUE)}." in body
        assert "Northwind Logistics" in body and "{" not in body
        assert dialog.to.text() == "Dana Whitfield <dana@northwind.example>"
        dialog.body.moveCursor(dialog.body.textCursor().MoveOperation.End)
        type_text(dialog.body, "\nP.S. Slides attached.")

        QGuiApplication.clipboard().clear()
        click(qtbot, dialog.copy_button)
        mime = QGuiApplication.clipboard().mimeData()
        seen["text"], seen["html"] = mime.text(), mime.html()

        click(qtbot, dialog.open_button)
        click(qtbot, dialog.eml_button)
        click(qtbot, dialog.sent)
        seen["stored while open"] = db_rows(data_dir, "select sent_at is not null from followup_email")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    on_dialog(work_in_dialog)
    bar = commands.after_call
    assert bar.email_button.text() == "Follow-up e-mail…  (Ctrl+Alt+E)"
    click(qtbot, bar.email_button)
    qtbot.waitUntil(lambda: "stored while open" in seen)

    # Copy: the text as plain text and as HTML, escaped, with the rep's addition.
    assert seen["text"].startswith("Hi Dana,\n") and seen["text"].endswith("P.S. Slides attached.\n")
    assert '<p dir="auto">Hi Dana,</p>' in seen["html"] and "Month-end close takes nine days" in seen["html"]
    # Open in mail app: a mailto: link with the address, subject and text.
    (url,) = opened.urls
    parts = urlsplit(bytes(url.toEncoded()).decode())
    assert (parts.scheme, parts.path) == ("mailto", "dana@northwind.example")
    query = parse_qs(parts.query)
    assert query["subject"] == [f"Our next conversation: {spoken_date(DUE)}"]
    assert query["body"][0].replace("\r\n", "\n").endswith("P.S. Slides attached.\n")
    # Save as .eml: a message any mail app opens, read back with Python's email package.
    saved = eml_path.with_suffix(".eml")
    message = email.message_from_bytes(saved.read_bytes(), policy=email.policy.default)
    assert message["To"] == "Dana Whitfield <dana@northwind.example>"
    assert message["Subject"] == f"Our next conversation: {spoken_date(DUE)}"
    assert message["X-Unsent"] == "1"
    plain = message.get_body(("plain",)).get_content().replace("\r\n", "\n")  # CRLF on the wire
    assert "Month-end close takes nine days" in plain and plain.endswith("P.S. Slides attached.\n")
    assert "Close in three days" in message.get_body(("html",)).get_content()
    assert "Saved the e-mail to recap.eml." in window.statusBar().currentMessage()
    # Kept with the call: the final text and when it was marked as sent.
    assert seen["stored while open"] == [(1,)]
    ((template, subject, body, sent),) = db_rows(
        data_dir, "select template, subject, body, sent_at is not null from followup_email"
    )
    assert (template, subject, sent) == ("meeting-booked", f"Our next conversation: {spoken_date(DUE)}", 1)
    assert body.startswith("Hi Dana,\n") and body.endswith("P.S. Slides attached.\n")
    assert commands.last_ended.followup.body == body


def test_from_history_any_call_gets_its_e_mail_and_a_long_one_opens_as_an_eml_file(
    qtbot,
    open_window,
    on_dialog,
    *,
    opened,
    past,
    data_dir: Path,
):
    window = open_window()
    _history, page = open_tab(window, qtbot, Qt.Key.Key_H, "calls")
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    view = open_row(qtbot, page, 2)  # Dana: "Proposal sent", no e-mail address
    assert view.email_button.isVisible()
    seen = {}

    def only_look(dialog):
        seen["looked"] = dialog.subject.text()
        qtbot.keyClick(dialog.body, Qt.Key.Key_Escape)

    on_dialog(only_look)
    click(qtbot, view.email_button)
    qtbot.waitUntil(lambda: "looked" in seen)
    assert db_rows(data_dir, "select count(*) from followup_email") == [(0,)]  # a draft only looked at is not kept

    def long_email(dialog):
        assert dialog.template.currentData() == "proposal-sent"
        assert dialog.subject.text() == "Your proposal for Northwind Logistics"
        assert "Month-end close takes nine days" in dialog.body.toPlainText()
        assert dialog.to.text() == "Dana Whitfield (no e-mail address on the contact)"
        dialog.body.setPlainText("Hi Dana,\n\n" + "Here is every detail we went through. " * 80)
        click(qtbot, dialog.open_button)
        seen["written"] = dialog.written
        qtbot.keyClick(dialog.body, Qt.Key.Key_Escape)

    on_dialog(long_email)
    click(qtbot, view.email_button)
    qtbot.waitUntil(lambda: "written" in seen)

    (url,) = opened.urls  # too long for a mailto: link: an .eml file, opened
    assert url.isLocalFile() and Path(url.toLocalFile()) == seen["written"]
    message = email.message_from_bytes(seen["written"].read_bytes(), policy=email.policy.default)
    assert message["To"] is None and message["Subject"] == "Your proposal for Northwind Logistics"
    assert message.get_body(("plain",)).get_content().count("every detail") == 80
    assert "The e-mail is too long for a mail link" in window.statusBar().currentMessage()
    rows = db_rows(data_dir, "select call_id, template, sent_at from followup_email")
    assert rows == [(past["dana"].id, "proposal-sent", None)]  # kept, not sent
    text = view.page.toPlainText()
    assert "Follow-up e-mail" in text and "not sent yet" in text and "every detail" in text

    def reopened(dialog):
        seen["again"] = dialog.body.toPlainText()  # the kept text, not a fresh draft
        dialog.reject()

    on_dialog(reopened)
    click(qtbot, view.email_button)
    qtbot.waitUntil(lambda: "again" in seen)
    assert seen["again"].count("every detail") == 80


def test_the_menu_command_needs_a_call(qtbot, open_window):
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.AltModifier)
    assert "No call to write an e-mail about yet" in window.statusBar().currentMessage()
