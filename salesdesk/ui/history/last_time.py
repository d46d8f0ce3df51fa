""" "Last time": what happened on earlier calls with the same contact, at the top of the
stage tab. Collapsible, a few lines tall, hidden for a contact SalesDesk has not met."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout

from salesdesk.core.bidi import isolate
from salesdesk.core.call import preview
from salesdesk.settings import LAST_TIME_OPEN
from salesdesk.ui.kit import prefs
from salesdesk.ui.kit.background import Latest
from salesdesk.ui.kit.controller import CallController
from salesdesk.ui.kit.i18n import date_text, fill, plural

if TYPE_CHECKING:  # this panel is built before the first paint: import only what it runs
    from salesdesk.core.history import LastTime

#: Until start-up has opened the database, look again this often.
WAIT_FOR_DATABASE_MS = 250
#: The panel sits above the checklist in a 380 px sidebar: it stays a few lines tall.
# The qualification facts (who signs, the budget…) always show, on one line; then a few answers.
SHOWN_CALLS = 2
SHOWN_ANSWERS = 2


def _day(moment) -> str:
    return date_text(moment, QCoreApplication.translate("LastTime", "dd MMM yyyy"))


def _cut(text: str) -> str:
    """At most a preview of a text (a label lays out all it is given, on the UI thread)."""
    shown, cut = preview(text)
    return shown + "…" if cut else shown


def last_time_html(last: LastTime) -> str:
    import html

    def e(text: str) -> str:  # cut, escaped and bidi-isolated (core.bidi): Qt's rich text knows no <bdi>
        return html.escape(isolate(_cut(text)))

    translate = QCoreApplication.translate
    lines = []
    for call in last.calls[:SHOWN_CALLS]:
        outcome = e(call.outcome) if call.outcome else "<i>" + e(translate("LastTime", "no outcome")) + "</i>"
        step = ""
        if call.next_step:
            next_step = call.next_step
            if call.next_step_due:
                due = date_text(call.next_step_due, translate("LastTime", "dd MMM"))
                next_step = fill(translate("LastTime", "%1 (due %2)"), next_step, due)
            step = " · " + e(fill(translate("LastTime", "next: %1"), next_step))
        lines.append(f"<a href='call:{call.id}'>{_day(call.started_at)}</a> · {outcome}{step}")
    if last.open_objections:
        items = "; ".join(
            e(o.title) + (f" <span style='color:gray'>({e(o.note)})</span>" if o.note else "")
            for o in last.open_objections
        )
        lines.append("<b>" + e(translate("LastTime", "Open objections:")) + f"</b> {items}")
    from salesdesk.ui.kit.labels import qualification_field

    facts = [a for a in last.answers if a.field]
    if facts:
        label = translate("LastTime", "%1:")
        lines.append(" · ".join(f"<b>{e(fill(label, qualification_field(a.field)))}</b> {e(a.answer)}" for a in facts))
    for answer in [a for a in last.answers if not a.field][:SHOWN_ANSWERS]:
        lines.append(f"<b>{e(answer.question)}</b> {e(answer.answer)}")
    return "<br>".join(lines)


class _ClickableLabel(QLabel):
    clicked = Signal()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


class LastTimePanel(QFrame):
    """Shows ``history.last_time`` for the running call's contact."""

    def __init__(
        self,
        controller: CallController,
        settings: QSettings,
        open_call: Callable[[int], None],
        parent=None,
    ):
        super().__init__(parent)
        self.controller = controller
        self.settings = settings
        self._open_call = open_call
        self.last: LastTime | None = None
        self.setObjectName("lastTime")
        self.setStyleSheet("#lastTime { background: palette(alternate-base); border-radius: 4px; }")
        self.expanded = prefs.read(settings, LAST_TIME_OPEN)
        self.toggle = QToolButton()
        self.toggle.setAutoRaise(True)
        self.toggle.setAccessibleName(self.tr("Show or hide the earlier calls"))
        self.title = _ClickableLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.title.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title.clicked.connect(self.flip)
        self.toggle.clicked.connect(self.flip)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAccessibleName(self.tr("Last time"))
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.body.linkActivated.connect(self._link)
        font = self.body.font()
        font.setPointSizeF(font.pointSizeF() * 0.92)
        self.body.setFont(font)
        top = QHBoxLayout()
        top.setSpacing(2)
        top.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 6, 4)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.body)
        self._show_expanded()
        self._query = Latest(self)
        self._retry = QTimer(self, singleShot=True, interval=WAIT_FOR_DATABASE_MS)
        self._retry.timeout.connect(self.load)
        controller.dataChanged.connect(self.load)
        self.hide()
        self.load()

    def load(self, _change=None) -> None:
        call = self.controller.call
        self._query.cancel()
        if call is None or call.contact.id is None:
            self.last = None
            self.hide()
            return
        if not self.controller.handle.is_open:
            # Resumed at start-up by the quick reader: the database opens after the first
            # paint; do not open it here, before the sidebar is on screen.
            self._retry.start()
            return
        history = self.controller.store.history
        contact_id, call_id = call.contact.id, call.id
        self._query.submit(lambda: history.last_time(contact_id, call_id), self._show, lambda _message: self.hide())

    def _show(self, last: LastTime | None) -> None:
        self.last = last
        if last is None:
            self.hide()
            return
        newest = last.calls[0]
        earlier = plural(self.tr("%n earlier call(s)", "", last.total), last.total)
        outcome = newest.outcome or self.tr("no outcome")
        self.title.setText(fill(self.tr("Last time: %1, %2 (%3)"), outcome, _day(newest.started_at), earlier))
        self.body.setText(last_time_html(last))
        self.show()

    def flip(self) -> None:
        self.expanded = not self.expanded
        prefs.write(self.settings, LAST_TIME_OPEN, self.expanded)
        self._show_expanded()

    def _show_expanded(self) -> None:
        shown = self.expanded
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.toggle.setToolTip(self.tr("Hide the earlier calls") if shown else self.tr("Show the earlier calls"))
        self.body.setVisible(shown)

    def _link(self, link: str) -> None:
        if link.startswith("call:"):
            self._open_call(int(link.removeprefix("call:")))
