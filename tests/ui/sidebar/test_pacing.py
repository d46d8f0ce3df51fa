"""Stage pacing: time in the stage against the playbook's budget, amber once past it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from salesdesk.core.call import utcnow
from salesdesk.ui.kit import theme
from salesdesk.ui.sidebar import panels
from tests.helpers.sidebar import CTRL, db_rows, start_call


def test_time_in_stage_turns_amber_past_its_budget_and_survives_a_restart(
    qtbot, open_window, on_dialog, data_dir: Path, monkeypatch
):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)  # connecting: 3 minutes planned
    timer = window.header.stage_timer
    assert timer.text() == "stage 00:00 / 03:00"
    assert not timer.over
    (entered,) = db_rows(data_dir, "select stage_entered_at from call")[0]
    assert entered is not None

    later = utcnow() + timedelta(minutes=3, seconds=5)
    monkeypatch.setattr(panels, "utcnow", lambda: later)
    window.header.update_timer()
    assert timer.text() == "stage 03:05 / 03:00"
    assert timer.over
    assert theme.colors().amber[0] in timer.styleSheet()
    assert "Past the 3 minutes planned for Connecting" in timer.toolTip()

    window.close()
    window = open_window()
    window.header.update_timer()
    assert window.header.stage_timer.text().startswith("stage 03:0")  # still counted from the stage change
    assert window.header.stage_timer.over

    monkeypatch.undo()
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)  # a new stage starts its own clock
    assert window.header.stage_timer.text() == "stage 00:00 / 07:00"
    assert not window.header.stage_timer.over


def test_a_stage_without_a_budget_just_counts(qtbot, open_window, on_dialog, tmp_path: Path):
    playbook = tmp_path / "short.toml"
    playbook.write_text('name = "Short"\nversion = "1"\n[[stages]]\nkey = "only"\ntitle = "Only"\n')
    window = open_window(playbook)
    start_call(window, qtbot, on_dialog)
    assert window.header.stage_timer.text() == "stage 00:00"
    assert not window.header.stage_timer.over


def test_a_time_box_past_the_bounds_is_refused_and_a_stored_one_is_dropped(
    open_window, data_dir: Path, playbook, tmp_path: Path
):
    from dataclasses import replace

    from salesdesk.core.call import Contact
    from salesdesk.storage import CallStore, close_db, init_db

    # A file asking for 99999999999999999999 minutes is refused with the reason.
    huge = tmp_path / "huge.toml"
    huge.write_text(
        'name = "Huge"\nversion = "1"\n[[stages]]\nkey = "only"\ntitle = "Only"\nminutes = 99999999999999999999\n'
    )
    window = open_window(huge)
    assert "stages[0].minutes: must be a whole number of minutes from 1 to 600" in window.banner.label.text()
    assert window.library.find("Huge") is None
    window.close()
    close_db()

    # A call started on such a playbook before the bound (its snapshot holds the number)
    # opens with no time box instead of an overflowing one.
    stages = (replace(playbook.stages[0], minutes=99999999999999999999), *playbook.stages[1:])
    init_db(data_dir)
    CallStore().start_call(Contact("Dana"), replace(playbook, stages=stages))
    close_db()
    window = open_window()
    window.header.update_timer()
    assert window.header.stage_timer.text() == "stage 00:00"
    assert not window.header.stage_timer.over
