"""The follow-up e-mail of a call: a draft from the playbook's template, edited, then copied,
opened in the mail app or saved as an .eml file; the final text and whether it was sent are
kept with the call (through the controller, like every change)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMimeData, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from salesdesk.core.call import CallState, FollowupEmail, local_text, utcnow
from salesdesk.core.emails import EmailDraft, EmailTemplate, email_html, mailto_url, render_email, templates_for
from salesdesk.ui.kit.i18n import fill
from salesdesk.ui.kit.widgets import close_with_keys


class FollowupEmailDialog(QDialog):
    """Shows the draft for ``call`` (its kept e-mail, if it has one); ``save`` is called with
    the e-mail whenever it changes hands (copied, opened, saved, marked) and when the dialog
    closes with text the rep changed, so nothing typed is lost."""

    #: The rep copied, opened or saved the e-mail: a line for the status bar.
    said = Signal(str)

    def __init__(
        self,
        call: CallState,
        save: Callable[[FollowupEmail], None],
        folder: Callable[[], str],
        parent=None,
    ):
        super().__init__(parent)
        self.call = call
        self._save = save
        self._folder = folder
        self.templates: list[EmailTemplate] = templates_for(call.playbook, call.outcome)
        self._filled = ("", "")  # subject and body as the template last filled them in
        self._kept = call.followup
        #: The last .eml file written (opened in the mail app or saved).
        self.written: Path | None = None
        self.setWindowTitle(fill(self.tr("Follow-up e-mail to %1"), call.contact.name))

        self.template = QComboBox()
        for template in self.templates:
            self.template.addItem(template.title, template.key)
        self.template.setAccessibleName(self.tr("Template"))
        self.to = QLabel()
        self.to.setWordWrap(True)
        self.to.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subject = QLineEdit()
        self.subject.setAccessibleName(self.tr("Subject"))
        self.body = QPlainTextEdit()
        self.body.setAccessibleName(self.tr("E-mail text"))
        self.gaps = QLabel()
        self.gaps.setWordWrap(True)
        self.gaps.setStyleSheet("color: palette(placeholder-text);")
        self.sent = QCheckBox(self.tr("Mark as &sent"))
        self.sent_when = QLabel()
        self.sent_when.setStyleSheet("color: palette(placeholder-text);")

        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setToolTip(self.tr("Put the text on the clipboard, formatted and plain"))
        self.open_button = QPushButton(self.tr("&Open in mail app"))
        self.open_button.setToolTip(self.tr("A new message in your mail app with the subject and text"))
        self.eml_button = QPushButton(self.tr("Save as .&eml…"))
        self.eml_button.setToolTip(self.tr("Save the message as a file any mail app opens"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("&Template"), self.template)
        form.addRow(self.tr("To"), self.to)
        form.addRow(self.tr("S&ubject"), self.subject)
        # Two rows: the dialog stays as narrow as the sidebar (320 px), in German too.
        actions = QGridLayout()
        actions.addWidget(self.copy_button, 0, 0)
        actions.addWidget(self.open_button, 0, 1)
        actions.addWidget(self.eml_button, 1, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        actions.setColumnStretch(2, 1)
        sent_row = QHBoxLayout()
        sent_row.addWidget(self.sent)
        sent_row.addWidget(self.sent_when, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.gaps)
        layout.addLayout(actions)
        layout.addLayout(sent_row)
        layout.addWidget(self.buttons)
        close_with_keys(self)

        if not self.templates:
            self.gaps.setText(self.tr("This call's playbook has no e-mail templates: write the e-mail here."))
            self.template.setEnabled(False)
        kept = self._kept
        if kept is not None:
            at = self.template.findData(kept.template)
            self.template.setCurrentIndex(max(0, at))
            self._show_to()
            self.subject.setText(kept.subject)
            self.subject.setCursorPosition(0)  # its beginning in view, as a mail app shows it
            self.body.setPlainText(kept.body)
            self._filled = (self.subject.text(), self.body.toPlainText())
        else:
            self._fill_from_template()
        self.sent.setChecked(kept is not None and kept.sent_at is not None)
        self._sent_at: datetime | None = kept.sent_at if kept else None
        self._show_sent()
        self.template.currentIndexChanged.connect(self._template_changed)
        self.sent.toggled.connect(self._sent_toggled)
        self.copy_button.clicked.connect(self.copy)
        self.open_button.clicked.connect(self.open_in_mail_app)
        self.eml_button.clicked.connect(self.save_eml)
        self.resize(560, 600)

    # ------------------------------------------------------------------ the draft

    @property
    def current_template(self) -> EmailTemplate | None:
        index = self.template.currentIndex()
        return self.templates[index] if 0 <= index < len(self.templates) else None

    def _draft_from_template(self) -> EmailDraft | None:
        template = self.current_template
        return render_email(template, self.call) if template is not None else None

    def _show_to(self) -> None:
        contact = self.call.contact
        address = contact.email.strip()
        if address:
            self.to.setText(f"{contact.name} <{address}>")
        else:
            self.to.setText(fill(self.tr("%1 (no e-mail address on the contact)"), contact.name))

    def _fill_from_template(self) -> None:
        draft = self._draft_from_template()
        self._show_to()
        if draft is None:
            return
        self.subject.setText(draft.subject)
        self.subject.setCursorPosition(0)
        self.body.setPlainText(draft.text)
        self._filled = (self.subject.text(), self.body.toPlainText())
        if draft.fill_ins:
            self.gaps.setText(fill(self.tr("Still to fill in: %1"), ", ".join(draft.fill_ins)))
        else:
            self.gaps.setText("")

    def _edited(self) -> bool:
        return (self.subject.text(), self.body.toPlainText()) != self._filled

    def _template_changed(self) -> None:
        if self._edited():
            answer = QMessageBox.question(
                self,
                self.tr("Replace the text?"),
                self.tr("Start again from this template? The text you changed is replaced."),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._fill_from_template()

    # ------------------------------------------------------------------ sent or not

    def _sent_toggled(self, on: bool) -> None:
        self._sent_at = utcnow() if on else None
        self._show_sent()
        self.keep()

    def _show_sent(self) -> None:
        self.sent_when.setText(fill(self.tr("sent %1"), local_text(self._sent_at)) if self._sent_at else "")

    # ------------------------------------------------------------------ keeping it

    def email(self) -> FollowupEmail:
        template = self.current_template
        body = self.body.toPlainText().rstrip()
        return FollowupEmail(
            template.key if template else (self._kept.template if self._kept else ""),
            " ".join(self.subject.text().split()),
            body + "\n" if body else "",  # one line end at the end, as a mail app writes it
            self._sent_at,
        )

    def keep(self) -> None:
        """Save the e-mail with the call when it differs from what is kept."""
        email = self.email()
        if email != self._kept:
            self._save(email)
            self._kept = email

    def done(self, result: int) -> None:
        # A draft only looked at is not kept (it would show in every export as unsent);
        # one the rep changed, or a kept one changed again, is.
        if self._kept is not None or self._edited():
            self.keep()
        super().done(result)

    # ------------------------------------------------------------------ sending it on

    def _draft(self) -> EmailDraft:
        """The e-mail as it stands in the dialog."""
        email = self.email()
        contact = self.call.contact
        return EmailDraft(contact.name, contact.email.strip(), email.subject, email.body, email_html(email.body))

    def copy(self) -> None:
        draft = self._draft()
        mime = QMimeData()
        mime.setHtml(f'<meta charset="utf-8">{draft.html}')
        mime.setText(draft.text)
        QGuiApplication.clipboard().setMimeData(mime)
        self.keep()
        self.said.emit(self.tr("Copied the e-mail's text: paste it into your message."))

    def open_in_mail_app(self) -> None:
        """A ``mailto:`` link when subject and text fit in one, else an .eml file opened."""
        draft = self._draft()
        self.keep()
        url = mailto_url(draft.to_address, draft.subject, draft.text)
        if url is not None:
            QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode))
            self.said.emit(self.tr("Opened the e-mail in your mail app."))
            return
        folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation)) / "SalesDesk"
        path = folder / self._file_name()
        if self._write_eml(path, mkdir=True):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
            self.said.emit(self.tr("The e-mail is too long for a mail link: opened it as an .eml file instead."))

    def save_eml(self) -> None:
        start = str(Path(self._folder()) / self._file_name())
        path, _chosen = QFileDialog.getSaveFileName(
            self, self.tr("Save e-mail"), start, self.tr("E-mail message (*.eml)")
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".eml":
            target = target.with_name(target.name + ".eml")
        self.keep()
        if self._write_eml(target):
            self.said.emit(fill(self.tr("Saved the e-mail to %1."), target.name))

    def _file_name(self) -> str:
        from salesdesk.core.export import suggested_filename

        return Path(suggested_filename(self.call, "txt")).stem + ".eml"

    def _write_eml(self, path: Path, *, mkdir: bool = False) -> bool:
        from salesdesk.core.files import write_atomically

        try:
            write_atomically(path, self._draft().eml(), make_folder=mkdir)
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("E-mail not saved"),
                fill(self.tr("Cannot write %1: %2. The text stays here."), path, exc.strerror or exc),
            )
            return False
        self.written = path
        return True
