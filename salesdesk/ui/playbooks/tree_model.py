"""The playbook editor's tree: a Qt item model over a PlaybookDraft, changed only through undo
commands, and checked by the playbook validator after every change.

Every edit (typing in a field, adding, deleting, moving by keyboard or by drag) is a
QUndoCommand on one QUndoStack, so Ctrl+Z and Ctrl+Shift+Z walk back and forth through all
of them. ``moveRows`` and drops go through the same move command as Ctrl+Up / Ctrl+Down.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QByteArray, QMimeData, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QStyle

from salesdesk.core.draft import CHILD_KIND, GROUP_KINDS, ITEM_KINDS, TITLE_FIELD, Kind, Node, PlaybookDraft
from salesdesk.core.problems import Problem

NODE_MIME = "application/x-salesdesk-playbook-node"
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class SetValuesCommand(QUndoCommand):
    """Change some fields of one node. Typing into one field merges into one undo step."""

    ID = 1

    def __init__(
        self,
        model: PlaybookTreeModel,
        node: Node,
        changes: dict[str, object],
        text: str,
        *,
        auto_key: bool,
        merge: str = "",
    ):
        super().__init__(text)
        self.model = model
        self.node = node
        self.new = dict(changes)
        self.old = {name: node.values.get(name) for name in changes}
        self.old_auto, self.new_auto = node.auto_key, auto_key
        self.merge = merge

    def redo(self) -> None:
        self.model._apply(self.node, self.new, self.new_auto)

    def undo(self) -> None:
        self.model._apply(self.node, self.old, self.old_auto)

    def id(self) -> int:
        return self.ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetValuesCommand) or other.node is not self.node or other.merge != self.merge:
            return False
        for name, value in other.new.items():
            self.old.setdefault(name, other.old[name])
            self.new[name] = value
        self.new_auto = other.new_auto
        return True


class InsertCommand(QUndoCommand):
    def __init__(self, model: PlaybookTreeModel, parent: Node, row: int, node: Node, text: str):
        super().__init__(text)
        self.model, self.parent, self.row, self.node = model, parent, row, node

    def redo(self) -> None:
        self.model._insert(self.parent, self.row, self.node)

    def undo(self) -> None:
        self.model._remove(self.node)


class RemoveCommand(QUndoCommand):
    def __init__(self, model: PlaybookTreeModel, node: Node, text: str):
        super().__init__(text)
        assert node.parent is not None
        self.model, self.node, self.parent, self.row = model, node, node.parent, node.row

    def redo(self) -> None:
        self.model._remove(self.node)

    def undo(self) -> None:
        self.model._insert(self.parent, self.row, self.node)


class MoveCommand(QUndoCommand):
    def __init__(self, model: PlaybookTreeModel, node: Node, to_row: int, text: str):
        super().__init__(text)
        self.model, self.node, self.from_row, self.to_row = model, node, node.row, to_row

    def redo(self) -> None:
        self.model._move(self.node, self.to_row)

    def undo(self) -> None:
        self.model._move(self.node, self.from_row)


class PlaybookTreeModel(QAbstractItemModel):
    """The draft as a tree: General, Stages (each with Checklist and Questions), Objections,
    Closing techniques. One column: the item's title."""

    #: A node's values changed (the form showing it refreshes).
    valuesChanged = Signal(object)
    #: The validator's verdict changed (after any edit, undo or redo).
    problemsChanged = Signal()
    #: An undo or redo touched this node: the editor shows it.
    revealRequested = Signal(object)

    def __init__(self, draft: PlaybookDraft, parent: QObject | None = None):
        super().__init__(parent)
        self.draft = draft
        self.undo_stack = QUndoStack(self)
        self._pushing = False
        self.problems: list[Problem] = []
        self.by_node: dict[Node, list[tuple[str, str]]] = {}
        self._flagged: set[Node] = set()
        self._warning_icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.validate()

    # ------------------------------------------------------------------ indexes

    def node(self, index: QModelIndex) -> Node:
        return index.internalPointer() if index.isValid() else self.draft.root

    def index_of(self, node: Node) -> QModelIndex:
        if node is self.draft.root or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        node = self.node(parent)
        if column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node: Node = index.internalPointer()
        return self.index_of(node.parent) if node.parent is not None else QModelIndex()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if parent.column() > 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 1

    # ------------------------------------------------------------------ data

    def label(self, node: Node) -> str:
        count = len(node.children)
        labels = {
            Kind.GENERAL: self.tr("Name, version and qualification"),
            Kind.STAGES: self.tr("Stages (%n)", "", count),
            Kind.CHECKLIST: self.tr("Checklist (%n)", "", count),
            Kind.QUESTIONS: self.tr("Questions (%n)", "", count),
            Kind.OBJECTIONS: self.tr("Objections (%n)", "", count),
            Kind.CLOSES: self.tr("Closing techniques (%n)", "", count),
        }
        if node.kind in labels:
            return labels[node.kind]
        return node.title.strip() or self.tr("(no title)")

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node: Node = index.internalPointer()
        value = None
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.label(node)
        elif role == Qt.ItemDataRole.EditRole:
            value = node.title
        elif role == Qt.ItemDataRole.DecorationRole and node in self._flagged:
            value = self._warning_icon
        elif role == Qt.ItemDataRole.ToolTipRole:
            value = self.problem_text(node) or None
        elif role == PATH_ROLE:
            value = self.draft.path(node)
        return value

    def problem_text(self, node: Node) -> str:
        """The validator's messages for ``node`` itself, one a line, as "field: message"."""
        return "\n".join(f"{name}: {message}" if name else message for name, message in self.by_node.get(node, []))

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        node: Node = index.internalPointer()
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if node.kind in ITEM_KINDS:
            flags |= Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        elif node.kind in GROUP_KINDS:
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        return flags

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Renaming in the tree (F2, or a double click)."""
        node = self.node(index)
        if role != Qt.ItemDataRole.EditRole or node.kind not in ITEM_KINDS or value == node.title:
            return False
        self.rename(node, str(value))
        return True

    # ------------------------------------------------------------------ edits (undoable)

    def set_value(self, node: Node, name: str, value: object) -> None:
        """Set one field, as typed. Consecutive typing into one field is one undo step."""
        if node.values.get(name) == value:
            return
        if name == TITLE_FIELD.get(node.kind):
            changes = self.draft.keys_after_title_change(node, str(value))
        else:
            changes = {name: value}
        # A key typed by hand stays as typed; otherwise a new item's key keeps following its title.
        auto_key = node.auto_key and name != "key"
        text = _fill(self.tr("typing in “%1”"), node.title) if node.title else self.tr("typing")
        self._push(SetValuesCommand(self, node, changes, text, auto_key=auto_key, merge=name))

    def rename(self, node: Node, title: str) -> None:
        changes = self.draft.keys_after_title_change(node, title)
        self._push(
            SetValuesCommand(self, node, changes, _fill(self.tr("renaming “%1”"), node.title), auto_key=node.auto_key)
        )

    def add(self, parent: Node, row: int | None = None, title: str = "") -> Node:
        """Add a new item to the group ``parent`` (at ``row``, default: the end)."""
        kind = CHILD_KIND[parent.kind]
        node = self.draft.new_node(kind, title or self.default_title(kind))
        row = len(parent.children) if row is None else row
        self._push(InsertCommand(self, parent, row, node, _fill(self.tr("adding a %1"), self.kind_name(kind))))
        return node

    def remove(self, node: Node) -> None:
        if node.kind in ITEM_KINDS:
            self._push(RemoveCommand(self, node, _fill(self.tr("deleting “%1”"), node.title)))

    def move(self, node: Node, to_row: int) -> bool:
        """Move ``node`` to position ``to_row`` among its siblings."""
        if node.parent is None or node.kind not in ITEM_KINDS:
            return False
        if not 0 <= to_row < len(node.parent.children) or to_row == node.row:
            return False
        self._push(MoveCommand(self, node, to_row, _fill(self.tr("moving “%1”"), node.title)))
        return True

    def moveRows(
        self,
        source_parent: QModelIndex,
        source_row: int,
        count: int,
        destination_parent: QModelIndex,
        destination_child: int,
    ) -> bool:
        """Qt's move API (insert-before semantics), for views and tests: one row within its group."""
        parent = self.node(source_parent)
        if count != 1 or self.node(destination_parent) is not parent or not 0 <= source_row < len(parent.children):
            return False
        to_row = destination_child - 1 if destination_child > source_row else destination_child
        return self.move(parent.children[source_row], to_row)

    def default_title(self, kind: Kind) -> str:
        return {
            Kind.STAGE: self.tr("New stage"),
            Kind.ITEM: self.tr("New checklist item"),
            Kind.QUESTION: self.tr("New question?"),
            Kind.OBJECTION: self.tr("New objection"),
            Kind.CLOSE: self.tr("New closing technique"),
        }[kind]

    def kind_name(self, kind: Kind) -> str:
        return {
            Kind.STAGE: self.tr("stage"),
            Kind.ITEM: self.tr("checklist item"),
            Kind.QUESTION: self.tr("question"),
            Kind.OBJECTION: self.tr("objection"),
            Kind.CLOSE: self.tr("closing technique"),
        }[kind]

    # ------------------------------------------------------------------ primitives (commands call these)

    def _apply(self, node: Node, values: dict[str, object], auto_key: bool) -> None:
        node.values.update(values)
        node.auto_key = auto_key
        index = self.index_of(node)
        self.dataChanged.emit(index, index)
        self.valuesChanged.emit(node)
        self._after_change(node)

    def _insert(self, parent: Node, row: int, node: Node) -> None:
        self.beginInsertRows(self.index_of(parent), row, row)
        parent.adopt(node, row)
        self.endInsertRows()
        self._group_label_changed(parent)
        self._after_change(node)

    def _remove(self, node: Node) -> None:
        parent = node.parent
        assert parent is not None
        row = node.row
        self.beginRemoveRows(self.index_of(parent), row, row)
        parent.children.pop(row)
        node.parent = None
        self.endRemoveRows()
        self._group_label_changed(parent)
        self._after_change(parent)

    def _move(self, node: Node, to_row: int) -> None:
        parent = node.parent
        assert parent is not None
        from_row = node.row
        if from_row == to_row:
            return
        parent_index = self.index_of(parent)
        self.beginMoveRows(parent_index, from_row, from_row, parent_index, to_row + 1 if to_row > from_row else to_row)
        parent.children.insert(to_row, parent.children.pop(from_row))
        self.endMoveRows()
        self._after_change(node)

    def _group_label_changed(self, group: Node) -> None:
        index = self.index_of(group)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    def _push(self, command: QUndoCommand) -> None:
        # QUndoStack.push() runs redo() once; that first run comes from the editing widget,
        # which already shows the change. Later undos and redos come from the stack: for
        # those the editor brings the changed item into view.
        self._pushing = True
        try:
            self.undo_stack.push(command)
        finally:
            self._pushing = False

    def _after_change(self, node: Node) -> None:
        self.validate()
        if not self._pushing:
            self.revealRequested.emit(node)

    # ------------------------------------------------------------------ validation

    def validate(self) -> None:
        """Run the playbook validator on the draft and mark the nodes it complains about."""
        self.problems = self.draft.validate()
        self.by_node = self.draft.problems_by_node(self.problems)
        flagged: set[Node] = set()
        for node in self.by_node:
            ancestor: Node | None = node
            while ancestor is not None and ancestor is not self.draft.root:
                flagged.add(ancestor)
                ancestor = ancestor.parent
        changed = (flagged ^ self._flagged) | set(self.by_node)
        self._flagged = flagged
        for node in changed:
            if node.parent is not None:  # still in the tree
                index = self.index_of(node)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole])
        self.problemsChanged.emit()

    # ------------------------------------------------------------------ drag and drop (reorder)

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [NODE_MIME]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        nodes = [self.node(i) for i in indexes if i.isValid()]
        if nodes:
            data.setData(NODE_MIME, QByteArray(self.draft.path(nodes[0]).encode("utf-8")))
        return data

    def _drop_target(self, data: QMimeData, row: int, parent: QModelIndex) -> tuple[Node, int] | None:
        if not data.hasFormat(NODE_MIME):
            return None
        path = bytes(data.data(NODE_MIME).data()).decode("utf-8")
        node, name = self.draft.locate(path)
        if name or node.kind not in ITEM_KINDS or node.parent is None:
            return None
        target = self.node(parent)
        if target.parent is node.parent:  # dropped on (or into) a sibling: take its place
            return node, target.row
        if target is node.parent:  # dropped between siblings: insert-before position
            position = len(target.children) if row < 0 else row
            return node, position - 1 if position > node.row else position
        return None

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return action == Qt.DropAction.MoveAction and self._drop_target(data, row, parent) is not None

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        target = self._drop_target(data, row, parent) if action == Qt.DropAction.MoveAction else None
        if target is not None:
            node, to_row = target
            self.move(node, min(to_row, len(node.parent.children) - 1))
        # Always False: the move command has moved the row already, and a True here would make
        # the view delete the dragged row as well, outside the undo stack.
        return False


def _fill(text: str, value: str) -> str:
    """Qt's "%1" placeholder (PySide's tr() returns a Python str, which has no .arg())."""
    return text.replace("%1", value)
