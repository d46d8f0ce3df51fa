"""The right-hand side of the playbook editor: the fields of one item, each with the
validator's message for it right below, and the page shown for a group of items."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from salesdesk.core.draft import CHILD_KIND, TITLE_FIELD, Kind, Node
from salesdesk.core.playbook import MAX_STAGE_MINUTES
from salesdesk.ui.kit.widgets import wheel_needs_focus
from salesdesk.ui.playbooks.tree_model import PlaybookTreeModel

ERROR_STYLE = "color: #b3261e;"
HELP_STYLE = "color: palette(placeholder-text);"


class UndoKeysToWindow(QObject):
    """Lets Ctrl+Z / Ctrl+Shift+Z in a text field reach the editor's undo stack.

    Text fields have an undo of their own that would take the keys first; here every edit
    is already a step on the editor's stack (typing in one field merges into one step), so
    one history serves the whole window."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and (
            event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
        ):
            event.ignore()
            return True
        return False


class NodeForm(QWidget):
    """The fields of one kind of item (a stage, an objection...), bound to the node shown."""

    def __init__(self, kind: Kind, model_getter: Callable[[], PlaybookTreeModel], undo_filter: QObject, parent=None):
        super().__init__(parent)
        self.kind = kind
        self._model = model_getter
        self.node: Node | None = None
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._refreshing = False
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.general_error = self._error_label()
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.general_error)
        layout.addLayout(self.form)
        layout.addStretch(1)
        for name, label, style, help_text in self._specs():
            self._add_field(name, label, style, help_text, undo_filter)

    def _specs(self) -> list[tuple[str, str, str, str]]:
        """(field, label, widget style, help) for this kind; styles: line, text, lines, words,
        minutes, key."""
        key = (
            "key",
            self.tr("&Key"),
            "key",
            self.tr("Links calls to this item. Made from the title for a new item; it stays the same when you rename."),
        )
        specs = {
            Kind.GENERAL: [
                ("name", self.tr("&Name"), "line", ""),
                ("version", self.tr("&Version"), "line", self.tr("Save as new version raises it (1.0 → 1.1).")),
                (
                    "language",
                    self.tr("&Language"),
                    "line",
                    self.tr("The language the playbook is written in, as a code: en, de, fr…"),
                ),
                ("description", self.tr("&Description"), "text", ""),
                ("qualification.need", self.tr("Need prompt"), "line", ""),
                ("qualification.budget", self.tr("Budget prompt"), "line", ""),
                ("qualification.timeline", self.tr("Timeline prompt"), "line", ""),
                ("qualification.authority", self.tr("Authority prompt"), "line", ""),
            ],
            Kind.STAGE: [
                ("title", self.tr("&Title"), "line", ""),
                (
                    "goal",
                    self.tr("&Goal"),
                    "text",
                    self.tr("What the rep wants to have achieved when leaving this stage."),
                ),
                ("minutes", self.tr("Time &box"), "minutes", ""),
                key,
            ],
            Kind.ITEM: [("text", self.tr("&Text"), "line", ""), key],
            Kind.QUESTION: [
                ("text", self.tr("&Question"), "line", ""),
                ("hint", self.tr("&Hint"), "line", self.tr("A note for the rep, shown in the empty answer box.")),
                key,
            ],
            Kind.OBJECTION: [
                ("title", self.tr("&Title"), "line", ""),
                ("rebuttals", self.tr("&Rebuttal lines"), "lines", self.tr("One line to say per row.")),
                ("why", self.tr("&Why it works"), "text", ""),
                (
                    "triggers",
                    self.tr("Tri&gger words"),
                    "words",
                    self.tr("Phrases that point to this objection when heard or typed in notes, separated by commas."),
                ),
                key,
            ],
            Kind.CLOSE: [
                ("title", self.tr("&Title"), "line", ""),
                ("summary", self.tr("&Summary"), "text", ""),
                ("examples", self.tr("&Example lines"), "lines", self.tr("One line to say per row.")),
                key,
            ],
        }
        return specs[self.kind]

    def _error_label(self) -> QLabel:
        label = QLabel()
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.hide()
        return label

    def _add_field(self, name: str, label: str, style: str, help_text: str, undo_filter: QObject) -> None:
        widget: QWidget
        if style in ("line", "key"):
            widget = QLineEdit()
            widget.textEdited.connect(lambda _text, n=name: self._edited(n))
        elif style == "lines":
            # A QTextEdit (in plain-text mode) because it can space paragraphs: each line to say
            # is one paragraph, so a long line that wraps still reads as one entry.
            widget = QTextEdit()
            widget.setAcceptRichText(False)
            widget.setTabChangesFocus(True)
            widget.setUndoRedoEnabled(False)  # the editor's undo stack has every change
            widget.setFixedHeight(widget.fontMetrics().lineSpacing() * 7 + 14)
            widget.textChanged.connect(lambda n=name: self._edited(n))
        elif style == "minutes":
            widget = wheel_needs_focus(QSpinBox())
            widget.setRange(0, MAX_STAGE_MINUTES)
            widget.setSuffix(self.tr(" min"))
            widget.setSpecialValueText(self.tr("none"))
            widget.valueChanged.connect(lambda _value, n=name: self._edited(n))
        else:  # "text" and "words"
            widget = QPlainTextEdit()
            widget.setTabChangesFocus(True)
            widget.setUndoRedoEnabled(False)
            widget.setFixedHeight(widget.fontMetrics().lineSpacing() * (2 if style == "words" else 3) + 14)
            widget.textChanged.connect(lambda n=name: self._edited(n))
            if style == "words":
                widget.setPlaceholderText(self.tr("too expensive, no budget, pricey"))
        widget.setProperty("style", style)
        widget.setAccessibleName(label.replace("&", ""))
        widget.installEventFilter(undo_filter)
        error = self._error_label()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        if help_text:
            help_label = QLabel(help_text)
            help_label.setWordWrap(True)
            help_label.setStyleSheet(HELP_STYLE)
            column.addWidget(help_label)
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.form.addRow(caption, box)
        self.widgets[name] = widget
        self.errors[name] = error

    # ------------------------------------------------------------------ values

    @staticmethod
    def read(widget: QWidget) -> object:
        style = widget.property("style")
        if isinstance(widget, QSpinBox):
            return widget.value() or None
        if isinstance(widget, QLineEdit):
            return widget.text()
        assert isinstance(widget, QPlainTextEdit | QTextEdit)
        text = widget.toPlainText()
        if style == "words":
            return [word.strip() for word in text.replace("\n", ",").split(",") if word.strip()]
        return text.split("\n") if style == "lines" else text

    @staticmethod
    def write(widget: QWidget, value: object) -> None:
        style = widget.property("style")
        if isinstance(widget, QSpinBox):
            widget.setValue(int(value or 0))
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value or ""))
        elif isinstance(widget, QTextEdit):  # "lines"
            widget.setPlainText("\n".join(value or []))  # type: ignore[arg-type]
            cursor = QTextCursor(widget.document())
            cursor.select(QTextCursor.SelectionType.Document)
            spaced = QTextBlockFormat()
            spaced.setBottomMargin(widget.fontMetrics().lineSpacing() * 0.4)
            cursor.mergeBlockFormat(spaced)  # lines typed later inherit the spacing
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(", ".join(value or []) if style == "words" else str(value or ""))  # type: ignore[arg-type]

    def _normal(self, name: str, value: object) -> object:
        # What a field shows for a stored value; lists of lines keep blank rows while typing.
        if name in ("triggers",):
            return [v for v in (value or []) if str(v).strip()]  # type: ignore[union-attr]
        return value if value not in (None, "") else ("" if name != "minutes" else None)

    def show_node(self, node: Node) -> None:
        self.node = node
        self.refresh()

    def refresh(self) -> None:
        """Show the node's values, leaving alone a field that already shows its value (so the
        cursor stays where the rep is typing)."""
        if self.node is None:
            return
        self._refreshing = True
        try:
            for name, widget in self.widgets.items():
                value = self.node.values.get(name)
                if self._normal(name, self.read(widget)) != self._normal(name, value):
                    self.write(widget, value)
        finally:
            self._refreshing = False
        self.heading.setText(self._heading())

    def _heading(self) -> str:
        assert self.node is not None
        model = self._model()
        if self.kind == Kind.GENERAL:
            return self.tr("Playbook")
        kind_name = model.kind_name(self.kind)
        return f"{kind_name[:1].upper()}{kind_name[1:]}: {model.label(self.node)}"

    def _edited(self, name: str) -> None:
        if self._refreshing or self.node is None:
            return
        self._model().set_value(self.node, name, self.read(self.widgets[name]))

    def show_problems(self, problems: list[tuple[str, str]], extra: dict[str, str] | None = None) -> None:
        """Put each of the validator's messages under the field it is about."""
        by_field: dict[str, list[str]] = {}
        for name, message in problems:
            by_field.setdefault(name if name in self.widgets else "", []).append(
                message if name in self.widgets or not name else f"{name}: {message}"
            )
        for name, message in (extra or {}).items():
            by_field.setdefault(name, []).append(message)
        for name, label in [*self.errors.items(), ("", self.general_error)]:
            messages = by_field.get(name, [])
            label.setText("\n".join(messages))
            label.setVisible(bool(messages))

    def focus_field(self, name: str) -> bool:
        widget = self.widgets.get(name) or self.widgets.get(TITLE_FIELD.get(self.kind, "name"))
        if widget is None:
            return False
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()
        return True


class GroupPage(QWidget):
    """Shown for a group (the stages, a stage's checklist...): what it is, and an Add button."""

    def __init__(self, add_action: QAction, parent=None):
        super().__init__(parent)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(add_action.trigger)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def show_group(self, model: PlaybookTreeModel, node: Node) -> None:
        self.heading.setText(model.label(node))
        explanations = {
            Kind.STAGES: self.tr("The steps of the call, in order. The rep moves through them with Ctrl+PgDown."),
            Kind.CHECKLIST: self.tr("What the rep ticks off in this stage."),
            Kind.QUESTIONS: self.tr("Questions to ask in this stage; the rep types the answers beside them."),
            Kind.OBJECTIONS: self.tr("What prospects push back with, and the lines that answer it."),
            Kind.CLOSES: self.tr("Ways to ask for the decision, with example lines."),
        }
        self.text.setText(
            explanations[node.kind] + " " + self.tr("Reorder by dragging, or with Ctrl+Up and Ctrl+Down in the list.")
        )
        self.add_button.setText(self.tr("Add %1").replace("%1", model.kind_name(CHILD_KIND[node.kind])))
        messages = [message for _name, message in model.by_node.get(node, [])]
        self.error.setText("\n".join(messages))
        self.error.setVisible(bool(messages))
