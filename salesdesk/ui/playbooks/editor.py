"""The playbook editor: a window to shape the rep's playbooks.

Left, the playbook as a tree (stages with their checklist and questions, objections,
closing techniques); right, the fields of the selected item, each with the validator's
message for it right below; at the bottom, every problem in the playbook. Changes are
undoable (one QUndoStack per playbook). "Save as new version" writes the rep's own file
with the next version number; calls already started keep the snapshot of the version they
began with (storage keeps it), so saving never changes a past or running call.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from salesdesk.core.draft import GROUP_KINDS, ITEM_KINDS, Kind, Node, PlaybookDraft
from salesdesk.core.library import PlaybookLibrary, new_playbook_path
from salesdesk.core.playbook import Playbook, PlaybookError, next_version
from salesdesk.ui.kit.widgets import wheel_needs_focus
from salesdesk.ui.playbooks import files as playbook_files
from salesdesk.ui.playbooks.forms import ERROR_STYLE, HELP_STYLE, GroupPage, NodeForm, UndoKeysToWindow
from salesdesk.ui.playbooks.tree_model import PlaybookTreeModel


class PlaybookEditor(QMainWindow):
    """Edit, create, import, export and delete playbooks."""

    #: A playbook file was written (saved, imported or deleted): the library changed.
    libraryChanged = Signal()

    def __init__(self, load_library: Callable[[], PlaybookLibrary], user_dir: Path, parent=None):
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Playbooks — SalesDesk"))
        self._load_library = load_library
        self.user_dir = user_dir
        self.library = load_library()
        self.model: PlaybookTreeModel | None = None
        self.base: Playbook | None = None  # as loaded or last saved (None: never saved)
        self.source_path: Path | None = None  # the rep's file being edited (None: not written yet)
        self.from_builtin: Playbook | None = None  # the built-in this playbook is a version of
        self.undo_group = QUndoGroup(self)
        self.undo_filter = UndoKeysToWindow(self)
        self.actions: dict[str, QAction] = {}
        self._build_actions()
        self._build_ui()
        self._build_menus()
        self.resize(980, 720)
        self.open_playbook(self.library.default or self.library.playbooks[0])

    # ------------------------------------------------------------------ building

    def _action(self, name: str, text: str, shortcuts, slot, tip: str = "", *, on_tree: bool = False) -> QAction:
        action = QAction(text, self)
        sequences = [QKeySequence(s) for s in (shortcuts if isinstance(shortcuts, list) else [shortcuts])]
        action.setShortcuts(sequences)
        keys = sequences[0].toString(QKeySequence.SequenceFormat.NativeText) if sequences else ""
        plain = text.replace("&", "").rstrip("…")
        action.setToolTip(f"{tip or plain} ({keys})" if keys else tip or plain)
        action.setStatusTip(tip or plain)
        action.triggered.connect(lambda _checked=False: slot())
        self.actions[name] = action
        if on_tree:
            # Keys that mean something else in a text field (Delete, Ctrl+Up) only act on the list.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        else:
            self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        a("new", self.tr("&New playbook"), "Ctrl+N", self.new_playbook, self.tr("Start a new playbook"))
        a("import", self.tr("&Import…"), "Ctrl+O", self.import_playbook, self.tr("Import a playbook file"))
        a(
            "export",
            self.tr("&Export…"),
            "Ctrl+E",
            self.export_playbook,
            self.tr("Save this playbook as a file to share"),
        )
        a(
            "save",
            self.tr("&Save as new version"),
            "Ctrl+S",
            self.save_new_version,
            self.tr("Save with the next version number; calls already started keep their version"),
        )
        a(
            "save_copy",
            self.tr("Save as new &playbook…"),
            "Ctrl+Shift+S",
            self.save_as_new_playbook,
            self.tr("Save these changes as a separate playbook with a new name"),
        )
        a(
            "delete_playbook",
            self.tr("&Delete playbook…"),
            "Ctrl+Shift+Del",
            self.delete_playbook,
            self.tr("Delete your playbook file"),
        )
        a("close", self.tr("&Close"), "Ctrl+W", self.close)
        # Fixed texts (the group's own actions put the step's name in the text, which makes the
        # toolbar jump around); the step's name goes in the tooltip instead.
        undo = a("undo", self.tr("&Undo"), "Ctrl+Z", self.undo_group.undo)
        redo = a("redo", self.tr("&Redo"), ["Ctrl+Shift+Z", "Ctrl+Y"], self.undo_group.redo)
        undo.setEnabled(False)
        redo.setEnabled(False)
        self.undo_group.canUndoChanged.connect(undo.setEnabled)
        self.undo_group.canRedoChanged.connect(redo.setEnabled)
        self.undo_group.undoTextChanged.connect(self._undo_text_changed)
        self.undo_group.redoTextChanged.connect(self._redo_text_changed)
        a("add", self.tr("&Add"), "Ins", self.add_item, self.tr("Add an item here"), on_tree=True)
        a("rename", self.tr("Re&name"), "F2", self.rename_item, self.tr("Rename the selected item"), on_tree=True)
        a("delete", self.tr("&Delete"), "Del", self.delete_item, self.tr("Delete the selected item"), on_tree=True)
        a("move_up", self.tr("Move u&p"), "Ctrl+Up", lambda: self.move_item(-1), on_tree=True)
        a("move_down", self.tr("Move do&wn"), "Ctrl+Down", lambda: self.move_item(1), on_tree=True)
        a("add_stage", self.tr("Add &stage"), [], lambda: self.add_to(Kind.STAGES))
        a("add_item", self.tr("Add &checklist item"), [], lambda: self.add_to(Kind.CHECKLIST))
        a("add_question", self.tr("Add &question"), [], lambda: self.add_to(Kind.QUESTIONS))
        a("add_objection", self.tr("Add &objection"), [], lambda: self.add_to(Kind.OBJECTIONS))
        a("add_close", self.tr("Add closing &technique"), [], lambda: self.add_to(Kind.CLOSES))

    def _undo_text_changed(self, text: str) -> None:
        self.actions["undo"].setToolTip(self.tr("Undo %1 (Ctrl+Z)").replace("%1", text) if text else self.tr("Undo"))

    def _redo_text_changed(self, text: str) -> None:
        self.actions["redo"].setToolTip(
            self.tr("Redo %1 (Ctrl+Shift+Z)").replace("%1", text) if text else self.tr("Redo")
        )

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Playbook"))
        for name in ("new", "import", "export", None, "save", "save_copy", None, "delete_playbook", None, "close"):
            file_menu.addAction(self.actions[name]) if name else file_menu.addSeparator()
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        for name in ("undo", "redo", None, "add", "rename", "delete", "move_up", "move_down"):
            edit_menu.addAction(self.actions[name]) if name else edit_menu.addSeparator()
        add_menu = edit_menu.addMenu(self.tr("&Insert"))
        for name in ("add_stage", "add_item", "add_question", "add_objection", "add_close"):
            add_menu.addAction(self.actions[name])
        for menu in (file_menu, edit_menu, add_menu):
            menu.setToolTipsVisible(True)

    def _build_ui(self) -> None:
        toolbar = QToolBar(self.tr("Playbook"))
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(toolbar)
        self.chooser = wheel_needs_focus(QComboBox())
        self.chooser.setMinimumContentsLength(28)
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setAccessibleName(self.tr("Playbook to edit"))
        self.chooser.activated.connect(self._chosen)
        chooser_label = QLabel(self.tr("Play&book:"))
        chooser_label.setBuddy(self.chooser)
        toolbar.addWidget(chooser_label)
        toolbar.addWidget(self.chooser)
        toolbar.addSeparator()
        # Moving is in the Edit menu and on Ctrl+Up / Ctrl+Down (and by dragging in the list).
        for name in ("save", "undo", "redo", None, "add", "delete"):
            toolbar.addAction(self.actions[name]) if name else toolbar.addSeparator()

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("background: #e3effd; color: #1c3f6e; padding: 6px 10px;")

        self.tree = QTreeView()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.setAccessibleName(self.tr("Playbook contents"))
        for name in ("add", "rename", "delete", "move_up", "move_down"):
            self.tree.addAction(self.actions[name])

        self.forms: dict[Kind, NodeForm] = {}
        self.pages = QStackedWidget()
        for kind in (Kind.GENERAL, Kind.STAGE, Kind.ITEM, Kind.QUESTION, Kind.OBJECTION, Kind.CLOSE):
            form = NodeForm(kind, lambda: self.model, self.undo_filter)
            self.forms[kind] = form
            self.pages.addWidget(form)
        self.group_page = GroupPage(self.actions["add"])
        self.pages.addWidget(self.group_page)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.pages)

        self.problems_label = QLabel()
        self.problems_label.setContentsMargins(8, 4, 8, 4)
        self.problems_list = QListWidget()
        self.problems_list.setAccessibleName(self.tr("Problems"))
        self.problems_list.itemActivated.connect(self._problem_activated)
        self.problems_list.itemClicked.connect(self._problem_activated)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(scroll)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([360, 600])
        split.setChildrenCollapsible(False)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notice)
        layout.addWidget(split, 1)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems_list)
        self.setCentralWidget(central)
        self.statusBar().setSizeGripEnabled(True)

    # ------------------------------------------------------------------ which playbook

    def _fill_chooser(self) -> None:
        self.chooser.clear()
        for playbook in self.library.playbooks:
            origin = self.tr("built-in") if self.library.is_builtin(playbook) else self.tr("yours")
            self.chooser.addItem(f"{playbook.label} — {origin}", playbook)
        if self.base is None:  # a new playbook, not saved yet
            self.chooser.addItem(self.tr("%1 (not saved yet)").replace("%1", self.draft_name()), None)
            self.chooser.setCurrentIndex(self.chooser.count() - 1)
            return
        for row in range(self.chooser.count()):
            playbook = self.chooser.itemData(row)
            if playbook is not None and playbook.source == self.base.source:
                self.chooser.setCurrentIndex(row)

    def _chosen(self, row: int) -> None:
        playbook = self.chooser.itemData(row)
        if playbook is None or (self.base is not None and playbook.source == self.base.source):
            return
        if not self.confirm_discard():
            self._fill_chooser()  # stay on the current one
            return
        self.open_playbook(playbook)

    def open_playbook(self, playbook: Playbook) -> None:
        """Edit ``playbook`` (a built-in one is saved as the rep's own version of it)."""
        self.base = playbook
        self.source_path = Path(playbook.source) if self.library.is_user_file(playbook) else None
        self.from_builtin = playbook if self.library.is_builtin(playbook) else self.library.builtin_named(playbook.name)
        self._set_draft(PlaybookDraft.from_playbook(playbook))

    def _set_draft(self, draft: PlaybookDraft) -> None:
        old = self.model
        self.model = PlaybookTreeModel(draft, self)
        self.undo_group.addStack(self.model.undo_stack)
        self.undo_group.setActiveStack(self.model.undo_stack)
        self.tree.setModel(self.model)
        # Bound methods, not lambdas: Qt drops these connections when the editor is destroyed.
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.model.problemsChanged.connect(self._show_problems)
        self.model.valuesChanged.connect(self._values_changed)
        self.model.revealRequested.connect(self.reveal)
        self.model.rowsInserted.connect(self._update_actions)
        self.model.rowsRemoved.connect(self._update_actions)
        self.model.rowsMoved.connect(self._update_actions)
        self.model.undo_stack.cleanChanged.connect(self._update_title)
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
            old.deleteLater()
        for group in (draft.stages, draft.objections, draft.closes):
            self.tree.expand(self.model.index_of(group))
        self._fill_chooser()
        self.reveal(draft.general)
        self._show_problems()
        self._update_title()

    def draft_name(self) -> str:
        assert self.model is not None
        return str(self.model.draft.general.values.get("name", "")).strip() or self.tr("Untitled")

    @property
    def dirty(self) -> bool:
        return self.model is not None and (self.base is None or not self.model.undo_stack.isClean())

    def _update_title(self, *_args) -> None:
        # "[*]" is where Qt shows the unsaved-changes mark.
        self.setWindowTitle(self.tr("%1[*] — Playbooks — SalesDesk").replace("%1", self.draft_name()))
        self.setWindowModified(self.dirty)
        self._update_actions()
        if self.base is None:
            text = self.tr("A new playbook: Save as new version (Ctrl+S) writes it to your playbooks.")
        elif self.library.is_builtin(self.base):
            text = self.tr(
                "This is a built-in playbook. Saving keeps your changes as your own version, which then "
                "takes its place in the list (delete yours to get the built-in one back)."
            )
        else:
            text = self.tr("Saving writes the next version. Calls already started keep the version they began with.")
        self.notice.setText(text)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(current)

    def _update_actions(self, *_args) -> None:
        node = self.current_node()
        self.actions["export"].setEnabled(not self.dirty)
        self.actions["export"].setStatusTip(
            self.tr("Save your changes first, then export") if self.dirty else self.tr("Save this playbook as a file")
        )
        self.actions["delete_playbook"].setEnabled(self.source_path is not None)
        movable = node is not None and node.kind in ITEM_KINDS and node.parent is not None
        self.actions["delete"].setEnabled(movable)
        self.actions["rename"].setEnabled(node is not None and (movable or node.kind == Kind.GENERAL))
        self.actions["move_up"].setEnabled(movable and node.row > 0)
        self.actions["move_down"].setEnabled(movable and node.row < len(node.parent.children) - 1)
        has_stage = self._stage_of(node) is not None
        self.actions["add_item"].setEnabled(has_stage)
        self.actions["add_question"].setEnabled(has_stage)

    # ------------------------------------------------------------------ selection and forms

    def current_node(self) -> Node | None:
        if self.model is None:
            return None
        index = self.tree.currentIndex()
        return self.model.node(index) if index.isValid() else None

    def _show(self, index: QModelIndex) -> None:
        if self.model is None:
            return
        node = self.model.node(index) if index.isValid() else self.model.draft.general
        if node.kind in GROUP_KINDS:
            self.group_page.show_group(self.model, node)
            self.pages.setCurrentWidget(self.group_page)
        else:
            form = self.forms[node.kind]
            form.show_node(node)
            self.pages.setCurrentWidget(form)
        self._show_node_problems()
        self._update_actions()

    def current_form(self) -> NodeForm | None:
        page = self.pages.currentWidget()
        return page if isinstance(page, NodeForm) else None

    def reveal(self, node: Node, field: str = "") -> None:
        """Select ``node`` in the tree and show its fields (focusing ``field`` if given)."""
        if self.model is None or (node.parent is None and node is not self.model.draft.root):
            return
        index = self.model.index_of(node)
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.tree.scrollTo(index)
        self._show(index)
        form = self.current_form()
        if field and form is not None:
            form.focus_field(field)

    def _values_changed(self, node: Node) -> None:
        form = self.current_form()
        if form is not None and form.node is node:
            form.refresh()
        if node.kind == Kind.GENERAL:
            self._update_title()

    def _show_problems(self) -> None:
        assert self.model is not None
        problems = self.model.problems
        self.problems_list.clear()
        for problem in problems:
            text = f"{problem.field}: {problem.message}" if problem.field else problem.message
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, problem.field)
            self.problems_list.addItem(item)
        if problems:
            self.problems_label.setText(
                self.tr("1 problem: fix it to save.")
                if len(problems) == 1
                else self.tr("%1 problems: fix them to save.").replace("%1", str(len(problems)))
            )
            self.problems_label.setStyleSheet(ERROR_STYLE)
        else:
            self.problems_label.setText(self.tr("No problems: ready to save."))
            self.problems_label.setStyleSheet(HELP_STYLE)
        self.problems_list.setVisible(bool(problems))
        rows = min(max(len(problems), 1), 6)  # as tall as the list, up to six rows
        self.problems_list.setFixedHeight(
            self.problems_list.sizeHintForRow(0) * rows + 2 * self.problems_list.frameWidth() + 4 if problems else 0
        )
        self.actions["save"].setEnabled(not problems)
        self.actions["save_copy"].setEnabled(not problems)
        self._show_node_problems()

    def _show_node_problems(self, extra: dict[str, str] | None = None) -> None:
        if self.model is None:
            return
        page = self.pages.currentWidget()
        if isinstance(page, NodeForm) and page.node is not None:
            page.show_problems(self.model.by_node.get(page.node, []), extra)
        elif page is self.group_page:
            node = self.current_node()
            if node is not None and node.kind in GROUP_KINDS:
                self.group_page.show_group(self.model, node)

    def _problem_activated(self, item: QListWidgetItem) -> None:
        assert self.model is not None
        node, field = self.model.draft.locate(item.data(Qt.ItemDataRole.UserRole))
        self.reveal(node, field)

    # ------------------------------------------------------------------ item commands

    def _stage_of(self, node: Node | None) -> Node | None:
        while node is not None and node.kind != Kind.STAGE:
            node = node.parent
        return node

    def add_item(self) -> None:
        """Add next to the selection: after the selected item, or at the end of a selected group."""
        assert self.model is not None
        node = self.current_node() or self.model.draft.general
        if node.kind == Kind.GENERAL:
            self.add_to(Kind.STAGES)
        elif node.kind in GROUP_KINDS:
            self._add(node, None)
        elif node.parent is not None:
            self._add(node.parent, node.row + 1)

    def add_to(self, group_kind: Kind) -> None:
        assert self.model is not None
        draft = self.model.draft
        if group_kind in (Kind.CHECKLIST, Kind.QUESTIONS):
            stage = self._stage_of(self.current_node())
            if stage is None:
                return
            self._add(stage.group(group_kind), None)
        else:
            self._add(
                {Kind.STAGES: draft.stages, Kind.OBJECTIONS: draft.objections, Kind.CLOSES: draft.closes}[group_kind],
                None,
            )

    def _add(self, group: Node, row: int | None) -> None:
        assert self.model is not None
        node = self.model.add(group, row)
        self.reveal(node)
        # Straight into renaming it in the list: typing replaces the placeholder title.
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        self.tree.edit(self.model.index_of(node))

    def rename_item(self) -> None:
        node = self.current_node()
        if node is None or self.model is None:
            return
        if node.kind == Kind.GENERAL:
            self.forms[Kind.GENERAL].focus_field("name")
        elif node.kind in ITEM_KINDS:
            self.tree.edit(self.model.index_of(node))

    def delete_item(self) -> None:
        node = self.current_node()
        if node is None or self.model is None or node.kind not in ITEM_KINDS or node.parent is None:
            return
        parent, row = node.parent, node.row
        self.model.remove(node)
        if parent.children:
            self.reveal(parent.children[min(row, len(parent.children) - 1)])
        else:
            self.reveal(parent)
        self.statusBar().showMessage(self.tr("Deleted. Undo with Ctrl+Z."), 4000)

    def move_item(self, step: int) -> None:
        node = self.current_node()
        if node is None or self.model is None or node.parent is None:
            return
        if self.model.move(node, node.row + step):
            self.reveal(node)
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ playbook commands

    def _name_problem(self) -> str:
        """Why the current name cannot be saved, or "" (names pick playbooks: they must differ)."""
        name = self.draft_name()
        for playbook in self.library.playbooks:
            if playbook.name != name:
                continue
            if self.library.is_builtin(playbook):
                if self.from_builtin is None or self.from_builtin.name != name:
                    return self.tr("a built-in playbook has this name; choose another one")
            elif self.source_path is None or Path(playbook.source) != self.source_path:
                return self.tr("another playbook (%1) has this name; choose another one").replace(
                    "%1", Path(playbook.source).name
                )
        return ""

    def save_new_version(self) -> bool:
        """Write the playbook with the next version number (a new one keeps the version it has)."""
        assert self.model is not None
        if self.model.problems:
            self.statusBar().showMessage(self.tr("Not saved: fix the problems listed at the bottom first."), 6000)
            node, field = self.model.draft.locate(self.model.problems[0].field)
            self.reveal(node, field)
            return False
        name_problem = self._name_problem()
        if name_problem:
            self.reveal(self.model.draft.general)
            self._show_node_problems({"name": name_problem})
            self.forms[Kind.GENERAL].focus_field("name")
            self.statusBar().showMessage(self.tr("Not saved: %1.").replace("%1", name_problem), 6000)
            return False
        if not self.dirty:
            self.statusBar().showMessage(self.tr("No changes to save."), 4000)
            return True
        general = self.model.draft.general
        if self.base is not None and general.values["version"] == self.base.version:
            self.model.set_value(general, "version", next_version(str(general.values["version"]).strip()))
        target = self.source_path or new_playbook_path(self.user_dir, self.draft_name())
        try:
            playbook = self.model.draft.to_playbook(str(target))
            from salesdesk.core.playbook_toml import save_playbook

            save_playbook(playbook, target)
        except (OSError, PlaybookError) as exc:
            message = exc.describe() if isinstance(exc, PlaybookError) else (exc.strerror or str(exc))
            QMessageBox.warning(self, self.tr("Playbook not saved"), message)
            return False
        self.model.draft.fix_keys()
        self.model.undo_stack.setClean()
        self.source_path, self.base = target, playbook
        self._reload_library()
        self._update_title()
        self.statusBar().showMessage(
            self.tr("Saved %1, version %2.").replace("%1", playbook.name).replace("%2", playbook.version), 6000
        )
        return True

    def save_as_new_playbook(self) -> bool:
        """Keep the original, and save what is on screen as a separate playbook."""
        assert self.model is not None
        name, ok = QInputDialog.getText(
            self,
            self.tr("Save as new playbook"),
            self.tr("Name of the new playbook:"),
            QLineEdit.EchoMode.Normal,
            self.tr("%1 (copy)").replace("%1", self.draft_name()),
        )
        self.activateWindow()
        if not ok or not name.strip():
            return False
        general = self.model.draft.general
        self.model.set_value(general, "name", name.strip())
        self.model.set_value(general, "version", "1")
        self.base, self.source_path, self.from_builtin = None, None, None
        return self.save_new_version()

    def new_playbook(self) -> None:
        if not self.confirm_discard():
            return
        self.base, self.source_path, self.from_builtin = None, None, None
        taken = {p.name for p in self.library.playbooks}
        name, number = self.tr("New playbook"), 2
        while name in taken:
            name = self.tr("New playbook %1").replace("%1", str(number))
            number += 1
        self._set_draft(PlaybookDraft.blank(name, self.tr("Opening")))
        self.forms[Kind.GENERAL].focus_field("name")

    def import_playbook(self) -> None:
        if not self.confirm_discard():
            return
        path = playbook_files.ask_open_path(self)
        if path is None:
            return
        result = playbook_files.import_file(self, path, self.user_dir)
        self.activateWindow()  # the keyboard comes back here after the file and message dialogs
        if result is None:
            return
        self._reload_library()
        imported = next((p for p in self.library.playbooks if p.source == str(result.path)), result.playbook)
        self.open_playbook(imported)
        self.statusBar().showMessage(
            self.tr("Imported %1 as %2.").replace("%1", result.playbook.label).replace("%2", str(result.path)), 6000
        )

    def export_playbook(self) -> None:
        if self.base is None or self.dirty:
            self.statusBar().showMessage(self.tr("Save your changes first, then export."), 4000)
            return
        path = playbook_files.ask_save_path(self, playbook_files.suggested_file_name(self.base))
        if path is not None and playbook_files.export_to(self, self.base, path):
            self.statusBar().showMessage(self.tr("Exported to %1.").replace("%1", str(path)), 6000)

    def delete_playbook(self) -> None:
        if self.source_path is None or self.base is None:
            return
        builtin = self.library.builtin_named(self.base.name)
        question = (
            self.tr("Delete your playbook “%1” (%2)? Calls already made with it keep their copy.")
            .replace("%1", self.base.name)
            .replace("%2", self.source_path.name)
        )
        if builtin is not None:
            question += " " + self.tr("The built-in version will be used again.")
        answer = QMessageBox.question(
            self,
            self.tr("Delete playbook"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        self.activateWindow()
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.source_path.unlink()
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Playbook not deleted"), exc.strerror or str(exc))
            return
        self._reload_library()
        self.open_playbook(builtin if builtin is not None else (self.library.default or self.library.playbooks[0]))

    def _reload_library(self) -> None:
        self.library = self._load_library()
        self._fill_chooser()
        self.libraryChanged.emit()

    def confirm_discard(self) -> bool:
        """Before leaving a playbook with unsaved changes: save, discard, or stay."""
        if not self.dirty or self.model is None or (self.base is None and self.model.undo_stack.count() == 0):
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Save the changes to “%1” as a new version first?").replace("%1", self.draft_name()),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        self.activateWindow()
        if answer == QMessageBox.StandardButton.Save:
            return self.save_new_version()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_discard():
            event.ignore()
            return
        super().closeEvent(event)
