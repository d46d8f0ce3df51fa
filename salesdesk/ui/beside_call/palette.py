"""The command palette (Ctrl+K): one box for objections, rebuttal lines, questions, closing
techniques, checklist items and commands, found by fuzzy match.

It is an overlay inside the sidebar (no new window: it opens in one frame and gives the
keyboard back exactly where it was). Keys, with the search box focused:

- type to search; Up/Down/PgUp/PgDn choose; Enter opens the card (runs a command, jumps
  to a question or checklist item);
- Ctrl+C copies the chosen line, Ctrl+R / Ctrl+H log its objection raised / handled;
- Esc closes and returns the keyboard to where it was.

On a card: 1–9 copy that line, C copies the highlighted one, R / H log the objection,
Backspace goes back to the results, Esc closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import shiboken6
from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from salesdesk.core.bidi import isolate
from salesdesk.core.call import utcnow
from salesdesk.core.search import Entry, SearchIndex, playbook_entries
from salesdesk.ui.kit import theme
from salesdesk.ui.kit.api import SidebarApi
from salesdesk.ui.kit.i18n import fill, without_mnemonic
from salesdesk.ui.kit.labels import entry_kind

if TYPE_CHECKING:
    from salesdesk.ui.kit.api import CompactView

_Index = QModelIndex | QPersistentModelIndex
EntryRole = Qt.ItemDataRole.UserRole + 1
DetailRole = Qt.ItemDataRole.UserRole + 2
KindRole = Qt.ItemDataRole.UserRole + 3

#: Results shown at most (the list is for choosing, not browsing).
MAX_RESULTS = 40
#: Tall enough for ten results or a card; less to draw on each keystroke.
MAX_HEIGHT = 460
CTRL = Qt.KeyboardModifier.ControlModifier


def list_keys() -> str:
    """The keys of the result list, as the footer shows them."""
    return QCoreApplication.translate(
        "CommandPalette", "Enter open · Ctrl+C copy · Ctrl+R raised · Ctrl+H handled · Esc close"
    )


def action_entries(actions: dict) -> list[Entry]:
    """The window's commands as palette entries (the palette's own command excluded)."""
    entries = []
    go_to = QCoreApplication.translate("CommandPalette", "Go to stage %1")
    for name, action in actions.items():
        if name in {"palette"}:
            continue
        text = without_mnemonic(action.text()).rstrip("…").strip()
        if name.startswith("stage_"):
            text = fill(go_to, text)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        tip = action.statusTip()
        detail = f"{keys} · {tip}" if tip and tip != text else keys
        entries.append(Entry("action", name, text, detail))
    return entries


class ResultsModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._entries: list[Entry] = []

    def set_entries(self, entries: list[Entry]) -> None:
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def entry(self, row: int) -> Entry:
        return self._entries[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        # Called for every role of every visible row on each repaint: no work for roles not asked.
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return isolate(entry.title)
        text = _ROLE_TEXT.get(role)
        return text(entry) if text is not None else None


def _kind(entry: Entry) -> str:
    return entry_kind(entry.kind)


_ROLE_TEXT = {
    DetailRole: lambda e: f"{_kind(e)} · {isolate(e.detail)}" if e.detail else _kind(e),
    KindRole: _kind,
    Qt.ItemDataRole.AccessibleTextRole: lambda e: f"{_kind(e)}: {e.title}. {e.detail}",
    EntryRole: lambda e: e,
}


class ResultDelegate(QStyledItemDelegate):
    """Two parts, each wrapped to the width (never cut): the title, then the kind and the
    detail, muted."""

    PAD = 4
    FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)

    def __init__(self, parent=None):
        super().__init__(parent)
        # Wrapped heights by (text, width): a keystroke lays out and paints the same rows again.
        self._cache: dict[tuple[str, str, int, int], tuple[int, int]] = {}

    def _text_width(self, option) -> int:
        view = option.widget
        if view is None:
            return max(40, option.rect.width() - 2 * self.PAD - 2)
        # Room for the scroll bar kept whether it shows or not: it comes and goes after the
        # rows are laid out, and the list does not lay them out again for that.
        bar = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
        return max(40, view.contentsRect().width() - bar - 2 * self.PAD - 2)

    def _heights(self, option, index, width: int) -> tuple[int, int]:
        title, detail = index.data() or "", index.data(DetailRole) or ""
        metrics = option.fontMetrics
        key = (title, detail, width, metrics.lineSpacing())
        heights = self._cache.get(key)
        if heights is None:
            line = metrics.lineSpacing()
            heights = (
                max(line, metrics.boundingRect(0, 0, width, 100_000, self.FLAGS, title).height()),
                max(line, metrics.boundingRect(0, 0, width, 100_000, self.FLAGS, detail).height()),
            )
            if len(self._cache) > 2000:
                self._cache.clear()
            self._cache[key] = heights
        return heights

    def sizeHint(self, option, index) -> QSize:
        title, detail = self._heights(option, index, self._text_width(option))
        return QSize(200, title + detail + 2 * self.PAD + 2)

    def paint(self, painter, option, index) -> None:
        # Drawn by hand (not initStyleOption + style text): a keystroke repaints every row.
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        if selected:
            painter.fillRect(option.rect, palette.brush(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight))
        main = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = theme.muted_text(palette, selected)
        rect = option.rect.adjusted(self.PAD + 2, self.PAD, -self.PAD, -self.PAD)
        rect.setWidth(min(rect.width(), self._text_width(option)))  # as laid out: no gaps between rows
        title_height, detail_height = self._heights(option, index, rect.width())
        painter.save()
        painter.setPen(main)
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), title_height), self.FLAGS, index.data() or "")
        painter.setPen(muted)
        detail = QRect(rect.left(), rect.top() + title_height, rect.width(), detail_height)
        painter.drawText(detail, self.FLAGS, index.data(DetailRole) or "")
        painter.restore()


class _Keys:
    """What a key press means in the palette (shared by the search box and the card)."""

    @staticmethod
    def combo(event: QKeyEvent) -> tuple[int, bool]:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return event.key(), mods == CTRL


class PaletteField(QLineEdit):
    """The search box: keeps Esc, Ctrl+C/R/H and the arrow keys for the palette."""

    navigate = QtSignal(int)  # QAbstractItemView.CursorAction value
    command = QtSignal(str)  # "open", "copy", "raised", "handled", "close"

    _OWN: ClassVar[frozenset] = frozenset(
        {(Qt.Key.Key_Escape, False), (Qt.Key.Key_R, True), (Qt.Key.Key_H, True), (Qt.Key.Key_C, True)}
    )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _Keys.combo(event) in self._OWN:
            event.accept()  # ours, not the window's (Esc, Ctrl+R and Ctrl+H are sidebar shortcuts)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, ctrl = _Keys.combo(event)
        moves = {
            Qt.Key.Key_Down: QAbstractItemView.CursorAction.MoveDown,
            Qt.Key.Key_Up: QAbstractItemView.CursorAction.MoveUp,
            Qt.Key.Key_PageDown: QAbstractItemView.CursorAction.MovePageDown,
            Qt.Key.Key_PageUp: QAbstractItemView.CursorAction.MovePageUp,
        }
        if key in moves and not ctrl:
            self.navigate.emit(moves[key].value)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.command.emit("open")
        elif key == Qt.Key.Key_Escape:
            self.command.emit("close")
        elif ctrl and key == Qt.Key.Key_C and not self.hasSelectedText():
            self.command.emit("copy")
        elif ctrl and key == Qt.Key.Key_R:
            self.command.emit("raised")
        elif ctrl and key == Qt.Key.Key_H:
            self.command.emit("handled")
        else:
            super().keyPressEvent(event)


class CardLines(QListWidget):
    """The lines of a card: one key copies or logs, any other typing goes back to search."""

    command = QtSignal(str, int)  # "copy" (line), "raised", "handled", "back", "close", "type"

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, ctrl = _Keys.combo(event)
        text = event.text()
        plain = not (event.modifiers() & (CTRL | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier))
        if key == Qt.Key.Key_Escape:
            self.command.emit("close", -1)
        elif key == Qt.Key.Key_Backspace:
            self.command.emit("back", -1)
        elif plain and Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            self.command.emit("copy", key - Qt.Key.Key_1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or (key == Qt.Key.Key_C and (plain or ctrl)):
            self.command.emit("copy", self.currentRow())
        elif key == Qt.Key.Key_R and (plain or ctrl):
            self.command.emit("raised", -1)
        elif key == Qt.Key.Key_H and (plain or ctrl):
            self.command.emit("handled", -1)
        elif plain and text and text.isprintable() and not text.isspace():
            self.command.emit("type", -1)
            QApplication.sendEvent(self.parent_palette.field, event)  # keep the character
        else:
            super().keyPressEvent(event)

    parent_palette: CommandPalette


class CommandPalette(QFrame):
    """The overlay. ``open()`` shows it with the keyboard in the search box."""

    opened = QtSignal()
    closed = QtSignal()

    def __init__(self, window: SidebarApi, parent: QWidget):
        super().__init__(parent)
        self.window_ = window
        self.controller = window.controller
        self.setObjectName("commandPalette")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self.setAccessibleName(self.tr("Command palette"))
        self.index: SearchIndex | None = None
        self._indexed_playbook = None
        self._indexed_call = None
        self._return_to: QWidget | None = None
        self._card_entry: Entry | None = None

        self.field = PaletteField()
        self.field.setPlaceholderText(self.tr("Objection, line, question, command…"))
        self.field.setAccessibleName(self.tr("Search the playbook and commands"))
        self.field.setClearButtonEnabled(True)
        self.model = ResultsModel(self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setItemDelegate(ResultDelegate(self.results))
        # Rows are as tall as their wrapped text; laid out again when the width changes.
        self.results.setUniformItemSizes(False)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setAccessibleName(self.tr("Matches"))
        self.results.setObjectName("paletteResults")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the search box
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.empty = QLabel(self.tr("Nothing matches. Try fewer or other words."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        self.card = QWidget()
        self.card_kind = QLabel()
        self.card_kind.setStyleSheet("color: palette(placeholder-text);")
        self.card_title = QLabel()
        font = self.card_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.card_title.setFont(font)
        self.card_title.setWordWrap(True)
        self.card_title.setTextFormat(Qt.TextFormat.PlainText)
        self.card_lines = CardLines()
        self.card_lines.parent_palette = self
        self.card_lines.setWordWrap(True)
        self.card_lines.setAccessibleName(self.tr("Lines to say"))
        self.card_lines.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.card_lines.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.card_lines.setSpacing(2)
        self.card_why = QLabel()
        self.card_why.setWordWrap(True)
        self.card_why.setTextFormat(Qt.TextFormat.PlainText)
        self.card_why.setStyleSheet("color: palette(placeholder-text);")
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(2, 2, 2, 2)
        card_layout.setSpacing(4)
        card_layout.addWidget(self.card_kind)
        card_layout.addWidget(self.card_title)
        card_layout.addWidget(self.card_lines, 1)
        card_layout.addWidget(self.card_why)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.results)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.card)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName(self.tr("Palette status"))
        self.keys = QLabel()
        self.keys.setWordWrap(True)
        self.keys.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.field)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.keys)
        self.status.hide()

        self.field.textEdited.connect(self._search)
        self.field.navigate.connect(self._navigate)
        self.field.command.connect(self._field_command)
        self.card_lines.command.connect(self._card_command)
        self.results.doubleClicked.connect(lambda _index: self.open_current())
        self.controller.callChanged.connect(self._call_changed)
        parent.installEventFilter(self)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self.hide()

    # ------------------------------------------------------------------ index

    def build_index(self) -> SearchIndex:
        """Index the current call's playbook and the window's commands (done at call start)."""
        call = self.controller.call
        entries = playbook_entries(call.playbook) if call else []
        entries += action_entries(self.window_.actions)
        self.index = SearchIndex(entries)
        self._indexed_playbook = call.playbook if call else None
        self._indexed_call = call
        return self.index

    def _call_changed(self) -> None:
        call = self.controller.call
        if self.isVisible():
            self.close_palette(restore_focus=False)
        if call is None or call.playbook is not self._indexed_playbook or call is not self._indexed_call:
            self.index = None  # rebuilt when idle (see call_tools), or on the next open

    def _accept(self, entry: Entry) -> bool:
        if entry.kind != "action":
            return True
        action = self.window_.actions.get(entry.key)
        return action is not None and action.isEnabled() and action.isVisible()

    # ------------------------------------------------------------------ open and close

    @property
    def is_open(self) -> bool:
        return self.isVisible()

    def _compact(self) -> CompactView | None:
        """The compact strip, if it has been made (it makes room for the palette)."""
        from salesdesk.ui.kit.api import CompactView

        return self.window_.features.find(CompactView)

    def open(self, query: str = "") -> None:
        focus = QApplication.focusWidget()
        if not self.isVisible():
            self._return_to = focus if focus is not None and not self.isAncestorOf(focus) else None
            if self.index is None:
                self.build_index()
            self.status.hide()
            compact = self._compact()
            if compact is not None and compact.active:
                compact.make_room()
            self.place()
            self.field.setText(query)
            self._search(query)
            self.show()
            self.raise_()
            self.opened.emit()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_palette(self, restore_focus: bool = True) -> None:
        if not self.isVisible():
            return
        self.hide()
        target, self._return_to = self._return_to, None
        compact = self._compact()
        if compact is not None and compact.active:
            compact.release_room()
        self.closed.emit()
        if restore_focus and target is not None and shiboken6.isValid(target) and target.isVisible():
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def place(self) -> None:
        """Cover the sidebar below the top margin (the compact strip grows to make room)."""
        host = self.parentWidget()
        compact = self._compact()
        top = compact.palette_top() if compact is not None and compact.active else 6
        height = min(MAX_HEIGHT, host.height() - top - 6)
        geometry = QRect(6, top, max(200, host.width() - 12), max(120, height))
        if geometry != self.geometry():
            self.setGeometry(geometry)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self.place()
        return False

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # A click elsewhere in the sidebar closes the palette, leaving the keyboard there.
        if (
            self.isVisible()
            and new is not None
            and new is not self
            and not self.isAncestorOf(new)
            and new.window() is self.window()
        ):
            self.close_palette(restore_focus=False)

    # ------------------------------------------------------------------ searching

    def _search(self, text: str) -> None:
        if self.stack.currentWidget() is self.card:
            self._card_entry = None
        call = self.controller.call
        stage = call.stage if call else ""
        index = self.index if self.index is not None else self.build_index()
        entries = index.search(text, stage=stage, limit=MAX_RESULTS, accept=self._accept)
        self.model.set_entries(entries)
        if entries:
            self.stack.setCurrentWidget(self.results)
            self.results.setCurrentIndex(self.model.index(0, 0))
        else:
            self.stack.setCurrentWidget(self.empty)
        self._set_keys(list_keys())

    def _set_keys(self, text: str) -> None:
        if self.keys.text() != text:
            self.keys.setText(text)

    def _navigate(self, action: int) -> None:
        if self.stack.currentWidget() is not self.results or not self.model.rowCount():
            return
        row = self.results.currentIndex().row()
        step = {
            QAbstractItemView.CursorAction.MoveDown.value: 1,
            QAbstractItemView.CursorAction.MoveUp.value: -1,
            QAbstractItemView.CursorAction.MovePageDown.value: 6,
            QAbstractItemView.CursorAction.MovePageUp.value: -6,
        }[action]
        row = min(max(row + step, 0), self.model.rowCount() - 1)
        self.results.setCurrentIndex(self.model.index(row, 0))

    @property
    def current_entry(self) -> Entry | None:
        if self.stack.currentWidget() is self.card:
            return self._card_entry
        index = self.results.currentIndex()
        return self.model.entry(index.row()) if index.isValid() and self.stack.currentWidget() is self.results else None

    def results_titles(self) -> list[str]:
        return [self.model.entry(r).title for r in range(self.model.rowCount())]

    # ------------------------------------------------------------------ commands

    def _field_command(self, name: str) -> None:
        entry = self.current_entry
        if name == "close":
            self.close_palette()
        elif entry is None:
            return
        elif name == "open":
            self.open_current()
        elif name == "copy":
            self.copy_line(entry, entry.line if entry.line >= 0 else 0)
        elif name in ("raised", "handled"):
            self.log_objection(entry, handled=name == "handled")

    def open_current(self) -> None:
        entry = self.current_entry
        if entry is None:
            return
        if entry.kind == "action":
            action = self.window_.actions.get(entry.key)
            self.close_palette()
            if action is not None and action.isEnabled():
                action.trigger()
        elif entry.kind in ("question", "checklist"):
            self.close_palette(restore_focus=False)
            self.window_.go_to_item(entry.stage, entry.key, question=entry.kind == "question")
        else:
            self.show_card(entry)

    def show_card(self, entry: Entry) -> None:
        """The objection or closing technique, its lines numbered, the chosen one highlighted."""
        call = self.controller.call
        if call is None:
            return
        key = entry.parent or entry.key
        if entry.kind in ("objection", "line"):
            objection = call.playbook.objection(key)
            if objection is None:
                return
            kind, title, lines, why = entry_kind("objection"), objection.title, objection.rebuttals, objection.why
            why = fill(self.tr("Why it works: %1"), why) if why else ""
            keys = self.tr("1–9 copy a line · C copy · R raised · H handled · Backspace back · Esc close")
        else:
            close = next((c for c in call.playbook.closes if c.key == key), None)
            if close is None:
                return
            kind, title, lines, why = entry_kind("close"), close.title, close.examples, close.summary
            keys = self.tr("1–9 copy a line · C copy · Backspace back · Esc close")
        self._card_entry = Entry(
            "objection" if entry.kind in ("objection", "line") else "close", key, title, parent=key, line=entry.line
        )
        self.card_kind.setText(kind)
        self.card_title.setText(title)
        self.card_lines.clear()
        for number, line in enumerate(lines, start=1):
            item = QListWidgetItem(f"{number}.  {line}" if number <= 9 else line)
            item.setData(Qt.ItemDataRole.UserRole, line)
            item.setToolTip(fill(self.tr("Press %1 to copy"), number) if number <= 9 else "")
            self.card_lines.addItem(item)
        self.card_lines.setCurrentRow(max(0, entry.line) if lines else -1)
        self.card_why.setText(why)
        self.card_why.setVisible(bool(why))
        self._set_keys(keys)
        self.stack.setCurrentWidget(self.card)
        self.card_lines.setFocus(Qt.FocusReason.OtherFocusReason)

    def _card_command(self, name: str, row: int) -> None:
        entry = self._card_entry
        if name == "close":
            self.close_palette()
        elif name in ("back", "type"):
            self.stack.setCurrentWidget(self.results if self.model.rowCount() else self.empty)
            self._card_entry = None
            self._set_keys(list_keys())
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)
            self.field.deselect()
            self.field.end(False)
        elif entry is None:
            return
        elif name == "copy":
            if 0 <= row < self.card_lines.count():
                self.card_lines.setCurrentRow(row)
                self._copy(self.card_lines.item(row).data(Qt.ItemDataRole.UserRole), row)
        elif name in ("raised", "handled"):
            self.log_objection(entry, handled=name == "handled")

    def copy_line(self, entry: Entry, line: int = 0) -> None:
        """Copy what the rep would say for ``entry`` (a line, or its first line)."""
        call = self.controller.call
        text = ""
        if entry.kind in ("line", "close-line", "question", "checklist"):
            text = entry.title
        elif call is not None and entry.kind == "objection":
            objection = call.playbook.objection(entry.key)
            text = objection.rebuttals[line] if objection and objection.rebuttals else ""
        elif call is not None and entry.kind == "close":
            close = next((c for c in call.playbook.closes if c.key == entry.key), None)
            text = close.examples[line] if close and close.examples else ""
        if text:
            self._copy(text, line)

    def _copy(self, text: str, row: int) -> None:
        QGuiApplication.clipboard().setText(text)
        self._say(fill(self.tr("Copied line %1: %2"), row + 1, text) if row >= 0 else fill(self.tr("Copied: %1"), text))

    def log_objection(self, entry: Entry, handled: bool) -> None:
        if self.controller.call is None or entry.kind not in ("objection", "line"):
            self._say(self.tr("Only objections can be logged: choose one first."))
            return
        key = entry.parent or entry.key
        logged = self.controller.mark_handled(key) if handled else self.controller.log_objection(key)
        when = utcnow().astimezone().strftime("%H:%M")
        if handled:
            self._say(fill(self.tr("“%1” logged as handled at %2."), logged.title, when))
        else:
            self._say(fill(self.tr("“%1” logged as raised at %2."), logged.title, when))

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()
        self.window_.show_status(text, 4000)


def palette_for(window: SidebarApi) -> CommandPalette:
    """The window's palette, built on first use."""
    palette = window.features.find(CommandPalette)
    if palette is None:
        palette = window.features.add(CommandPalette(window, window.widget.centralWidget()))
    return palette


def open_palette(window: SidebarApi, query: str = "") -> CommandPalette:
    palette = palette_for(window)
    palette.open(query)
    return palette
