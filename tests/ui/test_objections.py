"""The Objections tab: finding an objection as the palette does, and correcting the call's log."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .test_sidebar import CTRL, start_call, visible_texts
from .typing import type_text


def test_the_objection_search_forgives_typos_like_the_palette(qtbot, open_window, on_dialog):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    panel = window.objections_panel
    type_text(panel.search, "expnsive")
    assert visible_texts(panel.results)[0] == "Too expensive / no budget"
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert "Expensive next to what?" in panel.card.toPlainText()
    panel.search.clear()
    type_text(panel.search, "no thanks")
    assert visible_texts(panel.results)[0] == 'No thanks / "I\'ll get back to you"'
    panel.search.clear()  # nothing typed: every objection, in the playbook's order
    assert visible_texts(panel.results) == [o.title for o in window.controller.call.playbook.objections]
