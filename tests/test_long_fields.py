"""One text field holds at most MAX_FIELD_CHARS characters: the importer refuses more, and
a longer field stored before there was a limit is still exported, in bounded time (the
sidebar's side is in tests/ui/test_long_fields.py)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from salesdesk.core.call import MAX_FIELD_CHARS, Contact
from salesdesk.core.calls_file import CallsFileError, dumps, parse_calls
from salesdesk.storage import CallStore, close_db, init_db

from .calls_data import add_rich_call

#: A note as long as the one that froze History for a minute and the PDF export for ten.
HUGE = 30_000_000


def huge_text(length: int) -> str:
    return ("Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n" * (length // 57 + 1))[:length]


@pytest.mark.parametrize(
    ("where", "path"),
    [
        (("notes", 0, "text"), "calls[0].notes[0].text"),
        (("answers", 0, "answer"), "calls[0].answers[0].answer"),
        (("qualification", "need"), "calls[0].qualification.need"),
        (("objections", 0, "note"), "calls[0].objections[0].note"),
        (("outcome",), "calls[0].outcome"),
        (("next_step",), "calls[0].next_step"),
        (("contact", "name"), "calls[0].contact.name"),
        (("checklist", 0, "text"), "calls[0].checklist[0].text"),
    ],
)
def test_the_importer_refuses_a_field_longer_than_the_limit(store: CallStore, playbook, where, path):
    document = json.loads(dumps([add_rich_call(store, playbook)]))
    target = document["calls"][0]
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = "x" * MAX_FIELD_CHARS
    (call,) = parse_calls(json.dumps(document))  # at the limit: fine
    target[where[-1]] = "x" * (MAX_FIELD_CHARS + 1)
    with pytest.raises(CallsFileError) as caught:
        parse_calls(json.dumps(document), "long.json")
    assert str(caught.value) == f"long.json: {path}: is 100,001 characters long; a field holds at most 100,000"
    assert call.contact.name


def test_the_import_command_refuses_a_30_mb_note_in_a_31_mb_file(tmp_path: Path, store: CallStore, playbook):
    document = json.loads(dumps([add_rich_call(store, playbook)]))
    document["calls"][0]["notes"][0]["text"] = huge_text(HUGE)
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert HUGE < path.stat().st_size < 200 * 2**20  # under the file limit
    result = subprocess.run(
        [sys.executable, "-m", "salesdesk", "--data-dir", str(tmp_path / "other"), "import", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "calls[0].notes[0].text: is 30,000,000 characters long; a field holds at most 100,000" in result.stderr


@pytest.fixture
def stored_huge(tmp_path: Path, playbook) -> Path:
    """A call with a 30 MB note and a 30 MB answer, stored before there was a limit."""
    data_dir = tmp_path / "data"
    init_db(data_dir)
    store = CallStore()
    call = store.start_call(Contact("Huge Note"), playbook)
    store.save_note(call.id, None, huge_text(HUGE), draft=False)
    store.set_answer(call.id, "impact", huge_text(HUGE))
    store.end_call(call.id, "Won", "", None)
    close_db()
    return data_dir


def test_a_stored_30_mb_note_exports_in_bounded_time(stored_huge: Path):
    def export(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "salesdesk", "--data-dir", str(stored_huge), "export", "--all", *args],
            capture_output=True,
            timeout=120,  # the PDF took more than ten minutes
            check=False,
        )

    cut = "[… 29,900,000 more characters not shown: a document shows at most 100,000 of one field"
    for fmt in ("md", "txt", "html"):
        result = export("--format", fmt)
        assert result.returncode == 0, result.stderr
        text = result.stdout.decode("utf-8")
        assert text.count(cut) == 2, fmt  # the note and the answer
        assert len(text) < 3 * MAX_FIELD_CHARS, fmt
    pdf = stored_huge.parent / "huge.pdf"
    result = export("-o", str(pdf))
    assert result.returncode == 0, result.stderr
    assert 0 < pdf.stat().st_size < 5 * 2**20
    # JSON, the lossless format, keeps every character; CSV cuts a cell where spreadsheets do.
    data = json.loads(export("--format", "json").stdout)
    assert len(data["calls"][0]["notes"][0]["text"]) == HUGE
    rows = list(csv.DictReader(io.StringIO(export("--format", "csv").stdout.decode("utf-8"))))
    assert len(rows[0]["Notes"]) == 32_000
