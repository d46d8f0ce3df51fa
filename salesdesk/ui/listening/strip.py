"""The listening strip at the top of the sidebar: "Listening" (or paused, or what went
wrong), the pause key, and the reminder line the rep can read out at the start of a call."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout

from salesdesk.ui.kit import theme


def reminder_text() -> str:
    return QApplication.translate(
        "ListeningStrip",
        "Before you go on, say: “An assistant on my computer listens along to show me notes. "
        "Nothing is recorded or sent anywhere. Is that all right with you?”",
    )


class ListeningStrip(QFrame):
    """Shown while listening is on for the call. Never takes the keyboard."""

    def __init__(self, pause_action: QAction, parent=None):
        super().__init__(parent)
        self.setObjectName("listeningStrip")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Listening state"))
        font = self.status.font()
        font.setBold(True)
        self.status.setFont(font)
        self.pause_button = QToolButton()
        self.pause_button.setDefaultAction(pause_action)
        self.pause_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pause_button.setAutoRaise(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleName(self.tr("Listening problem"))
        self.retry_button = QPushButton(self.tr("Listen again"))
        self.retry_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.retry_button.setToolTip(self.tr("Start listening again (the call goes on either way)"))
        self.reminder = QLabel(reminder_text())
        self.reminder.setWordWrap(True)
        self.reminder.setTextFormat(Qt.TextFormat.PlainText)
        self.reminder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reminder.setAccessibleName(self.tr("Reminder to read out"))
        self.reminder_close = QToolButton()
        self.reminder_close.setText("✕")
        self.reminder_close.setAutoRaise(True)
        self.reminder_close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reminder_close.setToolTip(self.tr("Hide the reminder for this call"))
        self.reminder_close.setAccessibleName(self.tr("Hide the reminder"))
        self.reminder_close.clicked.connect(self.hide_reminder)
        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(self.status, 1)
        top.addWidget(self.pause_button)
        trouble = QHBoxLayout()
        trouble.setSpacing(6)
        trouble.addWidget(self.problem, 1)
        trouble.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)
        reminder = QHBoxLayout()
        reminder.setSpacing(4)
        reminder.addWidget(self.reminder, 1)
        reminder.addWidget(self.reminder_close, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 2, 4, 4)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addLayout(trouble)
        layout.addLayout(reminder)
        self._reminder_parts = (self.reminder, self.reminder_close)
        self._problem_parts = (self.problem, self.retry_button)
        self.show_problem("", retry=False)
        self.set_state("starting")
        theme.follower(QApplication.instance()).changed.connect(self._scheme_changed)
        self.hide()

    def set_state(self, state: str) -> None:
        texts = {
            "starting": self.tr("Listening starts…"),
            "listening": self.tr("● Listening"),
            "paused": self.tr("Ⅱ Listening paused"),
            "restarting": self.tr("Listening starts again…"),
            "failed": self.tr("Not listening"),
            "stopped": self.tr("Not listening"),
        }
        self.state = state
        self.status.setText(texts.get(state, texts["stopped"]))
        self.pause_button.setVisible(state in ("listening", "paused"))
        self.setAccessibleDescription(self.status.text())
        self._restyle()

    def show_problem(self, message: str, *, retry: bool) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))
        self.retry_button.setVisible(bool(message) and retry)

    def show_reminder(self, on: bool = True) -> None:
        for part in self._reminder_parts:
            part.setVisible(on)

    def hide_reminder(self) -> None:
        self.show_reminder(False)

    @property
    def reminder_shown(self) -> bool:
        return not self.reminder.isHidden()

    def _restyle(self) -> None:
        colours = theme.colors()
        trouble = getattr(self, "state", "") in ("failed", "restarting")
        background, foreground = colours.warning if trouble else colours.info
        self.setStyleSheet(
            f"#listeningStrip {{ background: {background}; }}"
            f" #listeningStrip QLabel, #listeningStrip QToolButton {{ color: {foreground}; }}"
        )

    def _scheme_changed(self, _dark: bool) -> None:
        self._restyle()
