"""Human formats: what each contains, what it leaves out, and that odd text stays text."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, timedelta, timezone
from html.parser import HTMLParser

import pytest

from salesdesk.core.call import CallState, Contact
from salesdesk.core.export import (
    CSV_COLUMNS,
    call_html,
    call_markdown,
    call_text,
    calls_csv,
    calls_markdown,
    csv_cell,
    encode,
    md_escape,
    suggested_filename,
)
from salesdesk.core.filters import day_filter
from tests.calls_data import ODD_TEXTS, START, add_rich_call


@pytest.fixture
def rich(store, playbook) -> CallState:
    return add_rich_call(store, playbook)


@pytest.fixture
def bare(store, playbook) -> CallState:
    """A call just started: nothing ticked, answered or noted."""
    call = store.start_call(Contact("Ana Lima"), playbook, START)
    return store.load_call(call.id)


def test_markdown_has_every_section_in_order(rich: CallState):
    text = call_markdown(rich, UTC)
    assert text.startswith("# Call with Dana Whitfield\n\nNorthwind Logistics · dana@northwind.example · +1 555 0100\n")
    for line in (
        "- **Date:** 2024-05-02 12:03 UTC",
        "- **Duration:** 23:07",
        "- **Stage reached:** 7. Closing (of 8)",  # the furthest, not where it ended
        "- **Last stage:** 4. Discovery",
        "- **Outcome:** Meeting booked",
        "- **Next step:** Send proposal (due 2024-05-09)",
        "- **Playbook:** Eight-step sales call (v2.0)",
        '- **Budget:** =HYPERLINK("http://evil.example","click")',
        "### 1. Prospecting — 2 of 6 done",
        "- [x] Account matches the ideal client profile (industry, size, region)",
        "- [ ] Skimmed their site, recent news and open roles for a reason to talk",
        "### 4. Discovery — 1 of 6 done",
        "**Which problems are getting in your way right now?**  ",
        "Routes planned in spreadsheets  \nTwo people full-time",
        "- **Too expensive / no budget** — handled  ",
        "- **Just send me some information** — not handled",
        "- **12:04** # heading  ",
        "- **12:07** Deal 🎉👍🏽 done",
    ):
        assert line in text, line
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings == ["Qualification", "Questions and answers", "Objections", "Notes", "Checklist"]
    # Every item of the playbook snapshot is listed, done or not, in stage order.
    items = re.findall(r"^- \[([ x])\] ", text, re.MULTILINE)
    assert len(items) == sum(len(s.checklist) for s in rich.playbook.stages)
    assert items.count("x") == 3
    stage_numbers = [int(n) for n in re.findall(r"^### (\d)\.", text, re.MULTILINE)]
    assert stage_numbers == sorted(stage_numbers) == list(range(1, 9))


def test_empty_sections_are_left_out(bare: CallState):
    markdown, text, html = call_markdown(bare, UTC), call_text(bare, UTC), call_html(bare, UTC)
    assert re.findall(r"^## (.+)$", markdown, re.MULTILINE) == ["Checklist"]
    assert re.findall(r"^([A-Z ]+)$", text, re.MULTILINE) == ["CHECKLIST"]
    assert re.findall(r"<h2[^>]*>([^<]+)</h2>", html) == ["Checklist"]
    for document in (markdown, text, html):
        assert "call still open" in document
        assert "Next step" not in document and "Outcome" not in document
    # The checklist is there: every item, none done.
    assert markdown.count("- [ ] ") == sum(len(s.checklist) for s in bare.playbook.stages)


def test_plain_text_reads_without_markup(rich: CallState):
    text = call_text(rich, UTC)
    assert text.startswith("Call with Dana Whitfield\n========================\n")
    assert "Stage reached: 7. Closing (of 8)" in text
    assert "\nQUALIFICATION\n" in text and "\nNOTES\n" in text
    assert "  [x] Account matches the ideal client profile" in text
    assert "- Too expensive / no budget (handled)\n  Note: <script>alert('x')</script>" in text
    # A multi-line note keeps its lines, indented under its time.
    assert "12:04  # heading\n       - not a list\n       1. not numbered" in text
    assert "**" not in text


def test_times_follow_the_readers_time_zone(rich: CallState):
    berlin = timezone(timedelta(hours=2), "CEST")
    assert "- **Date:** 2024-05-02 14:03 CEST" in call_markdown(rich, berlin)
    assert "- **14:04** " in call_markdown(rich, berlin)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_html_escapes_what_the_rep_typed(rich: CallState):
    document = call_html(rich, UTC)
    parser = _Collector()
    parser.feed(document)
    assert "script" not in parser.tags and "a" not in parser.tags and "img" not in parser.tags
    text = "".join(parser.text)
    for odd in ("script", "markdown", "emoji", "rtl", "formula"):
        assert ODD_TEXTS[odd] in text, odd
    assert "&amp;amp; &amp;lt;b&amp;gt; R&amp;D" in document  # entities typed by the rep stay visible
    assert '<h1 style="' in document and "Dana Whitfield</h1>" in document
    assert 'dir="auto"' in document  # right-to-left notes render right to left


def test_markdown_renders_the_reps_text_literally(rich: CallState, qapp):
    """Parse the export with a real CommonMark parser (Qt's md4c): user text comes out as
    typed, never as emphasis, links, headings, lists or HTML."""
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setMarkdown(call_markdown(rich, UTC), QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
    rendered = document.toPlainText()
    for odd in ("script", "markdown", "heading", "entity", "emoji", "rtl", "override", "formula"):
        for line in ODD_TEXTS[odd].split("\n"):
            assert line in rendered, line
    # GitHub Markdown links bare addresses; a link may only ever show its own address.
    links = re.findall(r'<a href="([^"]+)"[^>]*>(?:<span[^>]*>)?([^<]*)', document.toHtml())
    assert links and all(href.removeprefix("mailto:") == shown for href, shown in links), links
    assert "<img" not in document.toHtml()


@pytest.mark.parametrize(
    "text",
    [
        "# h",
        "- item",
        "+ item",
        "1. one",
        "2) two",
        "===",
        "---",
        "> quote",
        "*a*",
        "_a_",
        "`c`",
        "[l](u)",
        "<b>",
        "&amp;",
    ],
)
def test_md_escape_block_and_inline_markers(text: str, qapp):
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setMarkdown(
        "Label\n\n" + md_escape(text, inline=False), QTextDocument.MarkdownFeature.MarkdownDialectGitHub
    )
    assert document.toPlainText() == "Label\n" + text
    assert "<a " not in document.toHtml()


def test_csv_has_one_row_per_call_and_a_guard_against_formulas(store, playbook, rich: CallState):
    other = store.start_call(Contact("-Leading Minus", "@corp", "=1+1", "+44 20 7946 0000"), playbook, START)
    text = calls_csv([rich, store.load_call(other.id)], UTC)
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 3
    row = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    assert row["Contact"] == "Dana Whitfield"
    assert row["Date"] == "2024-05-02" and row["Time"] == "12:03" and row["Duration (min)"] == "23"
    assert row["Outcome"] == "Meeting booked" and row["Next step due"] == "2024-05-09"
    assert row["Budget"] == "'" + ODD_TEXTS["formula"]
    assert row["Need"] == "Route planning " + ODD_TEXTS["rtl"]
    assert row["Stage reached"] == "Closing"  # the furthest stage, though it ended in discovery
    assert row["Objections"] == "Too expensive / no budget (handled); Just send me some information (not handled)"
    assert row["Notes"].splitlines()[0] == "12:04 # heading"
    assert ODD_TEXTS["emoji"] in row["Notes"]
    assert row["UID"] == rich.uid
    second = dict(zip(CSV_COLUMNS, rows[2], strict=True))
    assert (second["Contact"], second["Company"], second["E-mail"], second["Phone"]) == (
        "'-Leading Minus",
        "'@corp",
        "'=1+1",
        "'+44 20 7946 0000",
    )
    assert second["Duration (min)"] == ""  # still open


@pytest.mark.parametrize("value", ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(value: str):
    assert csv_cell(value) == "'" + value


def test_csv_cell_keeps_ordinary_text():
    assert csv_cell("Acme = good") == "Acme = good"
    assert csv_cell(42) == "42"
    assert csv_cell(None) == ""


def test_bom_is_optional():
    assert encode("a,b\r\n", bom=True) == b"\xef\xbb\xbfa,b\r\n"
    assert encode("a,b\r\n") == b"a,b\r\n"


def test_several_calls_in_one_document(rich: CallState, bare: CallState):
    text = calls_markdown([rich, bare], UTC)
    assert text.count("# Call with ") == 2 and "\n---\n" in text
    from salesdesk.core.export import calls_html

    assert calls_html([rich, bare], UTC).count("page-break-before: always") == 1


def test_day_filter_takes_whole_local_days():
    berlin = timezone(timedelta(hours=2))
    from datetime import date

    f = day_filter(date(2024, 5, 1), date(2024, 5, 2), " dana ", "won", berlin)
    assert f.since.isoformat() == "2024-05-01T00:00:00+02:00"
    assert f.until.isoformat() == "2024-05-03T00:00:00+02:00"
    assert f.contact == "dana" and f.matches_text("Dana", "", "", "Won") and not f.matches_text("Ana", "", "", "Won")
    assert day_filter(None, None).is_empty


def test_contact_filter_matches_case_insensitively_beyond_ascii():
    f = day_filter(None, None, contact="élodie")
    assert f.matches_text("ÉLODIE Martin", "", "", "")
    assert f.matches_text("Bob", "", "elodie@x.example", "") is False
    assert day_filter(None, None, contact="ÉLODIE").matches_text("élodie", "", "", "")


def test_suggested_filename_is_safe(rich: CallState):
    rich.contact.name = 'A/B: "C" <D>'
    assert suggested_filename(rich, "pdf", UTC) == "2024-05-02 A B C D.pdf"
    assert suggested_filename(None, "csv") == "SalesDesk calls.csv"
