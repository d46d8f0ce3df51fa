"""Qt item models for the sidebar's lists. They read domain objects; writes go to the controller."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from salesdesk.core.bidi import isolate
from salesdesk.core.call import MAX_FIELD_CHARS, CallState, NoteEntry, ObjectionEntry, local_text, preview
from salesdesk.core.playbook import Objection, Stage

KeyRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


def local_time(moment) -> str:
    return local_text(moment, "%H:%M")


def _note_line(note: NoteEntry) -> str:
    """A note's row: its time and at most a preview (laying out a wrapped row costs as much
    as its text), bidi-isolated."""
    text, cut = preview(note.text)
    return f"{local_time(note.at)}  {isolate(text)}{'…' if cut else ''}"


class ChecklistModel(QAbstractListModel):
    """The current stage's checklist; the check state is the tick."""

    toggled = Signal(str, str, bool)  # stage key, item key, done

    def __init__(self, parent=None):
        super().__init__(parent)
        self._stage: Stage | None = None
        self._call: CallState | None = None

    def set_stage(self, call: CallState | None, stage: Stage | None) -> None:
        self.beginResetModel()
        self._call, self._stage = call, stage
        self.endResetModel()

    def refresh_item(self, item_key: str) -> None:
        if self._stage is None:
            return
        for row, item in enumerate(self._stage.checklist):
            if item.key == item_key:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._stage is None else len(self._stage.checklist)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._stage is None or self._call is None:
            return None
        item = self._stage.checklist[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return item.text
        if role == Qt.ItemDataRole.CheckStateRole:
            done = self._call.is_ticked(self._stage.key, item.key)
            return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
        if role == KeyRole:
            return item.key
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or self._stage is None:
            return False
        done = Qt.CheckState(value) == Qt.CheckState.Checked
        self.toggled.emit(self._stage.key, self._stage.checklist[index.row()].key, done)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


class ItemListModel(QAbstractListModel):
    """A flat list of domain objects, replaced as a whole (``set_items``); subclasses say
    how a row is shown in ``data``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list = []

    def set_items(self, items) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int):
        return self._items[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)


class ObjectionsModel(ItemListModel):
    """The playbook's objections (those the objection search found, best first)."""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        objection: Objection = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return objection.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return objection.why or objection.title
        if role == KeyRole:
            return objection.key
        return None


class ObjectionLogModel(ItemListModel):
    """Objections raised on this call; the check state is "handled"."""

    handledToggled = Signal(object, bool)  # ObjectionEntry, handled

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry: ObjectionEntry = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            state = self.tr("handled", "objection state") if entry.handled else self.tr("open", "objection state")
            text = f"{local_time(entry.raised_at)}  {isolate(entry.title)} · {state}"
            return f"{text}\n{isolate(entry.note)}" if entry.note else text
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if entry.handled else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Tick when handled")
        if role == KeyRole:
            return entry.key
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        self.handledToggled.emit(self._items[index.row()], Qt.CheckState(value) == Qt.CheckState.Checked)
        return True


class NotesModel(ItemListModel):
    """The call's committed notes with their times; editing a row edits the note."""

    edited = Signal(object, str)  # NoteEntry, new text

    def __init__(self, parent=None):
        super().__init__(parent)
        #: The rows as shown: the list asks for every row each time it lays itself out, and
        #: set_items comes with every note added; a long call has hundreds of notes.
        self._shown: list[str] = []
        self._made: dict[tuple, str] = {}

    def set_items(self, notes) -> None:
        notes = [n for n in notes if not n.draft]  # the draft is in the editor
        made, self._made = self._made, {}
        for note in notes:
            key = (note.at, note.text)
            self._made[key] = made.get(key) or _note_line(note)
        self._shown = [self._made[(note.at, note.text)] for note in notes]
        super().set_items(notes)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        note: NoteEntry = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown[index.row()]
        if role == Qt.ItemDataRole.EditRole:
            return note.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return local_text(note.at, "%Y-%m-%d %H:%M:%S")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        shown = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if len(self._items[index.row()].text) > MAX_FIELD_CHARS:
            return shown  # stored before there was a limit: an editor could only cut it
        return shown | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        self.edited.emit(self._items[index.row()], str(value))
        return True
