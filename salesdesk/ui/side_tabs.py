"""The sidebar's reference tabs (qualification, objections, closing), built on first use."""

from __future__ import annotations

import html
from typing import ClassVar

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from salesdesk.core.playbook import QUALIFICATION_FIELDS, Objection
from salesdesk.ui.controller import CallController
from salesdesk.ui.models import ObjectionLogModel, ObjectionsModel, WordFilterProxy
from salesdesk.ui.panels import AnswerEdit, RefitOnResize, fit_list_height, hint_label, section_label, wrapping_list

# --------------------------------------------------------------------------- qualification tab


class QualificationPanel(QScrollArea):
    TITLES: ClassVar[dict[str, str]] = {
        "need": "Need",
        "budget": "Budget",
        "timeline": "Timeline",
        "authority": "Authority",
    }

    def __init__(self, controller: CallController, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(4)
        self.edits: dict[str, AnswerEdit] = {}
        self.prompts: dict[str, QLabel] = {}
        for field in QUALIFICATION_FIELDS:
            title = section_label(self.TITLES[field])
            prompt = hint_label()
            edit = AnswerEdit()
            edit.setAccessibleName(self.TITLES[field])
            edit.edited.connect(lambda text, f=field: self.controller.set_qualification(f, text))
            title.setBuddy(edit)
            layout.addWidget(title)
            layout.addWidget(prompt)
            layout.addWidget(edit)
            layout.addSpacing(6)
            self.edits[field], self.prompts[field] = edit, prompt
        layout.addStretch(1)
        controller.callChanged.connect(self.load)
        controller.qualificationChanged.connect(self._changed)
        self.load()

    def _changed(self, field: str) -> None:
        call = self.controller.call
        if call is not None and self.edits[field].toPlainText() != call.qualification.get(field, ""):
            self.edits[field].set_text_quietly(call.qualification.get(field, ""))

    def load(self) -> None:
        call = self.controller.call
        if call is None:
            return
        for field, edit in self.edits.items():
            edit.set_text_quietly(call.qualification.get(field, ""))
            prompt = call.playbook.qualification.get(field, "")
            self.prompts[field].setText(prompt)
            self.prompts[field].setVisible(bool(prompt))


# --------------------------------------------------------------------------- objections tab


class SearchField(QLineEdit):
    """Down arrow moves into the result list; Enter picks the first (or selected) result."""

    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        super().keyPressEvent(event)


class ObjectionsPanel(QWidget):
    def __init__(self, controller: CallController, raised_action, handled_action, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.search = SearchField()
        self.search.setPlaceholderText("Find an objection… (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find an objection")
        self.model = ObjectionsModel(self)
        self.proxy = WordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.results = wrapping_list(self.proxy)
        self.results.setAccessibleName("Objections")
        self.card = QTextBrowser()
        self.card.setAccessibleName("Rebuttal")
        self.card.setOpenLinks(False)
        self.card.setPlaceholderText("Pick an objection to see what to say.")
        raised = QPushButton()
        handled = QPushButton()
        for button, action in ((raised, raised_action), (handled, handled_action)):
            button.setText(action.text().replace("&", ""))
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            action.changed.connect(lambda b=button, a=action: b.setEnabled(a.isEnabled()))
        self.raised_button, self.handled_button = raised, handled
        buttons = QHBoxLayout()
        buttons.addWidget(raised)
        buttons.addWidget(handled)
        self.log_model = ObjectionLogModel(self)
        self.log_model.handledToggled.connect(controller.set_objection_handled)
        self.log_view = wrapping_list(self.log_model)
        self.log_view.setAccessibleName("Objections raised on this call")
        self.note = QLineEdit()
        self.note.setPlaceholderText("Note on the selected objection…")
        self.note.setAccessibleName("Objection note")
        self.note.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.card, 1)
        layout.addLayout(buttons)
        self.log_title = section_label("Raised on this call")
        layout.addWidget(self.log_title)
        layout.addWidget(self.log_view)
        layout.addWidget(self.note)

        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._pick_first)
        self.search.down.connect(self._enter_results)
        self.results.selectionModel().currentChanged.connect(lambda current, _prev: self._show(current))
        self.results.activated.connect(self._show)
        self.log_view.selectionModel().currentChanged.connect(lambda current, _prev: self._log_selected(current))
        self.note.textEdited.connect(self._note_edited)
        controller.callChanged.connect(self.load)
        controller.objectionsChanged.connect(self._refresh_log)
        RefitOnResize(self.results, self._fit_results)
        RefitOnResize(self.log_view, self._fit_log)
        self.load()

    def _fit_results(self) -> None:
        fit_list_height(self.results, max_rows=5)

    def _fit_log(self) -> None:
        fit_list_height(self.log_view, max_rows=3)

    @property
    def current_objection(self) -> Objection | None:
        index = self.results.currentIndex()
        if not index.isValid():
            return None
        return self.model.objection(self.proxy.mapToSource(index).row())

    def load(self) -> None:
        call = self.controller.call
        self.model.set_objections(call.playbook.objections if call else ())
        self.card.clear()
        self._fit_results()
        self._refresh_log()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _filter(self, text: str) -> None:
        self.proxy.set_query(text)
        self._fit_results()
        if self.proxy.rowCount():
            self.results.setCurrentIndex(self.proxy.index(0, 0))
        else:
            self.card.setHtml(f"<p>No objection matches “{html.escape(text)}”.</p>")

    def _pick_first(self) -> None:
        if not self.results.currentIndex().isValid() and self.proxy.rowCount():
            self.results.setCurrentIndex(self.proxy.index(0, 0))
        self._show(self.results.currentIndex())

    def _enter_results(self) -> None:
        self.results.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.results.currentIndex().isValid() and self.proxy.rowCount():
            self.results.setCurrentIndex(self.proxy.index(0, 0))

    def _show(self, index) -> None:
        if not index.isValid():
            return
        objection = self.model.objection(self.proxy.mapToSource(index).row())
        lines = "".join(f"<li style='margin-bottom:6px'>{html.escape(line)}</li>" for line in objection.rebuttals)
        why = f"<p><i>Why this works:</i> {html.escape(objection.why)}</p>" if objection.why else ""
        self.card.setHtml(f"<h3>{html.escape(objection.title)}</h3><ol style='margin-left:-20px'>{lines}</ol>{why}")

    def _refresh_log(self) -> None:
        call = self.controller.call
        entries = call.objections if call else []
        current = self.log_view.currentIndex().row()
        self.log_model.set_entries(entries)
        self._fit_log()
        self.log_title.setVisible(bool(entries))
        self.log_view.setVisible(bool(entries))
        self.note.setVisible(bool(entries))
        if entries:
            row = current if 0 <= current < len(entries) else len(entries) - 1
            self.log_view.setCurrentIndex(self.log_model.index(row))

    def select_latest_log_entry(self) -> None:
        if self.log_model.rowCount():
            self.log_view.setCurrentIndex(self.log_model.index(self.log_model.rowCount() - 1))

    def _log_selected(self, index) -> None:
        self.note.setEnabled(index.isValid())
        with QSignalBlocker(self.note):
            self.note.setText(self.log_model.entry(index.row()).note if index.isValid() else "")

    def _note_edited(self, text: str) -> None:
        index = self.log_view.currentIndex()
        if index.isValid():
            entry = self.log_model.entry(index.row())
            self.controller.set_objection_note(entry, text)


# --------------------------------------------------------------------------- closes tab


class ClosesPanel(QTextBrowser):
    def __init__(self, controller: CallController, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.setAccessibleName("Closing techniques")
        self.setOpenLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        controller.callChanged.connect(self.load)
        self.load()

    def load(self) -> None:
        call = self.controller.call
        parts = []
        for close in call.playbook.closes if call else ():
            examples = "".join(f"<li>“{html.escape(line)}”</li>" for line in close.examples)
            parts.append(
                f"<h3 style='margin-bottom:2px'>{html.escape(close.title)}</h3>"
                f"<p style='margin-top:0'>{html.escape(close.summary)}</p>"
                f"<ul style='margin-left:-20px'>{examples}</ul>"
            )
        self.setHtml("".join(parts))
