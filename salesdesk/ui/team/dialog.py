"""Tools ▸ Team…: join a team server (its URL, then the password in a dialog of its own),
see what the sync worker last did, push now, leave. Connecting runs on a background thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from salesdesk.ui.kit import background
from salesdesk.ui.kit.i18n import fill, plural

if TYPE_CHECKING:
    from salesdesk.ui.team.feature import TeamSync


class _Failed:
    """A TeamError (or StorageError) from the background, as a result."""

    def __init__(self, message: str, auth: bool = False):
        self.message = message
        self.auth = auth


class TeamDialog(QDialog):
    def __init__(self, team: TeamSync, parent=None):
        super().__init__(parent)
        self.team = team
        self.setWindowTitle(self.tr("Team"))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.url = QLineEdit()
        self.url.setPlaceholderText("postgresql://you@db.example.com/sales")
        self.url.setToolTip(self.tr("Your team URL, as your admin gave it to you"))
        self.join_button = QPushButton(self.tr("&Join…"))
        self.join_button.clicked.connect(lambda _checked=False: self.join())
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.server = QLabel()
        self.rep = QLabel()
        self.pending = QLabel()
        self.last_push = QLabel()
        self.last_error = QLabel()
        for label in (self.server, self.rep, self.pending, self.last_push, self.last_error):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.addRow(self.tr("Team URL:"), self.url)
        self.form.addRow(self.tr("Server:"), self.server)
        self.form.addRow(self.tr("You:"), self.rep)
        self.form.addRow(self.tr("Waiting:"), self.pending)
        self.form.addRow(self.tr("Last push:"), self.last_push)
        self.form.addRow(self.tr("Last error:"), self.last_error)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setObjectName("teamProblem")
        self.problem.hide()
        self.sync_button = QPushButton(self.tr("&Send now"))
        self.sync_button.clicked.connect(lambda _checked=False: self.team.sync_now())
        self.leave_button = QPushButton(self.tr("&Leave team"))
        self.leave_button.clicked.connect(self.leave)
        self.password_button = QPushButton(self.tr("Enter &password…"))
        self.password_button.setToolTip(self.tr("Type the team password again (after your admin changed it)"))
        self.password_button.clicked.connect(lambda _checked=False: self.team.ask_password(self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.join_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.sync_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.leave_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        # On a line of its own: a fourth button in the row would make the dialog wider than the sidebar.
        layout.addWidget(self.password_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.team.statusChanged.connect(lambda _status: self.refresh())
        self.refresh()

    def _set_row(self, field, visible: bool) -> None:
        self.form.setRowVisible(field, visible)

    def refresh(self) -> None:
        from salesdesk.team.connection import describe_target, parse_url

        config = self.team.config
        joined = config is not None
        status = self.team.status
        if joined:
            self.intro.setText(
                self.tr(
                    "Your calls are sent to the team server as you work; the sidebar never waits for it. "
                    "Your teammates see your calls; you see theirs."
                )
            )
            try:
                self.server.setText(describe_target(parse_url(config.url)))
            except Exception:
                self.server.setText(config.url)
            self.rep.setText(config.login)
            pending = status.pending if status is not None else 0
            self.pending.setText(plural(self.tr("%n call(s)", "", pending), pending))
            self.last_push.setText(status.last_push if status is not None and status.last_push else self.tr("never"))
            self.last_error.setText(status.last_error if status is not None and status.last_error else self.tr("none"))
        else:
            self.intro.setText(
                self.tr(
                    "Join your team's server to share your calls and get the team's playbooks. "
                    "Your calls stay on this computer too, and the sidebar works without the server."
                )
            )
        self._set_row(self.url, not joined)
        for field in (self.server, self.rep, self.pending, self.last_push, self.last_error):
            self._set_row(field, joined)
        self.join_button.setVisible(not joined)
        self.sync_button.setVisible(joined)
        self.password_button.setVisible(joined)
        self.leave_button.setVisible(joined)

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    # ------------------------------------------------------------------ join

    def join(self, password: str | None = None) -> None:
        url = self.url.text().strip()
        if not url:
            self._say(self.tr("Enter the team URL your admin gave you."))
            return
        if password is None:
            box = password_box(self)
            if not box.exec():
                return
            password = box.textValue()
        self.join_button.setEnabled(False)
        self._say(self.tr("Connecting…"))
        data_dir = self.team.window.data_dir
        background.run(
            self, lambda: _check_join(url, password, data_dir), lambda result: self._joined(url, password, result)
        )

    def _joined(self, url: str, password: str, result) -> None:
        from salesdesk.team import sync
        from salesdesk.team.passwords import store_password

        self.join_button.setEnabled(True)
        if isinstance(result, _Failed):
            self._say(result.message)
            return
        login, waiting = result
        if waiting:
            answer = QMessageBox.question(
                self,
                self.tr("Send your calls to the team?"),
                plural(
                    self.tr("%n call(s) on this computer will be sent to the team server. Join?", "", waiting), waiting
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                self._say(self.tr("Not joined; nothing was sent."))
                return
        data_dir = self.team.window.data_dir
        try:
            store_password(url, password, data_dir)
            config = sync.TeamConfig(url=url, login=login, joined_at=sync.now_text())
            sync.write_config(data_dir, config)
        except (OSError, ValueError) as exc:
            self._say(fill(self.tr("Could not keep the team settings: %1"), exc))
            return
        self._say("")
        self.team.joined(config, password)
        self.refresh()

    # ------------------------------------------------------------------ leave

    def leave(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Leave the team?"),
            self.tr(
                "Your calls stay on this computer, and those already sent stay on the team server. "
                "Nothing more is sent."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from salesdesk.storage import outbox
        from salesdesk.team import sync
        from salesdesk.team.passwords import forget_password

        config = self.team.config
        self.team.left()
        data_dir = self.team.window.data_dir
        try:
            outbox.forget_pushes()
        except Exception as exc:  # the database: leaving still works; a later join pushes again anyway
            self._say(str(exc))
        if config is not None:
            forget_password(config.url, data_dir)
        sync.config_path(data_dir).unlink(missing_ok=True)
        (data_dir / sync.STATUS_NAME).unlink(missing_ok=True)
        self.refresh()


def password_box(parent, *, refused: bool = False) -> QInputDialog:
    """The team password dialog (joining, and when the server refuses the stored one)."""
    box = QInputDialog(parent)
    box.setWindowTitle(QCoreApplication.translate("TeamDialog", "Team password"))
    if refused:
        box.setLabelText(
            QCoreApplication.translate(
                "TeamDialog", "The team server refused the stored password (your admin may have changed it). Password:"
            )
        )
    else:
        box.setLabelText(QCoreApplication.translate("TeamDialog", "Password for this team login:"))
    box.setTextEchoMode(QLineEdit.EchoMode.Password)
    for label in box.findChildren(QLabel):  # the longer text wraps in a narrow sidebar's dialog
        label.setWordWrap(True)
    return box


def _check_join(url: str, password: str, data_dir):
    """On a background thread: the server answers as this login, with this SalesDesk's team
    schema; (login, calls waiting here) or _Failed."""
    from salesdesk.storage import outbox
    from salesdesk.storage.errors import StorageError
    from salesdesk.storage.import_export import thread_connection
    from salesdesk.team import sync
    from salesdesk.team.errors import TeamAuthError, TeamError
    from salesdesk.team.push import check_server

    try:
        with sync.open_team(url, data_dir, password=password or None) as conn:
            login = check_server(conn)
        with thread_connection():
            return login, outbox.pending_count()
    except TeamError as exc:
        return _Failed(str(exc), auth=isinstance(exc, TeamAuthError))
    except StorageError as exc:
        return _Failed(str(exc))
