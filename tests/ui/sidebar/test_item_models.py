"""The sidebar's item models obey Qt's model contract (pytest-qt's qtmodeltester)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from salesdesk.core.call import CallState, Contact, NoteEntry, ObjectionEntry, utcnow
from salesdesk.ui.sidebar.item_models import ChecklistModel, NotesModel, ObjectionLogModel, ObjectionsModel


def make_call(playbook) -> CallState:
    now = utcnow()
    call = CallState(1, "uid", Contact("A"), playbook, now, "discovery")
    call.ticks[("discovery", "impact-sized")] = now
    call.notes = [NoteEntry(1, now, "first"), NoteEntry(2, now + timedelta(seconds=5), "typing", draft=True)]
    call.objections = [ObjectionEntry(1, "too-expensive", "Too expensive", now, True, "note")]
    return call


def test_checklist_model(qtmodeltester, playbook):
    call = make_call(playbook)
    model = ChecklistModel()
    model.set_stage(call, call.current_stage)
    qtmodeltester.check(model)
    assert model.index(1, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    toggled = []
    model.toggled.connect(lambda *args: toggled.append(args))
    assert model.setData(model.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert toggled == [("discovery", "pain-in-their-words", True)]


def test_objection_model(qtmodeltester, playbook):
    model = ObjectionsModel()
    model.set_items(playbook.objections)
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "Too expensive / no budget"


def test_log_and_notes_models(qtmodeltester, playbook):
    call = make_call(playbook)
    log = ObjectionLogModel()
    log.set_items(call.objections)
    qtmodeltester.check(log)
    notes = NotesModel()
    notes.set_items(call.notes)
    qtmodeltester.check(notes)
    assert notes.rowCount() == 1  # the draft is in the editor, not the list
    assert notes.index(0, 0).data(Qt.ItemDataRole.EditRole) == "first"
