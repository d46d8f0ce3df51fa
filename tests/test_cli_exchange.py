"""`salesdesk export`, `calls` and `import`, run as a rep would: in a separate process."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from salesdesk.core.call import Contact
from salesdesk.storage import close_db
from tests.calls_data import ODD_TEXTS, START, add_rich_call
from tests.tools import tool


def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "salesdesk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        check=False,
        timeout=120,
        env={**os.environ, "TZ": "UTC", "QT_QPA_PLATFORM": "offscreen"},
    )


@pytest.fixture
def filled(store, playbook, data_dir: Path) -> Path:
    """A data dir with two finished calls and one open call."""
    add_rich_call(store, playbook)
    add_rich_call(store, playbook, started_at=START + timedelta(days=1), name="Élodie Martin")
    store.start_call(Contact("Ana Lima", "Acme"), playbook, START + timedelta(days=2))
    close_db()
    return data_dir


def test_calls_lists_ids_newest_first(filled: Path):
    result = run_cli(filled, "calls")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert lines[0].split() == ["ID", "Started", "Contact", "Outcome"]
    assert lines[1].split() == ["3", "2024-05-04", "12:03", "Ana", "Lima", "·", "Acme", "(still", "open)"]
    assert lines[3].startswith(" 1  2024-05-02 12:03  Dana Whitfield · Northwind Logistics")
    assert lines[3].endswith("Meeting booked")
    filtered = run_cli(filled, "calls", "--contact", "élodie").stdout.decode().splitlines()
    assert len(filtered) == 2 and "Élodie Martin" in filtered[1]


def test_export_markdown_to_stdout_takes_the_latest_call_or_the_one_asked(filled: Path):
    latest = run_cli(filled, "export")
    assert latest.returncode == 0 and latest.stdout.decode().startswith("# Call with Ana Lima\n")
    one = run_cli(filled, "export", "--format", "txt", "--call", "1")
    assert one.returncode == 0 and one.stdout.decode().startswith("Call with Dana Whitfield\n")
    assert ODD_TEXTS["script"] in one.stdout.decode()


def test_export_csv_with_filters_and_bom(filled: Path, tmp_path: Path):
    out = tmp_path / "calls.csv"
    result = run_cli(filled, "export", "--format", "csv", "--since", "2024-05-03", "--bom", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode().strip() == f"Wrote 2 calls to {out}."
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfContact,Company,")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row[0] for row in rows] == ["Contact", "Élodie Martin", "Ana Lima"]
    outcome = run_cli(filled, "export", "-f", "csv", "--outcome", "MEETING").stdout.decode()
    assert [row[0] for row in csv.reader(io.StringIO(outcome))] == ["Contact", "Dana Whitfield", "Élodie Martin"]


def test_json_round_trip_through_the_command_line(filled: Path, tmp_path: Path):
    first = tmp_path / "calls.json"
    assert run_cli(filled, "export", "-o", str(first)).returncode == 0  # format from the extension
    assert json.loads(first.read_text())["format"] == "salesdesk-calls"
    other = tmp_path / "other"
    result = run_cli(other, "import", str(first))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith("Imported 3 calls.")
    again = run_cli(other, "import", str(first))
    assert again.stdout.decode().startswith("Imported 0 calls; 3 were already here.")
    second = run_cli(other, "export", "--format", "json")
    assert second.returncode == 0 and second.stdout == first.read_bytes()


#: The headings of a call in the PDF: its sections, and one per stage in the checklist.
PDF_HEADING = re.compile(r"(Qualification|Questions and answers|Objections|Notes|Checklist|\d+\. .+ · \d+ of \d+ done)")


def test_a_heading_never_ends_a_pdf_page(store, playbook, data_dir: Path, tmp_path: Path):
    # One call per page run, each with an answer one line longer than the last: so the
    # Objections heading after it (and Notes and Checklist after that) land at every height
    # of the page, the foot included.
    for extra in range(52):
        call = store.start_call(Contact(f"Client {extra}"), playbook, START + timedelta(minutes=extra))
        store.set_answer(call.id, "pain-points", "\n".join(f"answer line {n}" for n in range(20 + extra)))
        store.log_objection(call.id, "too-expensive", "Too expensive / no budget")
        store.save_note(call.id, None, "Call back on Monday", draft=False)
        store.end_call(call.id, "Won", "", None)
    close_db()
    out = tmp_path / "calls.pdf"
    result = run_cli(data_dir, "export", "--all", "-o", str(out))
    assert result.returncode == 0, result.stderr
    pdftotext = tool("pdftotext", "poppler-utils")
    text = subprocess.run([pdftotext, "-layout", str(out), "-"], capture_output=True, check=True, text=True).stdout
    pages = [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")]
    # The last line of a page, above the page number: never a heading.
    ends = [(number, page[-2]) for number, page in enumerate(pages, start=1) if len(page) >= 2]
    assert [(number, line) for number, line in ends if PDF_HEADING.fullmatch(line)] == []
    # Moved, not lost: every call's sections are all there, and some Objections heading
    # had to go over to the top of a page.
    lines = [line for page in pages for line in page]
    for heading in ("Questions and answers", "Objections", "Notes", "Checklist"):
        assert lines.count(heading) == 52, heading
    last_stage = re.compile(rf"{len(playbook.stages)}\. .+ · \d+ of \d+ done")
    assert len([line for line in lines if last_stage.fullmatch(line)]) == 52
    assert "Objections" in [page[0] for page in pages if page]


def test_pdf_is_a_real_document(filled: Path, tmp_path: Path):
    out = tmp_path / "call.pdf"
    result = run_cli(filled, "export", "--call", "1", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode().startswith(f"Wrote 1 call to {out} (")
    assert out.read_bytes().startswith(b"%PDF-")
    pdftotext = tool("pdftotext", "poppler-utils")
    text = subprocess.run([pdftotext, str(out), "-"], capture_output=True, check=True, text=True).stdout
    # Searchable and copyable: real text, without "ﬁ" ligatures breaking words apart.
    assert "Dana Whitfield" in text and "Questions and answers" in text and ODD_TEXTS["script"] in text
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_errors_give_a_message_and_a_non_zero_exit(filled: Path, tmp_path: Path):
    cases = [
        (("export", "--call", "42"), 1, "salesdesk: there is no call with id 42 (`salesdesk calls` lists them)"),
        (("export", "-o", str(tmp_path / "missing" / "x.md")), 1, "salesdesk: cannot write "),
        (("export", "-f", "pdf", "-o", str(tmp_path / "missing" / "x.pdf")), 1, "salesdesk: cannot write "),
        (("export", "--format", "pdf"), 2, "salesdesk: a PDF is written to a file: add -o FILE.pdf"),
        (("export", "-o", str(tmp_path / "notes.docx")), 2, "salesdesk: cannot tell the format from 'notes.docx'"),
        (("export", "--call", "1", "--contact", "x"), 2, "salesdesk: --call takes one call"),
        (("export", "--since", "May 1st"), 2, "'May 1st' is not a date: write it as YYYY-MM-DD"),
        (("export", "--call", "1", "--all"), 2, "not allowed with argument"),
        (("export", "--contact", "nobody"), 1, "salesdesk: no calls to export match the filters"),
        (("import", str(tmp_path / "nothing.json")), 1, "cannot read the file: No such file or directory"),
    ]
    for args, status, message in cases:
        result = run_cli(filled, *args)
        assert result.returncode == status, (args, result.stderr)
        assert message in result.stderr.decode(), (args, result.stderr)
    assert not (tmp_path / "notes.docx").exists() and not (tmp_path / "missing").exists()


def test_a_broken_file_imports_nothing_and_says_where(filled: Path, tmp_path: Path):
    good = tmp_path / "good.json"
    run_cli(filled, "export", "-f", "json", "-o", str(good))
    data = json.loads(good.read_text())
    data["calls"][2]["notes"] = [{"at": "2024-05-04T12:00:00+00:00", "text": ["not", "text"]}]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    target = tmp_path / "target"
    result = run_cli(target, "import", str(bad))
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == [
        "salesdesk: nothing was imported:",
        f"{bad}: calls[2].notes[0].text: must be text, not a list",
    ]
    assert run_cli(target, "calls").stdout == b""  # nothing, not even the two good calls


def test_an_empty_data_dir_is_not_created_by_exports(tmp_path: Path):
    empty = tmp_path / "empty"
    result = run_cli(empty, "calls")
    assert result.returncode == 0 and result.stderr.decode().startswith("No calls yet in")
    assert run_cli(empty, "export").returncode == 1
    assert run_cli(empty, "export", "-f", "json").stdout == b'{"format":"salesdesk-calls","version":1,"calls":[]}\n'
    assert not empty.exists()


# --------------------------------------------------------------------------- CRM presets, vCard


def test_export_preset_into_a_folder_or_beside_a_csv_name(filled: Path, tmp_path: Path):
    folder = tmp_path / "hubspot"
    result = run_cli(filled, "export", "--preset", "hubspot", "--since", "2024-05-02", "-o", str(folder))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["calls.csv", "contacts.csv"]
    calls = list(csv.DictReader(io.StringIO((folder / "calls.csv").read_text(encoding="utf-8"))))
    contacts = list(csv.DictReader(io.StringIO((folder / "contacts.csv").read_text(encoding="utf-8"))))
    assert [c["First Name"] for c in contacts] == ["Dana", "Élodie", "Ana"]
    assert [c["Activity date"] for c in calls] == ["2024-05-02 12:03", "2024-05-03 12:03", "2024-05-04 12:03"]
    assert "Call with Dana Whitfield" in calls[0]["Call notes"] and ODD_TEXTS["script"] in calls[0]["Call notes"]
    message = result.stderr.decode()
    assert "Wrote 3 calls and 3 contacts for HubSpot" in message
    assert "1 call without a contact e-mail: HubSpot cannot link them" in message
    beside = run_cli(filled, "export", "--preset", "salesforce", "--call", "1", "-o", str(tmp_path / "may.csv"))
    assert beside.returncode == 0, beside.stderr
    tasks = list(csv.DictReader(io.StringIO((tmp_path / "may-tasks.csv").read_text(encoding="utf-8"))))
    assert [(t["Subject"], t["Status"], t["TaskSubtype"]) for t in tasks] == [
        ("Call with Dana Whitfield: Meeting booked", "Completed", "Call")
    ]
    assert (tmp_path / "may-contacts.csv").is_file()


def test_export_preset_usage_errors(filled: Path, tmp_path: Path):
    no_output = run_cli(filled, "export", "--preset", "pipedrive")
    assert no_output.returncode == 2 and b"add -o FOLDER" in no_output.stderr
    both = run_cli(filled, "export", "--preset", "pipedrive", "--format", "csv", "-o", str(tmp_path))
    assert both.returncode == 2 and b"leave out --format" in both.stderr
    unknown = run_cli(filled, "export", "--preset", "zoho", "-o", str(tmp_path))
    assert unknown.returncode == 2 and b"invalid choice: 'zoho'" in unknown.stderr
    missing = run_cli(filled, "export", "--preset", "pipedrive", "-o", str(tmp_path / "no" / "such"))
    assert missing.returncode == 1 and b"cannot write" in missing.stderr and b"no/such" in missing.stderr


def test_export_contacts_as_vcard(filled: Path, tmp_path: Path):
    vobject = pytest.importorskip("vobject")
    latest = run_cli(filled, "export", "--format", "vcf")
    assert latest.returncode == 0, latest.stderr
    assert [c.fn.value for c in vobject.readComponents(latest.stdout.decode())] == ["Ana Lima"]
    one = run_cli(filled, "export", "--call", "1", "-o", str(tmp_path / "dana.vcf"))
    assert one.returncode == 0, one.stderr
    (card,) = vobject.readComponents((tmp_path / "dana.vcf").read_text(encoding="utf-8"))
    assert (card.fn.value, card.tel.value, card.email.value) == (
        "Dana Whitfield",
        "+1 555 0100",
        "dana@northwind.example",
    )
    everyone = run_cli(filled, "export", "--format", "vcf", "--all")
    names = sorted(c.fn.value for c in vobject.readComponents(everyone.stdout.decode()))
    assert names == ["Ana Lima", "Dana Whitfield", "Élodie Martin"]
    filtered = run_cli(filled, "export", "--format", "vcf", "--contact", "élodie")
    assert [c.fn.value for c in vobject.readComponents(filtered.stdout.decode())] == ["Élodie Martin"]
    nothing = run_cli(filled, "export", "--format", "vcf", "--contact", "nobody")
    assert nothing.returncode == 1 and b"no calls to export match the filters" in nothing.stderr
