"""The sidebar's reference tabs (qualification, objections, closing), built on first use."""

from __future__ import annotations

import html

from PySide6.QtCore import QDate, QSignalBlocker, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from salesdesk.core.call import ObjectionEntry
from salesdesk.core.playbook import QUALIFICATION_FIELDS, Objection, Playbook
from salesdesk.core.qualification import (
    COMMON_CURRENCIES,
    BudgetError,
    QualificationDetails,
    budget_input_text,
    format_budget,
    parse_budget,
)
from salesdesk.core.search import SearchIndex, objection_entries, ranked_objections
from salesdesk.ui.kit.controller import CallController
from salesdesk.ui.kit.date_field import DateField
from salesdesk.ui.kit.field_limit import limit_line_edit
from salesdesk.ui.kit.i18n import fill, without_mnemonic
from salesdesk.ui.kit.labels import qualification_field, qualification_field_in_text
from salesdesk.ui.kit.widgets import SearchField, wheel_needs_focus
from salesdesk.ui.sidebar.item_models import ObjectionLogModel, ObjectionsModel
from salesdesk.ui.sidebar.panels import (
    AnswerEdit,
    RefitOnResize,
    ScrollPanel,
    fit_list_height,
    hint_label,
    section_label,
    wrapping_list,
)

# --------------------------------------------------------------------------- qualification tab


class QualificationPanel(ScrollPanel):
    """Need, budget, timeline and authority: typed facts, free-text notes, and a live score
    of what is still unknown."""

    def __init__(self, controller: CallController, parent=None):
        super().__init__(spacing=4, parent=parent)
        self.controller = controller
        layout = self.body_layout

        self.score_bar = QProgressBar()
        self.score_bar.setRange(0, len(QUALIFICATION_FIELDS))
        self.score_bar.setTextVisible(False)
        self.score_bar.setFixedHeight(6)
        self.score_bar.setAccessibleName(self.tr("Qualification score"))
        self.score_label = QLabel()
        self.score_label.setWordWrap(True)
        self.score_label.setTextFormat(Qt.TextFormat.PlainText)
        self.score_label.setAccessibleName(self.tr("Qualification score"))
        layout.addWidget(self.score_label)
        layout.addWidget(self.score_bar)
        layout.addSpacing(6)

        # Typed facts, one row per field (need is its free text).
        self.budget_amount = QLineEdit()
        self.budget_amount.setPlaceholderText(self.tr("Amount or range, e.g. 40k–60k"))
        self.budget_amount.setAccessibleName(self.tr("Budget amount or range"))
        self.currency = wheel_needs_focus(QComboBox())
        self.currency.setEditable(True)
        self.currency.addItems(COMMON_CURRENCIES)
        self.currency.setCurrentText("")
        self.currency.lineEdit().setPlaceholderText(self.tr("Cur."))
        self.currency.lineEdit().setMaxLength(3)
        self.currency.setAccessibleName(self.tr("Budget currency"))
        self.currency.setMinimumContentsLength(4)
        self.currency.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.budget_feedback = hint_label()
        self.budget_feedback.setAccessibleName(self.tr("Budget as understood"))
        self.has_decision_date = QCheckBox(self.tr("Decision by"))
        self.has_decision_date.setAccessibleName(self.tr("Decision date is known"))
        self.decision_date = DateField(QDate.currentDate().addDays(30), switch=self.has_decision_date)
        self.decision_date.setAccessibleName(self.tr("Decision date"))
        self.decision_maker = limit_line_edit(QLineEdit())
        self.decision_maker.setPlaceholderText(self.tr("Decision-maker's name"))
        self.decision_maker.setAccessibleName(self.tr("Decision-maker's name"))
        self.decision_role = limit_line_edit(QLineEdit())
        self.decision_role.setPlaceholderText(self.tr("Role, e.g. COO"))
        self.decision_role.setAccessibleName(self.tr("Decision-maker's role"))
        typed_rows: dict[str, QHBoxLayout | None] = {"need": None}
        row = QHBoxLayout()
        row.addWidget(self.budget_amount, 1)
        row.addWidget(self.currency)
        typed_rows["budget"] = row
        row = QHBoxLayout()
        row.addWidget(self.has_decision_date)
        row.addWidget(self.decision_date, 1)
        typed_rows["timeline"] = row
        row = QHBoxLayout()
        row.addWidget(self.decision_maker, 3)
        row.addWidget(self.decision_role, 2)
        typed_rows["authority"] = row

        self.edits: dict[str, AnswerEdit] = {}
        self.prompts: dict[str, QLabel] = {}
        self.titles: dict[str, QLabel] = {}
        self._first_widget: dict[str, QWidget] = {
            "budget": self.budget_amount,
            "timeline": self.has_decision_date,
            "authority": self.decision_maker,
        }
        for field in QUALIFICATION_FIELDS:
            title = section_label(qualification_field(field))
            prompt = hint_label()
            edit = AnswerEdit(placeholder=self.tr("What they said…") if field == "need" else self.tr("Notes…"))
            name = qualification_field(field)
            edit.setAccessibleName(name if field == "need" else fill(self.tr("%1 notes"), name))
            edit.edited.connect(lambda text, f=field: self.controller.set_qualification(f, text))
            layout.addWidget(title)
            layout.addWidget(prompt)
            if typed_rows[field] is not None:
                layout.addLayout(typed_rows[field])
            if field == "budget":
                layout.addWidget(self.budget_feedback)
            layout.addWidget(edit)
            layout.addSpacing(6)
            title.setBuddy(self._first_widget.get(field, edit))
            self._first_widget.setdefault(field, edit)
            self.edits[field], self.prompts[field], self.titles[field] = edit, prompt, title
        layout.addStretch(1)

        self.budget_amount.textEdited.connect(self._typed)
        self.currency.currentTextChanged.connect(self._typed)
        self.has_decision_date.toggled.connect(self._typed)
        self.decision_date.dateChanged.connect(self._typed)
        self.decision_maker.textEdited.connect(self._typed)
        self.decision_role.textEdited.connect(self._typed)
        controller.callChanged.connect(self.load)
        controller.qualificationChanged.connect(self._changed)
        controller.qualificationDetailsChanged.connect(self._refresh_score)
        self._loading = False
        self.load()

    def _changed(self, field: str) -> None:
        call = self.controller.call
        if call is not None and self.edits[field].toPlainText() != call.qualification.get(field, ""):
            self.edits[field].set_text_quietly(call.qualification.get(field, ""))
        self._refresh_score()

    def load(self) -> None:
        call = self.controller.call
        if call is None:
            return
        for field, edit in self.edits.items():
            edit.set_text_quietly(call.qualification.get(field, ""))
            prompt = call.playbook.qualification.get(field, "")
            self.prompts[field].setText(prompt)
            self.prompts[field].setVisible(bool(prompt))
        details = call.details
        self._loading = True
        try:
            self.budget_amount.setText(budget_input_text(details))
            self.currency.setCurrentText(details.budget_currency)
            self.has_decision_date.setChecked(details.decision_date is not None)
            if details.decision_date is not None:
                self.decision_date.setDate(QDate(details.decision_date))
            self.decision_maker.setText(details.decision_maker)
            self.decision_role.setText(details.decision_maker_role)
        finally:
            self._loading = False
        self._show_budget(details)
        self._refresh_score()

    def _typed(self, *_args) -> None:
        if self._loading or self.controller.call is None:
            return
        currency = self.currency.currentText().strip().upper()
        try:
            budget = parse_budget(self.budget_amount.text(), default_currency=currency)
        except BudgetError as exc:
            budget, error = None, str(exc)
        else:
            error = ""
            if budget is not None and budget.currency and budget.currency != currency:
                self._loading = True
                self.currency.setCurrentText(budget.currency)  # "€40k" picks EUR
                self._loading = False
        details = QualificationDetails(
            budget_min=budget.low if budget else None,
            budget_max=budget.high if budget else None,
            budget_currency=(budget.currency if budget else currency)[:3],
            decision_date=self.decision_date.date().toPython() if self.has_decision_date.isChecked() else None,
            decision_maker=self.decision_maker.text().strip(),
            decision_maker_role=self.decision_role.text().strip(),
        )
        self.controller.set_qualification_details(details)
        self._show_budget(details, error)
        self._refresh_score()

    def _show_budget(self, details: QualificationDetails, error: str = "") -> None:
        if error:
            self.budget_feedback.setText(error)
        elif details.has_budget:
            self.budget_feedback.setText(
                fill(
                    self.tr("Understood: %1"),
                    format_budget(details.budget_min, details.budget_max, details.budget_currency),
                )
            )
        else:
            self.budget_feedback.setText("")
        self.budget_feedback.setVisible(bool(self.budget_feedback.text()))

    def _refresh_score(self) -> None:
        call = self.controller.call
        if call is None:
            return
        unknown = call.qualification_unknown
        known = len(QUALIFICATION_FIELDS) - len(unknown)
        self.score_bar.setValue(known)
        if unknown:
            names = ", ".join(qualification_field_in_text(f) for f in unknown)
            text = fill(self.tr("%1 of %2 known · still unknown: %3"), known, len(QUALIFICATION_FIELDS), names)
        else:
            text = fill(self.tr("All %1 known: qualified."), len(QUALIFICATION_FIELDS))
        self.score_label.setText(text)
        self.score_bar.setAccessibleDescription(text)
        for field, title in self.titles.items():
            mark = "" if field in unknown else "  ✓"
            title.setText(qualification_field(field) + mark)

    def focus_first_unknown(self) -> None:
        call = self.controller.call
        unknown = call.qualification_unknown if call else []
        widget = self._first_widget[unknown[0] if unknown else QUALIFICATION_FIELDS[0]]
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ensureWidgetVisible(widget)


# --------------------------------------------------------------------------- objections tab


class ObjectionsPanel(QWidget):
    """Find an objection and its lines; log it; correct the call's log (remove an entry
    logged by mistake, merge duplicates, undo either)."""

    def __init__(
        self,
        controller: CallController,
        raised_action,
        handled_action,
        log_actions: dict[str, QAction] | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.controller = controller
        # "remove", "merge", "undo": the window's commands for the log (Delete, Ctrl+Shift+D, Ctrl+Z).
        self.log_actions = log_actions or {}
        self.search = SearchField()
        self.search.setPlaceholderText(self.tr("Find an objection… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Find an objection"))
        self.model = ObjectionsModel(self)
        self._index: SearchIndex | None = None  # the call's objections, for the palette's matcher
        self._indexed_playbook: Playbook | None = None
        self.results = wrapping_list(self.model)
        self.results.setAccessibleName(self.tr("Objections"))
        self.card = QTextBrowser()
        self.card.setAccessibleName(self.tr("Rebuttal"))
        self.card.setOpenLinks(False)
        self.card.setPlaceholderText(self.tr("Pick an objection to see what to say."))
        raised = QPushButton()
        handled = QPushButton()
        for button, action in ((raised, raised_action), (handled, handled_action)):
            button.setText(without_mnemonic(action.text()))
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
        self.log_view.setAccessibleName(self.tr("Objections raised on this call"))
        self.log_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.log_view.customContextMenuRequested.connect(self._log_menu)
        for name in ("remove", "merge"):
            if name in self.log_actions:
                self.log_view.addAction(self.log_actions[name])  # their keys work in this list
        self.undo_button = QToolButton()  # no taller than the title beside it: the list does not jump
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setAccessibleName(self.tr("Undo the last change to the objection log"))
        self.undo_button.hide()
        undo = self.log_actions.get("undo")
        if undo is not None:
            self.undo_button.clicked.connect(undo.trigger)
            undo.changed.connect(self._sync_undo_button)
        self.note = limit_line_edit(QLineEdit())
        self.note.setPlaceholderText(self.tr("Note on the selected objection…"))
        self.note.setAccessibleName(self.tr("Objection note"))
        self.note.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.card, 1)
        layout.addLayout(buttons)
        self.log_title = section_label(self.tr("Raised on this call"))
        log_header = QHBoxLayout()
        log_header.addWidget(self.log_title, 1)
        log_header.addWidget(self.undo_button)
        layout.addLayout(log_header)
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
        # These two show a few rows and scroll: by whole rows, so none shows cut in half.
        for view in (self.results, self.log_view):
            view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.load()
        if undo is not None:
            self._sync_undo_button()

    def _fit_results(self) -> None:
        fit_list_height(self.results, max_rows=5)

    def _fit_log(self) -> None:
        fit_list_height(self.log_view, max_rows=3)

    @property
    def current_objection(self) -> Objection | None:
        index = self.results.currentIndex()
        if not index.isValid():
            return None
        return self.model.item(index.row())

    def load(self) -> None:
        call = self.controller.call
        self.model.set_items(call.playbook.objections if call else ())
        if self.search.text():
            self._filter(self.search.text())
        self.card.clear()
        self._fit_results()
        self._refresh_log()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _filter(self, text: str) -> None:
        call = self.controller.call
        if call is None:
            return
        if self._index is None or self._indexed_playbook is not call.playbook:
            self._index = SearchIndex(objection_entries(call.playbook))
            self._indexed_playbook = call.playbook
        found = [call.playbook.objection(key) for key in ranked_objections(self._index, text)]
        self.model.set_items(o for o in found if o is not None)
        self._fit_results()
        if self.model.rowCount():
            self.results.setCurrentIndex(self.model.index(0, 0))
        else:
            message = fill(self.tr("No objection matches “%1”."), html.escape(text))
            self.card.setHtml(f"<p>{message}</p>")

    def _pick_first(self) -> None:
        if not self.results.currentIndex().isValid() and self.model.rowCount():
            self.results.setCurrentIndex(self.model.index(0, 0))
        self._show(self.results.currentIndex())

    def _enter_results(self) -> None:
        self.results.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.results.currentIndex().isValid() and self.model.rowCount():
            self.results.setCurrentIndex(self.model.index(0, 0))

    def _show(self, index) -> None:
        if not index.isValid():
            return
        objection = self.model.item(index.row())
        lines = "".join(f"<li style='margin-bottom:6px'>{html.escape(line)}</li>" for line in objection.rebuttals)
        label = self.tr("Why this works:")
        why = f"<p><i>{label}</i> {html.escape(objection.why)}</p>" if objection.why else ""
        self.card.setHtml(f"<h3>{html.escape(objection.title)}</h3><ol style='margin-left:-20px'>{lines}</ol>{why}")

    def _refresh_log(self) -> None:
        call = self.controller.call
        entries = call.objections if call else []
        current = self.log_view.currentIndex().row()
        self.log_model.set_items(entries)
        self._fit_log()
        self.log_title.setVisible(bool(entries) or self.undo_button.isVisibleTo(self))
        self.log_view.setVisible(bool(entries))
        self.note.setVisible(bool(entries))
        if entries:
            row = current if 0 <= current < len(entries) else len(entries) - 1
            self.log_view.setCurrentIndex(self.log_model.index(row))
        self._sync_log_actions()

    def select_latest_log_entry(self) -> None:
        if self.log_model.rowCount():
            self.log_view.setCurrentIndex(self.log_model.index(self.log_model.rowCount() - 1))

    def _log_selected(self, index) -> None:
        self.note.setEnabled(index.isValid())
        with QSignalBlocker(self.note):
            self.note.setText(self.log_model.item(index.row()).note if index.isValid() else "")
        self._sync_log_actions()

    # ------------------------------------------------------------------ correcting the log

    @property
    def selected_entry(self) -> ObjectionEntry | None:
        index = self.log_view.currentIndex()
        return self.log_model.item(index.row()) if index.isValid() else None

    def _sync_log_actions(self) -> None:
        entry = self.selected_entry if self.controller.call is not None else None
        if "remove" in self.log_actions:
            self.log_actions["remove"].setEnabled(entry is not None)
        if "merge" in self.log_actions:
            self.log_actions["merge"].setEnabled(entry is not None and len(self.controller.duplicates(entry)) > 1)

    def _sync_undo_button(self) -> None:
        undo = self.log_actions["undo"]
        self.undo_button.setVisible(undo.isEnabled())
        self.undo_button.setToolTip(undo.toolTip())
        self.log_title.setVisible(self.log_model.rowCount() > 0 or undo.isEnabled())

    def _log_menu(self, position) -> None:
        index = self.log_view.indexAt(position)
        if index.isValid():
            self.log_view.setCurrentIndex(index)
        menu = QMenu(self)
        for name in ("remove", "merge", "undo"):
            if name in self.log_actions:
                menu.addAction(self.log_actions[name])
        menu.exec(self.log_view.viewport().mapToGlobal(position))
        menu.deleteLater()

    def _say(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 6000)

    def remove_selected(self) -> None:
        """Remove the selected entry from the call's log (Delete); Ctrl+Z brings it back."""
        entry = self.selected_entry
        if entry is None or self.controller.call is None:
            self._say(self.tr("Select an entry under “Raised on this call” first."))
            return
        self.controller.remove_objection(entry)
        self._say(fill(self.tr("“%1” removed. Ctrl+Z brings it back."), entry.title))
        self.log_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def merge_selected(self) -> None:
        """Merge the entries of the selected entry's objection into one (Ctrl+Shift+D)."""
        entry = self.selected_entry
        if entry is None or self.controller.call is None:
            self._say(self.tr("Select an entry under “Raised on this call” first."))
            return
        count = len(self.controller.duplicates(entry))
        if count < 2:
            self._say(fill(self.tr("“%1” is logged once on this call: nothing to merge."), entry.title))
            return
        change = self.controller.merge_objections(entry)
        if change is not None:
            self.log_view.setCurrentIndex(self.log_model.index(self.controller.call.objections.index(change.kept)))
            self._say(fill(self.tr("“%2”: %1 entries merged into one. Ctrl+Z undoes it."), count, entry.title))

    def _note_edited(self, text: str) -> None:
        index = self.log_view.currentIndex()
        if index.isValid():
            entry = self.log_model.item(index.row())
            self.controller.set_objection_note(entry, text)


# --------------------------------------------------------------------------- closes tab


class ClosesPanel(QTextBrowser):
    def __init__(self, controller: CallController, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.setAccessibleName(self.tr("Closing techniques"))
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
