"""The sidebar's sections. Each reads the controller's call and writes through the controller."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSignalBlocker, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QScrollArea,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from salesdesk.core.bidi import isolate
from salesdesk.core.call import MAX_FIELD_CHARS, format_duration, utcnow
from salesdesk.core.playbook import Stage
from salesdesk.ui.kit.controller import CallController
from salesdesk.ui.kit.field_limit import LimitedTextEdit, limit_line_edit
from salesdesk.ui.kit.i18n import literal
from salesdesk.ui.kit.widgets import StageTimer, wheel_needs_focus
from salesdesk.ui.sidebar.item_models import ChecklistModel, KeyRole, NotesModel

# Notes typed in the editor reach the database at most this long after the keystroke.
NOTE_SAVE_DELAY_MS = 500


def section_label(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def hint_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setForegroundRole(label.foregroundRole())
    label.setProperty("hint", True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def fit_list_height(view: QListView, max_rows: int | None = None, min_rows: int = 1) -> None:
    """Make ``view`` exactly as tall as its rows wrapped to its width (up to ``max_rows``)."""
    view.doItemsLayout()
    model = view.model()
    count = model.rowCount()
    shown = count if max_rows is None else min(count, max_rows)
    heights = [view.visualRect(model.index(r, 0)).height() + 2 * view.spacing() for r in range(shown)]
    if len(heights) < min_rows:
        heights += [view.fontMetrics().lineSpacing() + 6] * (min_rows - len(heights))
    # A little room below the last row when all fit; none when the list scrolls, so the
    # next row does not peek in cut in half.
    slack = 4 if shown == count else 0
    view.setFixedHeight(sum(heights) + 2 * view.frameWidth() + slack)


class RefitOnResize(QObject):
    """Re-fits a list's height when its width changes (wrapped rows change height)."""

    def __init__(self, view: QListView, refit):
        super().__init__(view)
        self._refit = refit
        # The view, not its viewport: the list never scrolls (its height fits its rows), so
        # both change width together, and asking PySide for the C++-made viewport before the
        # first paint makes it set up every QWidget subclass's type (about 20 ms).
        view.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize and event.size().width() != event.oldSize().width():
            QTimer.singleShot(0, self._refit)
        return False


class WrappedRowDelegate(QStyledItemDelegate):
    """A row as tall as its text wrapped to the width of the list it is drawn in.

    QListView asks for a row's size with a width that differs between its layout and
    ``visualRect`` (and with none at all in ``sizeHintForIndex``: the text unwrapped), so a
    row that wraps could be given one line's height and be drawn elided or cut off. Asked
    at the list's own width, every pass gets the same answer."""

    def sizeHint(self, option, index) -> QSize:
        view = option.widget
        if not isinstance(view, QListView):
            return super().sizeHint(option, index)
        # The contents rect, not viewport() (see RefitOnResize); less room for a scroll bar
        # whether it shows or not: it comes and goes after the rows are laid out, and the list
        # does not lay them out again for that.
        width = view.contentsRect().width() - 2 * view.spacing()
        if view.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
            from PySide6.QtWidgets import QStyle  # not for the checklist: it costs the first paint

            width -= view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
        option = QStyleOptionViewItem(option)
        option.rect = QRect(0, 0, max(width, 40), 1)  # a valid rect: the style wraps to its width
        return QSize(option.rect.width(), super().sizeHint(option, index).height())


def wrapping_list(model) -> QListView:
    view = QListView()
    view.setModel(model)
    view.setItemDelegate(WrappedRowDelegate(view))
    view.setWordWrap(True)
    view.setUniformItemSizes(False)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    return view


class AnswerEdit(LimitedTextEdit):
    """A short wrapping text field that reports every edit the user makes."""

    edited = Signal(str)

    def __init__(self, lines: int = 2, placeholder: str = "", parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setPlaceholderText(placeholder)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        line = self.fontMetrics().lineSpacing()
        margins = int(self.document().documentMargin() * 2) + self.frameWidth() * 2 + 4
        self.setFixedHeight(line * lines + margins)
        self.textChanged.connect(self._emit)

    def set_text_quietly(self, text: str) -> None:
        with QSignalBlocker(self):
            self.show_stored(text)
            # setPlainText leaves the cursor at the start; a rep who tabs in adds to the end.
            self.moveCursor(QTextCursor.MoveOperation.End)

    def _emit(self) -> None:
        self.edited.emit(self.toPlainText())


# --------------------------------------------------------------------------- header


class CallHeader(QFrame):
    """Contact, company, running timer and the stage selector."""

    def __init__(self, controller: CallController, prev_action, next_action, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("callHeader")
        self.contact = QLabel()
        font = self.contact.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.contact.setFont(font)
        self.contact.setTextFormat(Qt.TextFormat.PlainText)
        self.company = QLabel()
        self.company.setTextFormat(Qt.TextFormat.PlainText)
        self.timer_label = QLabel("00:00")
        self.timer_label.setAccessibleName(self.tr("Call time"))
        timer_font = QFont(font)
        timer_font.setStyleHint(QFont.StyleHint.Monospace)
        timer_font.setFamily("monospace")
        self.timer_label.setFont(timer_font)
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.stage_timer = StageTimer()

        self.stage_combo = wheel_needs_focus(QComboBox())
        self.stage_combo.setAccessibleName(self.tr("Stage"))
        self.stage_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.stage_combo.setMinimumContentsLength(10)
        self.stage_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.stage_combo.activated.connect(self._stage_picked)
        prev_button, next_button = QToolButton(), QToolButton()
        prev_button.setDefaultAction(prev_action)
        next_button.setDefaultAction(next_action)
        prev_button.setArrowType(Qt.ArrowType.LeftArrow)
        next_button.setArrowType(Qt.ArrowType.RightArrow)
        prev_button.setAutoRaise(True)
        next_button.setAutoRaise(True)

        top = QHBoxLayout()
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.contact)
        names.addWidget(self.company)
        top.addLayout(names, 1)
        timers = QVBoxLayout()
        timers.setSpacing(0)
        timers.addWidget(self.timer_label, 0, Qt.AlignmentFlag.AlignRight)
        timers.addWidget(self.stage_timer, 0, Qt.AlignmentFlag.AlignRight)
        top.addLayout(timers)
        stage_row = QHBoxLayout()
        stage_row.setSpacing(2)
        stage_row.addWidget(prev_button)
        stage_row.addWidget(self.stage_combo, 1)
        stage_row.addWidget(next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(stage_row)

        self._ticker = QTimer(self, interval=1000)
        self._ticker.timeout.connect(self.update_timer)
        controller.callChanged.connect(self.load)
        controller.stageChanged.connect(self._sync_stage)
        controller.stageChanged.connect(lambda _key: self.update_timer())
        controller.tickChanged.connect(lambda *_: self._refresh_progress())

    def load(self) -> None:
        call = self.controller.call
        if call is None:
            self._ticker.stop()
            return
        self.contact.setText(isolate(call.contact.name))
        self.company.setText(isolate(call.contact.company or call.contact.email or ""))
        self.company.setVisible(bool(self.company.text()))
        with QSignalBlocker(self.stage_combo):
            self.stage_combo.clear()
            for stage in call.playbook.stages:
                self.stage_combo.addItem("", stage.key)
        self._refresh_progress()
        self._sync_stage()
        self.update_timer()
        self._ticker.start()

    def _refresh_progress(self) -> None:
        call = self.controller.call
        if call is None:
            return
        for row, stage in enumerate(call.playbook.stages):
            done, total = call.stage_progress(stage)
            mark = " ✓" if total and done == total else (f"  {done}/{total}" if done else "")
            self.stage_combo.setItemText(row, f"{row + 1}. {isolate(stage.title)}{mark}")

    def _sync_stage(self, *_args) -> None:
        call = self.controller.call
        if call is not None:
            with QSignalBlocker(self.stage_combo):
                self.stage_combo.setCurrentIndex(call.stage_index)

    def _stage_picked(self, row: int) -> None:
        key = self.stage_combo.itemData(row)
        if key and self.controller.call is not None:
            self.controller.set_stage(key)

    def update_timer(self) -> None:
        call = self.controller.call
        if call is not None:
            now = utcnow()
            self.timer_label.setText(format_duration(call.elapsed_seconds(now)))
            self.stage_timer.show_call(call, now)


# --------------------------------------------------------------------------- stage tab


class ScrollPanel(QScrollArea):
    """A tab page that scrolls vertically only; its content goes into ``self.body_layout``."""

    def __init__(self, spacing: int, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.setWidget(body)
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(8, 8, 8, 8)
        self.body_layout.setSpacing(spacing)


class StagePanel(ScrollPanel):
    """The current stage: its goal, checklist and questions with answer fields."""

    def __init__(self, controller: CallController, parent=None):
        super().__init__(spacing=6, parent=parent)
        self.controller = controller
        self.goal = hint_label()
        self.checklist_model = ChecklistModel(self)
        self.checklist_model.toggled.connect(controller.set_tick)
        self.checklist = wrapping_list(self.checklist_model)
        self.checklist.setAccessibleName(self.tr("Checklist"))
        self.checklist.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.checklist.setFrameShape(QFrame.Shape.NoFrame)
        self.checklist.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.checklist.setSpacing(1)
        self.questions_title = section_label(self.tr("Questions"))
        self.questions_box = QVBoxLayout()
        self.questions_box.setSpacing(4)
        self.answer_edits: dict[str, AnswerEdit] = {}

        layout = self.body_layout
        self.checklist_title = section_label(self.tr("Checklist"))
        layout.addWidget(self.goal)
        layout.addWidget(self.checklist_title)
        layout.addWidget(self.checklist)
        layout.addWidget(self.questions_title)
        layout.addLayout(self.questions_box)
        layout.addStretch(1)

        controller.callChanged.connect(self.load)
        controller.stageChanged.connect(lambda _key: self.load())
        controller.tickChanged.connect(lambda _s, item, _d: self.checklist_model.refresh_item(item))
        controller.answerChanged.connect(self._answer_changed)
        RefitOnResize(self.checklist, self._fit_checklist)

    def load(self) -> None:
        call = self.controller.call
        stage: Stage | None = call.current_stage if call else None
        self.checklist_model.set_stage(call, stage)
        self.goal.setText(stage.goal if stage else "")
        self.goal.setVisible(bool(stage and stage.goal))
        # A stage may have questions only: no empty checklist box then.
        self.checklist_title.setVisible(bool(stage and stage.checklist))
        self.checklist.setVisible(bool(stage and stage.checklist))
        while self.questions_box.count():
            widget = self.questions_box.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # deleteLater waits for the event loop; do not show it meanwhile
                widget.deleteLater()
        self.answer_edits.clear()
        questions = stage.questions if stage else ()
        self.questions_title.setVisible(bool(questions))
        for question in questions:
            label = QLabel(literal(question.text))  # its buddy makes "&" a shortcut mark
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            edit = AnswerEdit(placeholder=question.hint or self.tr("Answer…"))
            edit.setAccessibleName(question.text)
            edit.set_text_quietly(call.answers.get(question.key, ""))
            edit.edited.connect(lambda text, key=question.key: self.controller.set_answer(key, text))
            label.setBuddy(edit)
            self.questions_box.addWidget(label)
            self.questions_box.addWidget(edit)
            self.answer_edits[question.key] = edit
        self._fit_checklist()
        self.verticalScrollBar().setValue(0)

    def focus_item(self, key: str, *, question: bool) -> None:
        """Put the keyboard on a question's answer field or on a checklist item."""
        if question:
            edit = self.answer_edits.get(key)
            if edit is not None:
                # Just built by load(): it shows on the next turn of the event loop.
                QTimer.singleShot(0, lambda: edit.setFocus(Qt.FocusReason.OtherFocusReason))
                QTimer.singleShot(0, lambda: self.ensureWidgetVisible(edit))
            return
        for row in range(self.checklist_model.rowCount()):
            index = self.checklist_model.index(row)
            if index.data(KeyRole) == key:
                self.checklist.setCurrentIndex(index)
                self.checklist.setFocus(Qt.FocusReason.OtherFocusReason)
                self.ensureWidgetVisible(self.checklist)
                return

    def _answer_changed(self, key: str) -> None:
        edit = self.answer_edits.get(key)
        call = self.controller.call
        if edit is not None and call is not None and edit.toPlainText() != call.answers.get(key, ""):
            edit.set_text_quietly(call.answers.get(key, ""))

    def _fit_checklist(self) -> None:
        fit_list_height(self.checklist)  # the page scrolls, not the list


# --------------------------------------------------------------------------- notes


class NoteEditor(LimitedTextEdit):
    """Enter adds the note to the list; Shift+Enter starts a new line."""

    submitted = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.submitted.emit(self.toPlainText())
            return
        super().keyPressEvent(event)


class NoteDelegate(QStyledItemDelegate):
    """Draws a note as a muted time in a left gutter and the text wrapped beside it."""

    PAD = 3
    #: Row heights kept, by text and width: adding a note lays the whole list out again,
    #: and measuring wrapped text for every note of a two-hour call costs tens of ms.
    HEIGHTS_KEPT = 4000

    def __init__(self, parent=None):
        super().__init__(parent)
        self._heights: dict[tuple[str, int, str], int] = {}
        self._gutters: dict[str, int] = {}

    def _gutter(self, option) -> int:
        font = option.font.key()
        gutter = self._gutters.get(font)
        if gutter is None:
            gutter = self._gutters[font] = option.fontMetrics.horizontalAdvance("00:00") + 10
        return gutter

    def _text_rect(self, option, rect):
        return rect.adjusted(self._gutter(option), self.PAD, -self.PAD, -self.PAD)

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.text = ""  # the base paints the row (background, selection, focus); paint() the text

    def createEditor(self, parent, option, index):
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            limit_line_edit(editor)
        return editor

    def paint(self, painter, option, index) -> None:
        # Drawn without naming QStyle: its enums cost the first paint ~8 ms to set up.
        super().paint(painter, option, index)
        time_text, _, text = (index.data() or "").partition("  ")
        view = self.parent()
        selected = view.selectionModel().isSelected(index) if view is not None else False
        palette = option.palette
        painter.save()
        painter.setPen(palette.highlightedText().color() if selected else palette.placeholderText().color())
        time_rect = option.rect.adjusted(self.PAD, self.PAD, 0, 0)
        painter.drawText(time_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), time_text)
        painter.setPen(palette.highlightedText().color() if selected else palette.text().color())
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        painter.drawText(self._text_rect(option, option.rect), flags, text)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        # (No initStyleOption: the rows set no font of their own, so the view's is the one.)
        _, _, text = (index.data() or "").partition("  ")
        # The view's contents rect is its viewport (the list never scrolls); viewport() itself
        # would cost the first paint ~20 ms (see RefitOnResize).
        width = option.rect.width() or (option.widget.contentsRect().width() if option.widget else 300)
        text_width = max(40, width - self._gutter(option) - self.PAD)
        key = (text, text_width, option.font.key())
        height = self._heights.get(key)
        if height is None:
            height = self.text_height(option, text, text_width)
            if len(self._heights) >= self.HEIGHTS_KEPT:
                self._heights.clear()
            self._heights[key] = height
        return QSize(width, height + 2 * self.PAD)

    @staticmethod
    def text_height(option, text: str, width: int) -> int:
        """The height of ``text`` wrapped to ``width`` (measuring: what the cache saves)."""
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        return option.fontMetrics.boundingRect(0, 0, width, 100_000, flags, text).height()


class NotesPanel(QWidget):
    def __init__(self, controller: CallController, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.model = NotesModel(self)
        self.model.edited.connect(controller.edit_note)
        self.view = wrapping_list(self.model)
        self.view.setItemDelegate(NoteDelegate(self.view))
        self.view.setAccessibleName(self.tr("Notes"))
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.editor = NoteEditor()
        self.editor.setAccessibleName(self.tr("New note"))
        self.editor.setPlaceholderText(self.tr("Type a note, Enter to add it (Ctrl+J)"))
        self.editor.setTabChangesFocus(True)
        line = self.editor.fontMetrics().lineSpacing()
        self.editor.setFixedHeight(line * 3 + 14)
        self.title = section_label(self.tr("Notes"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.editor)

        self._save_timer = QTimer(self, singleShot=True, interval=NOTE_SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.flush)
        self.editor.textChanged.connect(self._typed)
        self.editor.submitted.connect(self._submit)
        self._layout = layout
        controller.callChanged.connect(self.load)
        controller.notesChanged.connect(self._refresh)
        controller.aboutToEndCall.connect(self.flush)
        self._loading = False

    @property
    def loading(self) -> bool:
        """True while the editor's text is set by the app, not typed by the rep."""
        return self._loading

    def add_above_editor(self, widget: QWidget) -> None:
        """Place a strip (the live cue banner) right above the note editor."""
        self._layout.insertWidget(self._layout.indexOf(self.editor), widget)

    def load(self) -> None:
        call = self.controller.call
        self._save_timer.stop()
        self._loading = True
        draft = call.draft_note if call else None
        if draft is not None and len(draft.text) > MAX_FIELD_CHARS:
            # Stored before there was a limit: too long for the editor, which would freeze
            # and could only cut it. It becomes a note in the list, kept whole.
            self.controller.commit_note(draft.text)
            draft = None
        self.editor.setPlainText(draft.text if draft else "")
        self._loading = False
        self._refresh()

    def _refresh(self) -> None:
        call = self.controller.call
        self.model.set_items(call.notes if call else [])
        # After the wrapped rows are laid out, show the latest note.
        QTimer.singleShot(0, self.view.scrollToBottom)

    def _typed(self) -> None:
        # Not a debounce: the first keystroke starts the clock, so a note is never more
        # than NOTE_SAVE_DELAY_MS behind, even while the rep keeps typing.
        if not self._loading and self.controller.call is not None and not self._save_timer.isActive():
            self._save_timer.start()

    def flush(self) -> None:
        """Write the editor's text now (on the timer, before the call ends, on close)."""
        self._save_timer.stop()
        if self.controller.call is not None:
            self.controller.save_draft(self.editor.toPlainText())

    def _submit(self, text: str) -> None:
        if self.controller.call is None:
            return
        self._save_timer.stop()
        self.controller.commit_note(text)
        self._loading = True
        self.editor.clear()
        self._loading = False
