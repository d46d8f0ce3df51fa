"""Right-to-left text and override characters stay where they were put (core.bidi), in
the exports; the sidebar's side is in tests/ui/sidebar/test_sidebar.py."""

from __future__ import annotations

import csv
import io
import itertools
from datetime import timedelta

import pytest

from salesdesk.core.bidi import FSI, PDI, isolate, strip_controls
from salesdesk.core.call import CallState, Contact, NoteEntry, ObjectionEntry, utcnow
from salesdesk.core.export import (
    call_html,
    call_markdown,
    call_text,
    calls_csv,
    suggested_filename,
)
from salesdesk.core.wrapup import call_summary, follow_up

RLO, PDF_CHAR, LRI = "\u202e", "\u202c", "\u2066"
HEBREW = "\u05d3\u05e0\u05d4"


def forward(text: str, start: int, end: int) -> bool:
    """Are the characters text[start:end] laid out left to right, as a reader of English
    expects? (Qt's own text layout, the one every label, list and PDF page uses.)"""
    from PySide6.QtGui import QFont, QTextLayout

    layout = QTextLayout(text, QFont())
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)
    layout.endLayout()
    xs = [line.cursorToX(index)[0] for index in range(start, end + 1)]
    return all(a < b for a, b in itertools.pairwise(xs))


def after(text: str, tail: str) -> tuple[int, int]:
    start = text.index(tail)
    return start, start + len(tail)


def test_text_without_right_to_left_letters_or_controls_is_left_alone():
    for text in ("", "Dana Whitfield", "R&D · <b>x</b> 12:03 — Zoë", "line one\nline two"):
        assert isolate(text) == text


def test_right_to_left_text_and_controls_are_isolated_line_by_line(qapp):
    assert isolate(RLO + "evil") == FSI + RLO + "evil" + PDI
    assert isolate(HEBREW) == FSI + HEBREW + PDI
    # Each line on its own: a line break ends every isolate, so one per line.
    assert isolate(f"ok\n{RLO}x\r\ny") == f"ok\n{FSI}{RLO}x{PDI}\r\ny"
    # The user's own isolates cannot close ours early or keep it open.
    assert isolate(PDI + RLO + "x") == FSI + RLO + "x" + PDI
    assert isolate(LRI + "x") == FSI + LRI + "x" + PDI + PDI
    assert isolate(isolate(RLO + "x")) == isolate(RLO + "x")
    sentence = f"Call with {isolate(RLO + 'Dana' + PDI + RLO)} ended: won."
    assert forward(sentence, *after(sentence, " ended: won."))
    unisolated = f"Call with {RLO}Dana ended: won."
    assert not forward(unisolated, *after(unisolated, " ended: won."))  # what the isolate prevents


def test_strip_controls_keeps_the_letters_and_marks():
    assert strip_controls(f"{RLO}evil{PDF_CHAR} \u200fmark {LRI}x{PDI}") == "evil \u200fmark x"


@pytest.fixture
def hostile_call(playbook) -> CallState:
    started = utcnow() - timedelta(minutes=20)
    call = CallState(
        id=7,
        uid="u-7",
        contact=Contact(RLO + "Dana Smith", RLO + "Acme Corp", "dana@example.com"),
        playbook=playbook,
        started_at=started,
        stage="discovery",
        ended_at=started + timedelta(minutes=15),
        outcome=RLO + "won",
        next_step=RLO + "send the contract",
    )
    call.objections.append(ObjectionEntry(1, "price", RLO + "Too expensive", started, False, RLO + "wants 10%"))
    call.notes.append(NoteEntry(1, started, f"{RLO}budget is fine\n{RLO}pilot in march", False))
    return call


def test_markdown_and_text_isolate_what_holds_controls(qapp, hostile_call: CallState):
    """Markdown and plain text keep what was typed (a reader decides what it means) but each
    value in its own isolate; ordinary text is byte for byte what it was."""
    for document in (call_markdown(hostile_call), call_text(hostile_call)):
        assert RLO in document  # as typed
        line = next(line for line in document.splitlines() if "Too expensive" in line)
        assert f"{FSI}{RLO}Too expensive{PDI}" in line
        tail = line[line.index(PDI) + 1 :]
        assert forward(line, len(line) - len(tail), len(line))  # "— not handled" reads forward
        for typed in ("budget is fine", "pilot in march"):
            assert f"{FSI}{RLO}{typed}{PDI}" in document
        assert "dana@example.com" in document and f"{FSI}dana@example.com" not in document


def test_html_and_pdf_isolate_every_value(qapp, hostile_call: CallState):
    from PySide6.QtGui import QTextDocument

    page = call_html(hostile_call)
    assert f"{FSI}{RLO}Acme Corp{PDI}" in page and f"{FSI}{RLO}Too expensive{PDI}" in page
    # As Qt lays it out for the PDF (it knows FSI and PDI; it knows no <bdi>).
    document = QTextDocument()
    document.setHtml(page)
    block = document.begin()
    while block.isValid() and "Too expensive" not in block.text():
        block = block.next()
    text = block.text()
    document.setTextWidth(100_000)
    assert forward(text, *after(text, " · not handled"))


def test_csv_cells_carry_no_bidi_controls(hostile_call: CallState):
    text = calls_csv([hostile_call])
    assert RLO not in text and FSI not in text
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert row["Contact"] == "Dana Smith" and row["Outcome"] == "won"
    assert "budget is fine" in row["Notes"]


def test_a_file_name_never_carries_an_override(hostile_call: CallState):
    hostile_call.contact = Contact(f"invoice{RLO}fdp.exe")
    name = suggested_filename(hostile_call, "pdf")
    assert RLO not in name and name.endswith(" invoicefdp.exe.pdf")


def test_the_wrap_up_summary_and_the_follow_up_isolate_values(qapp, hostile_call: CallState):
    summary = call_summary(hostile_call)
    first = summary.splitlines()[0]
    assert first.startswith(f"Call with {FSI}{RLO}Dana Smith")
    assert forward(first, first.index(PDI) + 1, len(first))
    event = follow_up(hostile_call, hostile_call.outcome, hostile_call.next_step, utcnow().date())
    assert forward(event.summary, *after(event.summary, ": "))
    assert f"{FSI}{RLO}send the contract{PDI}" in event.summary
