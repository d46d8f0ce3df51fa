"""A past call, read-only, with the two things a rep does with one: fix its wrap-up, or
continue it."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from salesdesk.core.bidi import isolate
from salesdesk.core.call import CallState, format_duration
from salesdesk.core.playbook import QUALIFICATION_FIELDS
from salesdesk.ui.i18n import fill
from salesdesk.ui.labels import qualification_field


def _time(moment) -> str:
    return moment.astimezone().strftime("%H:%M")


def _when(moment) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def call_html(call: CallState) -> str:
    """The whole call as one readable page (what was ticked, answered, raised and noted).
    Every value is bidi-isolated (core.bidi) as it is escaped: Qt's rich text knows no <bdi>."""

    def e(text: str) -> str:
        return html.escape(isolate(text))

    translate = QCoreApplication.translate
    contact = call.contact
    parts = [f"<h2 style='margin-bottom:0'>{e(contact.name)}</h2>"]
    details = " · ".join(e(x) for x in (contact.company, contact.email, contact.phone) if x)
    if details:
        parts.append(f"<p style='margin-top:2px'>{details}</p>")
    length = format_duration(call.elapsed_seconds()) if call.ended_at else translate("CallView", "still running")
    stage = fill(translate("CallView", "reached %1"), f"<b>{e(call.current_stage.title)}</b>")
    parts.append(
        f"<p>{_when(call.started_at)} · {e(length)} · {stage} · "
        f"<span style='color:gray'>{e(call.playbook.label)}</span></p>"
    )
    due = " " + fill(translate("CallView", "(due %1)"), call.next_step_due.isoformat()) if call.next_step_due else ""
    outcome = e(call.outcome) or "<i>" + e(translate("CallView", "none recorded")) + "</i>"
    next_step = e(call.next_step) or "<i>" + e(translate("CallView", "none")) + "</i>"
    outcome_title, next_step_title = translate("CallView", "Outcome"), translate("CallView", "Next step")
    parts.append(
        "<table cellspacing=0 cellpadding=2>"
        f"<tr><td><b>{e(outcome_title)}</b></td><td>{outcome}</td></tr>"
        f"<tr><td><b>{e(next_step_title)}</b></td><td>{next_step}{e(due)}</td></tr>"
        "</table>"
    )
    qualification = [(qualification_field(f), call.qualification.get(f, "")) for f in QUALIFICATION_FIELDS]
    if any(value for _, value in qualification):
        rows = "".join(f"<tr><td><b>{e(t)}</b></td><td>{e(v)}</td></tr>" for t, v in qualification if v)
        heading = e(translate("CallView", "Qualification"))
        parts.append(f"<h3>{heading}</h3><table cellspacing=0 cellpadding=2>{rows}</table>")
    answered = []
    for stage_def in call.playbook.stages:
        for question in stage_def.questions:
            answer = call.answers.get(question.key, "")
            if answer.strip():
                answered.append(f"<p><i>{e(question.text)}</i><br>{e(answer).replace(chr(10), '<br>')}</p>")
    if answered:
        heading = e(translate("CallView", "Answers"))
        parts.append(f"<h3>{heading}</h3>" + "".join(answered))
    if call.objections:
        handled = e(translate("CallView", "handled"))
        still_open = "<b>" + e(translate("CallView", "open")) + "</b>"
        items = "".join(
            f"<li>{_time(o.raised_at)} {e(o.title)} · {handled if o.handled else still_open}"
            + (f" — {e(o.note)}" if o.note else "")
            + "</li>"
            for o in call.objections
        )
        heading = e(translate("CallView", "Objections"))
        parts.append(f"<h3>{heading}</h3><ul style='margin-left:-20px'>{items}</ul>")
    ticked = []
    for stage_def in call.playbook.stages:
        done = [item.text for item in stage_def.checklist if call.is_ticked(stage_def.key, item.key)]
        if done:
            ticked.append(
                f"<p><b>{e(stage_def.title)}</b> {len(done)}/{len(stage_def.checklist)}: "
                + "; ".join(e(text) for text in done)
                + "</p>"
            )
    if ticked:
        heading = e(translate("CallView", "Checklist"))
        parts.append(f"<h3>{heading}</h3>" + "".join(ticked))
    notes = call.notes
    if notes:
        unfinished = " <i>" + e(translate("CallView", "(unfinished)")) + "</i>"
        items = "".join(
            f"<tr><td style='color:gray' valign=top>{_time(n.at)}</td>"
            f"<td>{e(n.text).replace(chr(10), '<br>')}{unfinished if n.draft else ''}</td></tr>"
            for n in notes
        )
        heading = e(translate("CallView", "Notes"))
        parts.append(f"<h3>{heading}</h3><table cellspacing=0 cellpadding=2>{items}</table>")
    return "".join(parts)


class CallView(QWidget):
    """A window showing one stored call. It never edits the call itself: the buttons ask
    the sidebar (which goes through the controller)."""

    def __init__(
        self,
        edit_wrap_up: Callable[[CallState], None],
        continue_call: Callable[[CallState], None],
        parent=None,
    ):
        super().__init__(parent, Qt.WindowType.Window)
        self.call: CallState | None = None
        self._running_id: Callable[[], int | None] = lambda: None
        self.page = QTextBrowser()
        self.page.setOpenLinks(False)
        self.page.setAccessibleName(self.tr("Call details"))
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setStyleSheet("color: palette(placeholder-text);")
        self.edit_button = QPushButton(self.tr("&Edit wrap-up…"))
        self.edit_button.setToolTip(self.tr("Change the outcome, next step or due date"))
        self.continue_button = QPushButton(self.tr("C&ontinue this call"))
        self.continue_button.setToolTip(self.tr("Reopen the call in the sidebar and carry on where it stopped"))
        close = QPushButton(self.tr("Close"))
        self.edit_button.clicked.connect(lambda: self.call and edit_wrap_up(self.call))
        self.continue_button.clicked.connect(lambda: self.call and continue_call(self.call))
        close.clicked.connect(self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.continue_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addWidget(self.state)
        layout.addLayout(buttons)
        self.resize(560, 640)

    def set_running_call(self, running_id: Callable[[], int | None]) -> None:
        self._running_id = running_id

    def show_call(self, call: CallState) -> None:
        self.call = call
        self.setWindowTitle(f"{isolate(call.contact.name)}, {_when(call.started_at)} — SalesDesk")
        self.page.setHtml(call_html(call))
        self.refresh_state()

    def refresh_state(self) -> None:
        call = self.call
        if call is None:
            return
        running = self._running_id() == call.id
        self.edit_button.setEnabled(call.ended_at is not None and not running)
        self.continue_button.setEnabled(not running)
        self.state.setText(self.tr("This call is running in the sidebar.") if running else "")
        self.state.setVisible(running)
