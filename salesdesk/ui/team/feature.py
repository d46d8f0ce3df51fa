"""Team mode in the sidebar: Tools ▸ Team… (join, status, leave), a one-line team status
("Team: up to date", "Team: offline, 3 calls waiting") and new team playbook versions,
offered for the next call (the running call keeps the playbook it started with).

Nothing here waits on the network on the UI thread: the SyncWorker (salesdesk/team/sync.py)
pushes on its own thread and reports back through a queued signal; joining connects on a
background thread. With team mode off (no team.json) no worker starts and no socket opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel

from salesdesk.ui.kit.api import SidebarApi, TeamHistory
from salesdesk.ui.kit.i18n import fill, plural

if TYPE_CHECKING:
    from salesdesk.team.sync import SyncStatus, SyncWorker, TeamConfig


def install(window: SidebarApi) -> None:
    team = window.features.add(TeamSync(window), TeamHistory)
    window.add_action(
        "team",
        QCoreApplication.translate("TeamMenu", "&Team…"),
        "Ctrl+Shift+T",
        team.show_dialog,
        menu="tools",
        tip=QCoreApplication.translate("TeamMenu", "Join a team server, see what is waiting for it, leave"),
    )
    window.add_to_top(team.status_line)
    window.defer(team.start)


class TeamSync(QObject):
    """The app's one SyncWorker while this data folder is in a team, and what it shows."""

    #: A SyncStatus from the worker's thread, delivered on the UI thread (queued).
    statusChanged = Signal(object)
    #: Names of team playbooks pulled with a new version (worker thread -> UI thread).
    playbooksArrived = Signal(list)

    def __init__(self, window: SidebarApi):
        super().__init__(window.widget)
        self.window = window
        self.worker: SyncWorker | None = None
        self.config: TeamConfig | None = None
        self.status: SyncStatus | None = None
        self._reader = None  # (url, GuardedHistory, its connection) for History's Team scope, made on first use
        self.password_box = None  # the password dialog while it is open (QInputDialog, not modal)
        self._typed_password: str | None = None  # kept once the server has taken it
        self.status_line = QLabel()
        self.status_line.setObjectName("teamStatus")
        self.status_line.setTextFormat(Qt.TextFormat.PlainText)
        self.status_line.setWordWrap(True)
        self.status_line.setContentsMargins(8, 2, 8, 2)
        self.status_line.hide()
        self.statusChanged.connect(self._show_status, Qt.ConnectionType.QueuedConnection)
        self.playbooksArrived.connect(self._offer_playbooks, Qt.ConnectionType.QueuedConnection)
        controller = window.controller
        controller.saved.connect(lambda _at: self.poke())
        controller.pastCallChanged.connect(lambda _id: self.poke())
        window.widget.destroyed.connect(lambda *_: self.stop())
        QCoreApplication.instance().aboutToQuit.connect(self.stop)

    # ------------------------------------------------------------------ the worker

    def start(self, password: str | None = None) -> None:
        """Start pushing if this data folder is in a team (after the first paint)."""
        from salesdesk.team.errors import TeamError
        from salesdesk.team.sync import SyncWorker, read_config, read_status

        if self.worker is not None:
            return
        try:
            self.config = read_config(self.window.data_dir)
        except TeamError as exc:
            self.window.show_banner(str(exc), "warning")
            return
        if self.config is None:
            self._show_status(None)
            return
        self.status = read_status(self.window.data_dir)
        self.status.state = ""  # not known until the worker has tried
        self.status.needs_password = False  # asked again if the server still refuses it
        self.worker = SyncWorker(
            self.window.data_dir,
            self.config,
            password=password,
            on_status=self.statusChanged.emit,
            on_playbooks=self.playbooksArrived.emit,
            listen=True,  # a published playbook version arrives by NOTIFY, on a thread of its own
        )
        self.worker.start()
        self.worker.poke()
        self._show_status(self.status)

    def history(self):
        """TeamHistory: the server's HistoryQueries through a connection of their own."""
        if self.config is None:
            return None
        if self._reader is None or self._reader[0] != self.config.url:
            from salesdesk.team.connection import TeamConnection
            from salesdesk.team.passwords import lookup_password, passfile_path
            from salesdesk.team.reader import GuardedHistory, TeamReader

            passfile = passfile_path(self.window.data_dir)
            conn = TeamConnection(
                self.config.url,
                password=(self.worker.password if self.worker is not None else None)
                or lookup_password(self.config.url),
                passfile=passfile if passfile.is_file() else None,
            )
            self._close_reader()
            self._reader = (self.config.url, GuardedHistory(TeamReader(conn)), conn)
        return self._reader[1]

    def _close_reader(self) -> None:
        """The History scope's connection lives on the reader thread: closed there."""
        reader, self._reader = self._reader, None
        if reader is not None:
            from salesdesk.ui.kit.background import ANALYST, READER, TEAM, run_on_lane

            for lane in (READER, ANALYST, TEAM):  # the lanes History reads on (a no-op where none was opened)
                run_on_lane(reader[2].close, lane)

    def stop(self) -> None:
        self._close_reader()
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.stop()

    def poke(self) -> None:
        if self.worker is not None:
            self.worker.poke()

    def sync_now(self) -> None:
        if self.worker is not None:
            self.worker.sync_now()

    def _show_status(self, status: SyncStatus | None) -> None:
        refused_before = self.status is not None and self.status.needs_password
        if status is not None:
            self.status = status
            if status.needs_password and not refused_before:  # once per refusal, not at every count
                self.ask_password()
            if status.state == "up to date" and self._typed_password is not None:
                self._keep_password(self._typed_password)
        text = self.status_text(self.status, self.config is not None)
        self.status_line.setText(text)
        self.status_line.setToolTip(self.status.last_error if self.status is not None else "")
        self.status_line.setVisible(bool(text))

    def status_text(self, status: SyncStatus | None, joined: bool) -> str:  # noqa: PLR0911 (a line per state)
        """The sidebar's team line for a status ("" while team mode is off)."""
        if not joined:
            return ""
        if status is None or not status.state:
            return self.tr("Team: connecting…")
        if status.state == "offline":
            if status.pending:
                return plural(self.tr("Team: offline, %n call(s) waiting", "", status.pending), status.pending)
            return self.tr("Team: offline")
        if status.state == "error" and status.needs_password:
            return self.tr("Team: password needed (Tools ▸ Team…)")
        if status.state == "error":
            return self.tr("Team: not syncing (see Tools ▸ Team…)")
        if status.pending:
            return plural(self.tr("Team: sending %n call(s)…", "", status.pending), status.pending)
        return self.tr("Team: up to date")

    def _offer_playbooks(self, names: list[str]) -> None:
        """New team playbook versions are in the playbook folder: read them for the next call."""
        self.window.load_playbooks()
        text = fill(
            self.tr("New team playbook: %1. New calls can use it; a running call keeps its own."), ", ".join(names)
        )
        self.window.show_banner(text, "info")

    # ------------------------------------------------------------------ the password

    def ask_password(self, parent=None) -> None:
        """The password dialog, not modal: the rep goes on with the call meanwhile (and
        while a call runs, it does not take the keyboard from the notes)."""
        if self.config is None:
            return
        from salesdesk.ui.team.dialog import password_box

        if self.password_box is not None:
            self.password_box.close()
        refused = self.status is not None and self.status.needs_password
        box = password_box(parent or self.window.widget, refused=refused)
        box.setWindowModality(Qt.WindowModality.NonModal)
        if self.window.controller.call is not None:
            box.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        box.textValueSelected.connect(self.set_password)
        box.finished.connect(lambda _result, box=box: self._password_box_closed(box))
        self.password_box = box
        box.show()

    def _password_box_closed(self, box) -> None:
        if self.password_box is box:
            self.password_box = None
        box.deleteLater()

    def set_password(self, password: str) -> None:
        """The rep typed the password: the worker (and History's Team scope) connect with it;
        it is kept (keyring or password file) once the server has taken it."""
        if self.worker is None:
            return
        self._typed_password = password
        self._close_reader()
        self.worker.set_password(password or None)

    def _keep_password(self, password: str) -> None:
        from salesdesk.team.passwords import store_password

        self._typed_password = None
        try:
            store_password(self.config.url, password, self.window.data_dir)
        except (OSError, ValueError) as exc:
            self.window.show_banner(fill(self.tr("Could not keep the team password: %1"), exc), "warning")

    # ------------------------------------------------------------------ the dialog

    def show_dialog(self) -> None:
        from salesdesk.ui.team.dialog import TeamDialog

        self.window.run_dialog(TeamDialog(self, self.window.widget))

    def joined(self, config: TeamConfig, password: str | None) -> None:
        self.stop()
        self.config = config
        self.start(password)

    def left(self) -> None:
        self.stop()
        self.config = None
        self.status = None
        self._show_status(None)
