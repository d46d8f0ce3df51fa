"""Hostile text in the sidebar: shown as text, never as markup, and stored as typed."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from PySide6.QtCore import Qt

from salesdesk.core.bidi import isolate
from salesdesk.core.call import Contact
from salesdesk.storage import CallStore
from tests.helpers.hostile import TEXT


def editor_text(text: str) -> str:
    """What a Qt text editor hands back for ``text``: line and paragraph separators become
    "\\n", and a no-break space becomes a space (QTextDocument.toPlainText). Nothing else."""
    for separator in ("\r\n", "\r", "\u2028", "\u2029"):
        text = text.replace(separator, "\n")
    return text.replace("\xa0", " ")


def test_the_sidebar_shows_hostile_text_as_text_and_stores_it(qtbot, open_window):
    window = open_window()
    controller = window.controller

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(name=TEXT, company=TEXT, note=TEXT, answer=TEXT)
    def check(name, company, note, answer):
        if controller.call is not None:
            controller.end_call("", "", None)
        name = name.strip() or "x"
        call = controller.start_call(Contact(name, company), window.library.default)
        # The header: plain text, shown as stored (bidi-isolated: core.bidi).
        assert window.header.contact.textFormat() == Qt.TextFormat.PlainText
        assert window.header.contact.text() == isolate(name)
        assert window.header.company.textFormat() == Qt.TextFormat.PlainText
        assert window.header.company.text() == isolate(company.strip())
        # An answer pasted into its field.
        controller.set_stage("discovery")
        edit = window.stage_panel.answer_edits["pain-points"]
        edit.insertPlainText(answer)
        assert controller.call.answers.get("pain-points", "") == editor_text(answer)
        # A note pasted into the editor and added with Enter: in the list as text, and stored.
        editor = window.notes_panel.editor
        editor.insertPlainText(note)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        expected = editor_text(note).strip()
        model = window.notes_panel.model
        if expected:
            assert model.index(model.rowCount() - 1, 0).data().split("  ", 1)[1] == isolate(expected)
        stored = CallStore().load_call(call.id)
        assert [n.text for n in stored.committed_notes] == ([expected] if expected else [])
        assert stored.answers.get("pain-points", "") == editor_text(answer)

    check()
