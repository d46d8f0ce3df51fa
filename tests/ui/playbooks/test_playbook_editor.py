"""The playbook editor, driven like a rep drives it: keys, typing, the tree; then the saved file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QMessageBox, QPlainTextEdit, QTextEdit

from salesdesk.core.draft import Kind
from salesdesk.core.library import load_library
from salesdesk.core.playbook_check import load_playbook
from salesdesk.ui.playbooks import files as playbook_files
from salesdesk.ui.playbooks.editor import PlaybookEditor
from tests.helpers.typing import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def user_dir(data_dir: Path) -> Path:
    return data_dir / "playbooks"


@pytest.fixture
def editor(qtbot, user_dir: Path) -> PlaybookEditor:
    window = PlaybookEditor(lambda: load_library(user_dir), user_dir)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    yield window
    window.confirm_discard = lambda: True  # closing at teardown must not ask about changes
    window.close()
    window.deleteLater()


def stage(editor: PlaybookEditor, key: str):
    return next(n for n in editor.model.draft.stages.children if n.key == key)


def select(editor: PlaybookEditor, qtbot, node) -> None:
    """Select ``node`` in the tree with the mouse, as a rep would."""
    index = editor.model.index_of(node)
    editor.tree.scrollTo(index)
    parent = index.parent()
    while parent.isValid():
        editor.tree.expand(parent)
        parent = parent.parent()
    rect = editor.tree.visualRect(index)
    qtbot.mouseClick(editor.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.current_node() is node
    editor.tree.setFocus()


def field(editor: PlaybookEditor, name: str):
    form = editor.current_form()
    assert form is not None
    return form.widgets[name]


def replace_text(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_text(widget, text)


def press_on_inline_editor(qtbot, editor: PlaybookEditor, key: Qt.Key) -> None:
    """Enter or Escape in the tree's rename box; the delegate commits in the next event loop pass."""
    qtbot.keyClick(QApplication.focusWidget(), key)
    qtbot.waitUntil(lambda: editor.tree.state() != QAbstractItemView.State.EditingState)


def saved_file(user_dir: Path) -> Path:
    (path,) = sorted(user_dir.glob("*.toml"))
    return path


# --------------------------------------------------------------------------- editing and saving


def test_edit_fields_add_an_item_and_save_a_new_version(editor, qtbot, user_dir: Path):
    discovery = stage(editor, "discovery")
    select(editor, qtbot, discovery)
    replace_text(qtbot, field(editor, "title"), "Deep discovery")
    replace_text(qtbot, field(editor, "goal"), "Find the pain, size it, and hear what good looks like — in €.")
    time_box = field(editor, "minutes")
    time_box.setFocus()
    qtbot.keyClick(time_box, Qt.Key.Key_Up)  # 15 -> 16 minutes

    # A new checklist item: select the stage's checklist, press Insert, type its title.
    select(editor, qtbot, discovery.group(Kind.CHECKLIST))
    qtbot.keyClick(editor.tree, Qt.Key.Key_Insert)
    inline = QApplication.focusWidget()
    assert isinstance(inline, QLineEdit) and inline.parent() is editor.tree.viewport()
    qtbot.keyClick(inline, Qt.Key.Key_A, CTRL)
    type_text(inline, "Budget owner named")
    press_on_inline_editor(qtbot, editor, Qt.Key.Key_Return)
    item = editor.current_node()
    assert item.kind == Kind.ITEM and item.title == "Budget owner named"
    assert field(editor, "key").text() == "budget-owner-named"  # made from the title

    # An objection with rebuttal lines, trigger words and why it works.
    select(editor, qtbot, editor.model.draft.objections)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Insert)
    inline = QApplication.focusWidget()
    qtbot.keyClick(inline, Qt.Key.Key_A, CTRL)
    type_text(inline, "Send me a deck")
    press_on_inline_editor(qtbot, editor, Qt.Key.Key_Return)
    rebuttals = field(editor, "rebuttals")
    assert isinstance(rebuttals, QTextEdit)
    rebuttals.setFocus()
    type_text(rebuttals, "Happy to. What should it answer for you?")
    qtbot.keyClick(rebuttals, Qt.Key.Key_Return)
    type_text(rebuttals, "Shall we go through it together on Thursday?")
    triggers = field(editor, "triggers")
    assert isinstance(triggers, QPlainTextEdit)
    triggers.setFocus()
    type_text(triggers, "send me a deck, Send slides")
    why = field(editor, "why")
    why.setFocus()
    type_text(why, "It turns a brush-off into a meeting.")

    assert editor.model.problems == []
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    path = saved_file(user_dir)
    assert path.name == "eight-step-sales-call.toml"
    saved = load_playbook(path)
    assert saved.version == "2.1"  # save as new version
    assert field_is_not_dirty(editor)
    deep = saved.stage("discovery")  # renamed, same key: calls recorded against it still match
    assert deep.title == "Deep discovery"
    assert deep.goal.endswith("in €.")
    assert deep.minutes == 16
    assert deep.checklist[-1].key == "budget-owner-named"
    assert deep.checklist[-1].text == "Budget owner named"
    deck = saved.objection("send-me-a-deck")
    assert deck.rebuttals == (
        "Happy to. What should it answer for you?",
        "Shall we go through it together on Thursday?",
    )
    assert deck.triggers == ("send me a deck", "send slides")
    assert deck.why == "It turns a brush-off into a meeting."
    # The built-in stays untouched; the rep's version takes its place in the list.
    library = load_library(user_dir)
    assert library.playbooks[0].label == "Eight-step sales call (v2.1)"
    assert library.shadowed[0].version == "2.0"
    # A second save with more changes is the next version again, in the same file.
    select(editor, qtbot, deep_node := stage(editor, "discovery"))
    replace_text(qtbot, field(editor, "title"), "Discovery")
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    assert saved_file(user_dir) == path
    assert load_playbook(path).version == "2.2"
    assert deep_node.key == "discovery"


def field_is_not_dirty(editor: PlaybookEditor) -> bool:
    return not editor.dirty and not editor.isWindowModified()


def test_keys_follow_a_new_title_until_saved_then_stay(editor, qtbot, user_dir: Path):
    closes = editor.model.draft.closes
    select(editor, qtbot, closes.children[-1])
    qtbot.keyClick(editor.tree, Qt.Key.Key_Insert)  # added after the selected close
    inline = QApplication.focusWidget()
    press_on_inline_editor(qtbot, editor, Qt.Key.Key_Escape)  # keep the placeholder title
    node = editor.current_node()
    assert node.row == len(closes.children) - 1
    assert node.key == "new-closing-technique"
    replace_text(qtbot, field(editor, "title"), "Trial close")
    assert field(editor, "key").text() == "trial-close"
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    assert load_playbook(saved_file(user_dir)).closes[-1].key == "trial-close"
    replace_text(qtbot, field(editor, "title"), "Trial balloon close")
    assert field(editor, "key").text() == "trial-close"  # saved keys are stable on rename
    # Renaming an existing item in the tree (F2) never touches its key either.
    urgency = closes.children[0]
    select(editor, qtbot, urgency)
    qtbot.keyClick(editor.tree, Qt.Key.Key_F2)
    inline = QApplication.focusWidget()
    qtbot.keyClick(inline, Qt.Key.Key_A, CTRL)
    type_text(inline, "Real deadline")
    press_on_inline_editor(qtbot, editor, Qt.Key.Key_Return)
    assert urgency.title == "Real deadline" and urgency.key == "urgency"
    # A key typed by hand stays as typed.
    select(editor, qtbot, node)
    replace_text(qtbot, field(editor, "key"), "my-close")
    replace_text(qtbot, field(editor, "title"), "Something else")
    assert node.key == "my-close"


def test_undo_and_redo_every_kind_of_edit(editor, qtbot):
    draft = editor.model.draft
    connecting = stage(editor, "connecting")
    select(editor, qtbot, connecting)
    title = field(editor, "title")
    replace_text(qtbot, title, "Hello")
    # Ctrl+Z inside the text field undoes through the editor's stack: typing is one step.
    qtbot.keyClick(title, Qt.Key.Key_Z, CTRL)
    assert title.text() == "Connecting" and connecting.title == "Connecting"
    qtbot.keyClick(title, Qt.Key.Key_Z, CTRL | SHIFT)
    assert title.text() == "Hello" and connecting.title == "Hello"

    # Delete an item, undo puts it back where it was.
    items = connecting.group(Kind.CHECKLIST).children
    second = items[1]
    select(editor, qtbot, second)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)
    assert second not in items and len(items) == 3
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert items[1] is second
    assert editor.current_node() is second  # undo shows what it changed

    # Move, add: undone and redone in order.
    select(editor, qtbot, second)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Down, CTRL)
    assert items[2] is second
    qtbot.keyClick(editor.tree, Qt.Key.Key_Insert)
    press_on_inline_editor(qtbot, editor, Qt.Key.Key_Escape)
    assert len(items) == 5
    for _ in range(2):
        qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert len(items) == 4 and items[1] is second
    qtbot.keyClick(editor, Qt.Key.Key_Y, CTRL)  # Ctrl+Y redoes too
    assert items[2] is second
    # Undo all the way back: the playbook is exactly the one loaded, and not "modified".
    while editor.actions["undo"].isEnabled():
        editor.actions["undo"].trigger()
    assert draft.to_playbook() == editor.base
    assert not editor.dirty


def test_reorder_by_keyboard_and_by_drag(editor, qtbot, user_dir: Path):
    model = editor.model
    objections = model.draft.objections
    keys = lambda: [n.key for n in objections.children]  # noqa: E731
    original = keys()
    select(editor, qtbot, objections.children[0])
    qtbot.keyClick(editor.tree, Qt.Key.Key_Down, CTRL)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Down, CTRL)
    assert keys()[2] == original[0]
    assert editor.current_node() is objections.children[2]  # the selection moves with it
    qtbot.keyClick(editor.tree, Qt.Key.Key_Up, CTRL)
    assert keys()[1] == original[0]

    # A drag: what the tree view hands the model when a row is dropped between two others.
    group = model.index_of(objections)
    dragged = model.index(4, 0, group)  # "complacency"
    mime = model.mimeData([dragged])
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, group)
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, group)
    assert keys()[0] == "complacency"
    # Dropped onto a sibling: it takes that sibling's place.
    last = model.index(len(objections.children) - 1, 0, group)
    model.dropMimeData(model.mimeData([model.index(0, 0, group)]), Qt.DropAction.MoveAction, -1, 0, last)
    assert keys()[-1] == "complacency"
    # Not into another group: a checklist item cannot be dropped among the objections.
    item = model.index_of(model.draft.stages.children[0].group(Kind.CHECKLIST).children[0])
    assert not model.canDropMimeData(model.mimeData([item]), Qt.DropAction.MoveAction, 0, 0, group)
    # Qt's moveRows API takes the same undoable path.
    assert model.moveRows(group, len(objections.children) - 1, 1, group, 0)
    assert keys()[0] == "complacency"
    order = keys()
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    assert [o.key for o in load_playbook(saved_file(user_dir)).objections] == order


def test_validation_shows_the_validators_messages_next_to_the_field(editor, qtbot, user_dir: Path):
    discovery = stage(editor, "discovery")
    select(editor, qtbot, discovery)
    replace_text(qtbot, field(editor, "title"), "")
    form = editor.current_form()
    assert form.errors["title"].isVisible()
    assert form.errors["title"].text() == "must not be empty"
    assert editor.problems_list.item(0).text() == "stages[3].title: must not be empty"
    assert editor.problems_label.text() == "1 problem: fix it to save."
    index = editor.model.index_of(discovery)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "title: must not be empty"
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    # A duplicate key, reported at the second one, as in a file.
    item = discovery.group(Kind.CHECKLIST).children[0]
    select(editor, qtbot, item)
    replace_text(qtbot, field(editor, "key"), "icp-fit")
    assert editor.current_form().errors["key"].text() == (
        "duplicate key 'icp-fit' (also used at stages[0].checklist[0])"
    )
    replace_text(qtbot, field(editor, "key"), "Not A Key")
    assert "'Not A Key' is not a valid key" in editor.current_form().errors["key"].text()
    # Saving is refused while problems remain: nothing is written.
    assert not editor.actions["save"].isEnabled()
    assert not editor.save_new_version()
    assert not user_dir.exists() or not list(user_dir.glob("*.toml"))
    # Clicking a problem goes to the field.
    editor.problems_list.setFocus()
    problem = editor.problems_list.item(0)
    rect = editor.problems_list.visualItemRect(problem)
    qtbot.mouseClick(editor.problems_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.current_node() is discovery
    assert QApplication.focusWidget() is field(editor, "title")
    type_text(field(editor, "title"), "Discovery")
    replace_text(qtbot, field_of(editor, qtbot, item, "key"), "pain-written")
    assert editor.model.problems == []
    assert editor.problems_label.text() == "No problems: ready to save."
    assert not editor.problems_list.isVisible()
    assert editor.actions["save"].isEnabled()


def field_of(editor, qtbot, node, name: str):
    select(editor, qtbot, node)
    return field(editor, name)


def test_the_last_stage_cannot_go_unnoticed(editor, qtbot):
    """An empty stage list is the validator's "needs at least one stage", shown on the group."""
    stages = editor.model.draft.stages
    while stages.children:
        editor.model.remove(stages.children[0])
    select(editor, qtbot, stages)
    assert editor.group_page.error.text() == "needs at least one stage"
    assert editor.problems_list.item(0).text() == "stages: needs at least one stage"


def test_a_new_playbook_and_names_that_are_taken(editor, qtbot, user_dir: Path):
    qtbot.keyClick(editor, Qt.Key.Key_N, CTRL)
    assert editor.draft_name() == "New playbook"
    name = QApplication.focusWidget()
    assert name is field(editor, "name")
    type_text(name, "Renewal and growth review")  # the text was selected: typing replaces it
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    assert editor.current_form().errors["name"].text() == "a built-in playbook has this name; choose another one"
    assert not user_dir.exists() or not list(user_dir.glob("*.toml"))
    replace_text(qtbot, field(editor, "name"), "Erstgespräch")
    replace_text(qtbot, field(editor, "language"), "de")
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    path = saved_file(user_dir)
    assert path.name == "erstgesprach.toml"
    saved = load_playbook(path)
    assert (saved.name, saved.version, saved.language) == ("Erstgespräch", "1", "de")
    assert [s.title for s in saved.stages] == ["Opening"]
    assert editor.chooser.currentText() == "Erstgespräch (v1) — yours"


def test_switching_playbooks_asks_about_unsaved_changes(editor, qtbot, on_dialog):
    select(editor, qtbot, stage(editor, "closing"))
    replace_text(qtbot, field(editor, "title"), "Close")
    on_dialog(lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    editor.chooser.setCurrentIndex(1)
    editor.chooser.activated.emit(1)
    assert editor.base.name == "Eight-step sales call" and editor.dirty
    assert editor.chooser.currentIndex() == 0
    on_dialog(lambda box: box.button(QMessageBox.StandardButton.Discard).click())
    editor.chooser.setCurrentIndex(1)
    editor.chooser.activated.emit(1)
    assert editor.base.name == "Renewal and growth review"
    assert not editor.dirty


# --------------------------------------------------------------------------- files


def test_import_checks_the_whole_file_first(editor, qtbot, on_dialog, monkeypatch, tmp_path: Path):
    user_dir = editor.user_dir
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "Team"\nversion = "1"\n[[stages]]\nkey = "Open"\n', encoding="utf-8")
    monkeypatch.setattr(playbook_files, "ask_open_path", lambda _parent: broken)
    seen = {}

    def read_and_close(box):
        seen["text"], seen["details"] = box.text(), box.informativeText()
        box.accept()

    on_dialog(read_and_close)
    qtbot.keyClick(editor, Qt.Key.Key_O, CTRL)
    assert "nothing was imported" in seen["text"]
    assert f"{broken}:4: stages[0].key: 'Open' is not a valid key" in seen["details"]
    assert f"{broken}:3: stages[0].title: is missing" in seen["details"]
    assert not user_dir.exists() or not list(user_dir.iterdir())  # not even a temporary file
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)

    good = tmp_path / "team.toml"
    good.write_text(
        '# our team\nname = "Team"\nversion = "3"\n[[stages]]\nkey = "open"\ntitle = "Open"\n', encoding="utf-8"
    )
    monkeypatch.setattr(playbook_files, "ask_open_path", lambda _parent: good)
    qtbot.keyClick(editor, Qt.Key.Key_O, CTRL)
    imported = user_dir / "team.toml"
    assert imported.read_bytes() == good.read_bytes()  # the team's comments come along
    assert editor.base.label == "Team (v3)" and editor.source_path == imported
    assert "Team (v3) — yours" in [editor.chooser.itemText(i) for i in range(editor.chooser.count())]


def test_export_writes_the_file_to_share(editor, qtbot, monkeypatch, tmp_path: Path):
    target = tmp_path / "share" / "eight.toml"
    monkeypatch.setattr(playbook_files, "ask_save_path", lambda _parent, suggested: target)
    qtbot.keyClick(editor, Qt.Key.Key_E, CTRL)
    assert target.read_bytes() == Path(editor.base.source).read_bytes()
    # With unsaved changes, export waits for a save (it would not match any version).
    select(editor, qtbot, stage(editor, "closing"))
    replace_text(qtbot, field(editor, "title"), "Close")
    assert not editor.actions["export"].isEnabled()


def test_deleting_the_reps_version_brings_the_builtin_back(editor, qtbot, on_dialog, user_dir: Path):
    select(editor, qtbot, stage(editor, "closing"))
    replace_text(qtbot, field(editor, "title"), "Close")
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    assert editor.source_path is not None and editor.source_path.exists()
    on_dialog(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    qtbot.keyClick(editor, Qt.Key.Key_Delete, CTRL | SHIFT)
    assert not list(user_dir.glob("*.toml"))
    assert editor.base.label == "Eight-step sales call (v2.0)"
    assert editor.source_path is None


def test_tree_model_is_a_well_behaved_item_model(editor, qtmodeltester):
    qtmodeltester.check(editor.model, force_py=True)
    editor.model.add(editor.model.draft.objections)
    editor.model.move(editor.model.draft.objections.children[0], 3)
    qtmodeltester.check(editor.model, force_py=True)
    assert editor.model.rowCount(QModelIndex()) == 4
