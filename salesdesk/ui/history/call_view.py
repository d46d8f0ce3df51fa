"""A past call, read-only, with the two things a rep does with one: fix its wrap-up, or
continue it."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from salesdesk.core.bidi import isolate
from salesdesk.core.call import CallState, format_duration, local_text, preview
from salesdesk.core.digest import digest
from salesdesk.ui.kit.i18n import fill, number
from salesdesk.ui.kit.labels import qualification_field
from salesdesk.ui.kit.widgets import close_with_keys


def _time(moment) -> str:
    return local_text(moment, "%H:%M")


def _when(moment) -> str:
    return local_text(moment)


# The names of the typed qualification facts (the four fields are named by kit.labels).
_TYPED_FACTS = {
    "budget_amount": QT_TRANSLATE_NOOP("CallView", "Budget amount"),
    "decision_date": QT_TRANSLATE_NOOP("CallView", "Decision date"),
    "decision_maker": QT_TRANSLATE_NOOP("CallView", "Decision-maker"),
}


class _Texts:
    """The call's texts as HTML, each cut to a preview (``core.call.preview``) when longer,
    with a "Show all" link: the page then costs the same however long a note is. ``cut``
    keeps each cut text's title and whole text, in link order."""

    def __init__(self) -> None:
        self.cut: list[tuple[str, str]] = []

    def html(self, text: str, title: str) -> str:
        shown, was_cut = preview(text)
        escaped = html.escape(isolate(shown)).replace("\n", "<br>")
        if not was_cut:
            return escaped
        self.cut.append((title, text))
        link = fill(QCoreApplication.translate("CallView", "Show all (%1 characters)"), number(len(text)))
        return f"{escaped}… <a href='{SHOW_ALL}{len(self.cut) - 1}'>{html.escape(link)}</a>"


#: Links in the page that open one of its cut texts whole.
SHOW_ALL = "show-all:"


def call_html(call: CallState, texts: _Texts | None = None) -> str:
    """The whole call as one readable page (what was ticked, answered, raised and noted),
    from its digest (core.digest), as every renderer of a call. Every value is
    bidi-isolated (core.bidi) as it is escaped: Qt's rich text knows no <bdi>."""

    def e(text: str) -> str:
        return html.escape(isolate(text))

    texts = texts or _Texts()
    translate = QCoreApplication.translate
    d = digest(call)  # the texts as typed: ``texts`` cuts and escapes each
    parts = [f"<h2 style='margin-bottom:0'>{e(d.name)}</h2>"]
    details = " · ".join(e(x) for x in d.contact_details)
    if details:
        parts.append(f"<p style='margin-top:2px'>{details}</p>")
    length = format_duration(d.seconds) if d.seconds is not None else translate("CallView", "still running")
    reached = d.reached.title if d.reached else d.reached_key
    stage = fill(translate("CallView", "reached %1"), f"<b>{e(reached)}</b>")
    if d.now_in is not None:
        stage = fill(translate("CallView", "reached %1, then back to %2"), f"<b>{e(reached)}</b>", e(d.now_in.title))
    parts.append(
        f"<p>{_when(d.started_at)} · {e(length)} · {stage} · <span style='color:gray'>{e(d.playbook)}</span></p>"
    )
    due = " " + fill(translate("CallView", "(due %1)"), d.next_step_due.isoformat()) if d.next_step_due else ""
    outcome_title, next_step_title = translate("CallView", "Outcome"), translate("CallView", "Next step")
    outcome = texts.html(d.outcome, outcome_title) or "<i>" + e(translate("CallView", "none recorded")) + "</i>"
    next_step = texts.html(d.next_step, next_step_title) or "<i>" + e(translate("CallView", "none")) + "</i>"
    parts.append(
        "<table cellspacing=0 cellpadding=2>"
        f"<tr><td><b>{e(outcome_title)}</b></td><td>{outcome}</td></tr>"
        f"<tr><td><b>{e(next_step_title)}</b></td><td>{next_step}{e(due)}</td></tr>"
        "</table>"
    )
    if d.qualification:
        rows = ""
        for fact in d.qualification:
            name = _TYPED_FACTS.get(fact.key)
            title = translate("CallView", name) if name else qualification_field(fact.key)
            rows += f"<tr><td><b>{e(title)}</b></td><td>{texts.html(fact.text, title)}</td></tr>"
        heading = e(translate("CallView", "Qualification"))
        parts.append(f"<h3>{heading}</h3><table cellspacing=0 cellpadding=2>{rows}</table>")
    if d.answers:
        answered = "".join(
            f"<p><i>{e(line.question)}</i><br>{texts.html(line.answer, line.question)}</p>" for line in d.answers
        )
        heading = e(translate("CallView", "Answers"))
        parts.append(f"<h3>{heading}</h3>" + answered)
    if d.objections:
        handled = e(translate("CallView", "handled"))
        still_open = "<b>" + e(translate("CallView", "open")) + "</b>"
        items = "".join(
            f"<li>{_time(o.raised_at)} {e(o.title)} · {handled if o.handled else still_open}"
            + (f" — {texts.html(o.note, o.title)}" if o.note else "")
            + "</li>"
            for o in d.objections
        )
        heading = e(translate("CallView", "Objections"))
        parts.append(f"<h3>{heading}</h3><ul style='margin-left:-20px'>{items}</ul>")
    ticked = []
    for stage_list in d.checklist:
        done = [item.text for item in stage_list.items if item.done]
        if done:
            ticked.append(
                f"<p><b>{e(stage_list.title)}</b> {len(done)}/{len(stage_list.items)}: "
                + "; ".join(e(text) for text in done)
                + "</p>"
            )
    if ticked:
        heading = e(translate("CallView", "Checklist"))
        parts.append(f"<h3>{heading}</h3>" + "".join(ticked))
    if d.notes:
        unfinished = " <i>" + e(translate("CallView", "(unfinished)")) + "</i>"
        note_title = translate("CallView", "Note of %1")
        items = "".join(
            f"<tr><td style='color:gray' valign=top>{_time(n.at)}</td>"
            f"<td>{texts.html(n.text, fill(note_title, _when(n.at)))}{unfinished if n.draft else ''}</td></tr>"
            for n in d.notes
        )
        heading = e(translate("CallView", "Notes"))
        parts.append(f"<h3>{heading}</h3><table cellspacing=0 cellpadding=2>{items}</table>")
    if d.followup is not None:
        email = d.followup
        status = (
            fill(translate("CallView", "sent %1"), _when(email.sent_at))
            if email.sent_at
            else translate("CallView", "not sent yet")
        )
        subject_title = translate("CallView", "Subject")
        heading = e(translate("CallView", "Follow-up e-mail"))
        parts.append(
            f"<h3>{heading}</h3><p><i>{e(status)}</i><br><b>{e(subject_title)}:</b> "
            f"{texts.html(email.subject, subject_title)}</p>"
            f"<p>{texts.html(email.body, translate('CallView', 'Follow-up e-mail'))}</p>"
        )
    return "".join(parts)


class LongTextView(QDialog):
    """One long text, read-only, a page at a time: however long the text, each step lays
    out at most PAGE_CHARS characters (a 30 MB note in one piece would freeze the window)."""

    PAGE_CHARS = 20_000

    def __init__(self, title: str, text: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = text
        self.start = 0
        self.page = QPlainTextEdit()
        self.page.setReadOnly(True)
        self.page.setAccessibleName(title)
        self.where = QLabel()
        self.previous_button = QPushButton(self.tr("&Previous page"))
        self.next_button = QPushButton(self.tr("&Next page"))
        copy = QPushButton(self.tr("&Copy all"))
        close = QPushButton(self.tr("Close"))
        self.previous_button.clicked.connect(lambda: self.show_page(self.start - self.PAGE_CHARS))
        self.next_button.clicked.connect(lambda: self.show_page(self.start + self.PAGE_CHARS))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.previous_button, self.next_button, copy):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addWidget(self.where)
        layout.addLayout(buttons)
        self.resize(560, 640)
        self.show_page(0)

    def show_page(self, start: int) -> None:
        self.start = max(0, min(start, (len(self.text) - 1) // self.PAGE_CHARS * self.PAGE_CHARS))
        end = min(len(self.text), self.start + self.PAGE_CHARS)
        self.page.setPlainText(self.text[self.start : end])
        where = self.tr("Characters %1–%2 of %3")
        self.where.setText(fill(where, number(self.start + 1), number(end), number(len(self.text))))
        self.previous_button.setEnabled(self.start > 0)
        self.next_button.setEnabled(end < len(self.text))


class CallView(QWidget):
    """A window showing one stored call. It never edits the call itself: the buttons ask
    the sidebar (which goes through the controller)."""

    def __init__(
        self,
        edit_wrap_up: Callable[[CallState], None],
        continue_call: Callable[[CallState], None],
        parent=None,
        followup_email: Callable[[CallState], None] | None = None,
    ):
        super().__init__(parent, Qt.WindowType.Window)
        self.call: CallState | None = None
        self._running_id: Callable[[], int | None] = lambda: None
        self.page = QTextBrowser()
        self.page.setOpenLinks(False)
        self.page.anchorClicked.connect(self._link)
        self.texts = _Texts()
        self.long_text: LongTextView | None = None
        self.page.setAccessibleName(self.tr("Call details"))
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setStyleSheet("color: palette(placeholder-text);")
        self.edit_button = QPushButton(self.tr("&Edit wrap-up…"))
        self.edit_button.setToolTip(self.tr("Change the outcome, next step or due date"))
        self.continue_button = QPushButton(self.tr("C&ontinue this call"))
        self.continue_button.setToolTip(self.tr("Reopen the call in the sidebar and carry on where it stopped"))
        self.email_button = QPushButton(self.tr("Follow-up &e-mail…"))
        self.email_button.setToolTip(self.tr("Write, copy or send the recap e-mail of this call"))
        self.email_button.setVisible(followup_email is not None)
        if followup_email is not None:
            self.email_button.clicked.connect(lambda: self.call and followup_email(self.call))
        close = QPushButton(self.tr("Close"))
        self.edit_button.clicked.connect(lambda: self.call and edit_wrap_up(self.call))
        self.continue_button.clicked.connect(lambda: self.call and continue_call(self.call))
        close.clicked.connect(self.close)
        close_with_keys(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.continue_button)
        buttons.addWidget(self.email_button)
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
        self.texts = _Texts()
        self.page.setHtml(call_html(call, self.texts))
        self.refresh_state()

    def _link(self, url: QUrl) -> None:
        link = url.toString()
        if not link.startswith(SHOW_ALL):
            return
        title, text = self.texts.cut[int(link[len(SHOW_ALL) :])]
        self.long_text = LongTextView(title, text, self)
        self.long_text.show()

    def refresh_state(self) -> None:
        call = self.call
        if call is None:
            return
        running = self._running_id() == call.id
        self.edit_button.setEnabled(call.ended_at is not None and not running)
        self.continue_button.setEnabled(not running)
        self.state.setText(self.tr("This call is running in the sidebar.") if running else "")
        self.state.setVisible(running)
