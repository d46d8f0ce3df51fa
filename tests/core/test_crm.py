"""CRM presets: each writes the columns, date and time forms, duration unit and note limit of
its CRM's import documentation, kept in tests/fixtures/crm/<preset>.json with the pages."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from salesdesk.core.bidi import strip_controls
from salesdesk.core.call import CallState, Contact, NoteEntry
from salesdesk.core.crm import CUT_MARKER, PRESETS, crm_cell, preset_paths, render_preset, write_preset
from salesdesk.core.export import call_text
from salesdesk.core.names import PersonName, split_name
from tests.calls_data import ODD_TEXTS, add_rich_call
from tests.tools import tool

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "crm"
#: A time zone that is not UTC, so "local" is seen to be used.
BERLIN_SUMMER = timezone(timedelta(hours=2))


def fixture(preset: str) -> dict:
    return json.loads((FIXTURES / f"{preset}.json").read_text(encoding="utf-8"))


def tables(preset: str, calls: list[CallState], tz=BERLIN_SUMMER) -> dict[str, list[dict[str, str]]]:
    """The preset's files as the CRM's importer reads them: rows of column -> text."""
    return {
        name: list(csv.DictReader(io.StringIO(text)))
        for name, text in render_preset(PRESETS[preset], calls, tz).items()
    }


@pytest.fixture
def rich(store, playbook) -> CallState:
    return add_rich_call(store, playbook)  # 2024-05-02 12:03:04 UTC, 23 min 7 s, +1 555 0100


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_each_preset_writes_the_files_and_columns_its_documentation_names(preset: str, rich: CallState):
    expected = fixture(preset)
    assert expected["docs"] and all(doc["url"].startswith("https://") for doc in expected["docs"])
    assert list(PRESETS[preset].docs) == [doc["url"] for doc in expected["docs"]]
    texts = render_preset(PRESETS[preset], [rich], UTC)
    assert list(texts) == list(expected["files"])
    for name, spec in expected["files"].items():
        header = next(csv.reader(io.StringIO(texts[name])))
        assert header == spec["columns"], name
        assert texts[name].endswith("\r\n")


def test_hubspot_dates_duration_and_notes(rich: CallState):
    spec = fixture("hubspot")
    files = tables("hubspot", [rich])
    (contact,) = files["contacts"]
    assert contact == {
        "First Name": "Dana",
        "Last Name": "Whitfield",
        "Email": "dana@northwind.example",
        "Phone Number": "+1 555 0100",
        "Company Name": "Northwind Logistics",
    }
    (call,) = files["calls"]
    assert call["Email"] == contact["Email"]  # the column that joins the two files
    assert re.match(spec["formats"]["Activity date"]["pattern"], call["Activity date"])
    assert call["Activity date"] == "2024-05-02 14:03"  # local time (UTC+2 here)
    assert spec["formats"]["Call duration"]["unit"] == "milliseconds"
    assert call["Call duration"] == str((23 * 60 + 7) * 1000)
    assert call["Call status"] in spec["formats"]["Call status"]["values"]
    # The document as the text export has it, less its bidi isolates: no CSV cell carries bidi controls.
    assert call["Call notes"] == strip_controls(call_text(rich, BERLIN_SUMMER).rstrip("\n"))
    assert call["Call Title"] == "Call with Dana Whitfield: Meeting booked"


def test_salesforce_tasks_are_completed_calls_with_the_date_and_seconds(rich: CallState):
    spec = fixture("salesforce")
    files = tables("salesforce", [rich])
    (contact,) = files["contacts"]
    assert (contact["First Name"], contact["Last Name"], contact["Account Name"]) == (
        "Dana",
        "Whitfield",
        "Northwind Logistics",
    )
    (task,) = files["tasks"]
    assert re.match(spec["formats"]["ActivityDate"]["pattern"], task["ActivityDate"])
    assert task["ActivityDate"] == "2024-05-02"
    assert task["CallDurationInSeconds"] == str(23 * 60 + 7)
    for column in ("Status", "TaskSubtype", "Priority"):
        assert task[column] in spec["formats"][column]["values"]
    assert task["Status"] == "Completed"
    assert task["Description"].startswith("Call with Dana Whitfield\n")
    assert len(task["Subject"]) <= spec["limits"]["Subject"]
    assert (task["Contact Email"], task["WhoId"]) == ("dana@northwind.example", "")


def test_pipedrive_activities_are_done_calls_with_date_time_and_hours_minutes(rich: CallState):
    spec = fixture("pipedrive")
    files = tables("pipedrive", [rich])
    (person,) = files["people"]
    assert (person["Name"], person["First name"], person["Last name"]) == ("Dana Whitfield", "Dana", "Whitfield")
    (activity,) = files["activities"]
    for column in ("Due date", "Due time", "Duration"):
        assert re.match(spec["formats"][column]["pattern"], activity[column]), column
    assert (activity["Due date"], activity["Due time"], activity["Duration"]) == ("2024-05-02", "14:03", "00:23")
    assert (activity["Type"], activity["Done"]) == ("Call", "Done")
    assert activity["Person name"] == person["Name"]
    # An HTML note: what the rep typed is escaped, line breaks are <br>.
    assert "&lt;script&gt;" in activity["Note"] and "<script>" not in activity["Note"]
    assert activity["Note"].startswith("Call with Dana Whitfield<br>")


@pytest.mark.parametrize(
    ("seconds", "duration"), [(20, "00:01"), (89, "00:01"), (91, "00:02"), (3599, "01:00"), (7260, "02:01")]
)
def test_pipedrive_duration_is_whole_minutes(rich: CallState, seconds: int, duration: str):
    call = replace(rich, ended_at=rich.started_at + timedelta(seconds=seconds))
    assert tables("pipedrive", [call])["activities"][0]["Duration"] == duration


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_a_long_call_document_is_cut_at_the_crms_limit_with_a_marker(preset: str, rich: CallState):
    spec = fixture(preset)
    (column, limit), *_ = [(c, n) for c, n in spec["limits"].items() if c != "Subject"]
    long_notes = [NoteEntry(900 + i, rich.started_at, f"{i} " + "<word> " * 9_000) for i in range(3)]
    call = replace(rich, notes=rich.notes + long_notes)
    assert len(call_text(call)) > limit
    calls_file = list(spec["files"])[1]
    (row,) = tables(preset, [call])[calls_file]
    assert len(row[column]) <= limit
    marker_start = CUT_MARKER.split("{")[0].replace("\n", "<br>" if preset == "pipedrive" else "\n")
    assert marker_start in row[column]
    assert row[column].endswith("SalesDesk keeps the whole call]")
    assert f"{limit:,} characters" in row[column]
    # A short one is whole.
    (short,) = tables(preset, [rich])[calls_file]
    assert "cut here" not in short[column]


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Dana", PersonName("Dana", "")),
        ("Dana Whitfield", PersonName("Dana", "Whitfield")),
        ("  Anna   Maria Schmidt ", PersonName("Anna Maria", "Schmidt")),
        ("Jan van der Berg", PersonName("Jan", "van der Berg")),
        ("Ana de la Cruz", PersonName("Ana", "de la Cruz")),
        ("Van Morrison", PersonName("Van", "Morrison")),  # a capitalised "Van" is a first name
        ("van Dijk", PersonName("", "van Dijk")),
        ("García López, María José", PersonName("María José", "García López")),
        ("John Smith, Jr.", PersonName("John", "Smith", suffix="Jr.")),
        ("Smith, John, Jr.", PersonName("John", "Smith", suffix="Jr.")),
        ("Martin Luther King Jr.", PersonName("Martin Luther", "King", suffix="Jr.")),
        ("Prof. Dr. Hans-Peter Müller PhD", PersonName("Hans-Peter", "Müller", "Prof. Dr.", "PhD")),
        ("山田太郎", PersonName("山田太郎", "")),
        ("Dr.", PersonName("Dr.", "")),
        ("", PersonName()),
    ],
)
def test_names_split_by_the_documented_rule(name: str, parts: PersonName):
    assert split_name(name) == parts


def test_each_crm_gets_the_names_its_way(rich: CallState):
    one_word = replace(rich, contact=Contact("Cher", "Acme", "cher@acme.example"))
    suffixed = replace(rich, contact=Contact("John Smith, Jr.", "Acme", "js@acme.example"))
    hubspot = tables("hubspot", [one_word, suffixed])["contacts"]
    assert [(c["First Name"], c["Last Name"]) for c in hubspot] == [("Cher", ""), ("John", "Smith Jr.")]
    salesforce = tables("salesforce", [one_word, suffixed])["contacts"]
    # Salesforce requires a last name.
    assert [(c["First Name"], c["Last Name"]) for c in salesforce] == [("", "Cher"), ("John", "Smith Jr.")]
    pipedrive = tables("pipedrive", [one_word])["people"]
    assert (pipedrive[0]["Name"], pipedrive[0]["First name"], pipedrive[0]["Last name"]) == ("Cher", "Cher", "")


def test_a_contact_with_several_calls_is_one_contact_row(store, playbook):
    first = add_rich_call(store, playbook)
    again = store.start_call(first.contact, playbook, first.started_at + timedelta(days=3))
    other = add_rich_call(store, playbook, name="Élodie Martin", started_at=first.started_at + timedelta(days=1))
    files = tables("hubspot", [first, other, again])
    assert [c["First Name"] for c in files["contacts"]] == ["Dana", "Élodie"]
    assert len(files["calls"]) == 3
    # A call still open is written as in progress, without a duration.
    assert (files["calls"][2]["Call status"], files["calls"][2]["Call duration"]) == ("IN_PROGRESS", "")


PHONES = [
    "+1-555-0100",
    "+49 30 1234-56",
    "+1 (555) 010-0100",
    "+4930123456",
    "030 1234 56",
    "0049-30-1234",
    "+44 20 7946 0958",
]
FORMULAS = ["=1+1", '=HYPERLINK("http://evil.example","x")', "+A1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "+1+cmd|x"]


@pytest.mark.parametrize("phone", PHONES)
def test_a_phone_number_is_written_as_typed(phone: str):
    assert crm_cell(phone, 100) == phone


@pytest.mark.parametrize("value", FORMULAS)
def test_anything_else_a_spreadsheet_would_run_keeps_the_guard(value: str):
    assert crm_cell(value, 100) == "'" + value


def test_the_crm_stores_the_phone_clean_and_a_spreadsheet_runs_no_formula(store, playbook, tmp_path: Path):
    """Both sides of the phone rule: the CRM's reader gets the phone exactly as typed, and
    LibreOffice, opening the same files, makes no cell a formula (the notes are full of them)."""
    soffice = tool("soffice", "libreoffice-calc")
    calls = []
    for index, phone in enumerate(PHONES):
        call = add_rich_call(
            store, playbook, name=f"Rep Test{index}", started_at=datetime(2024, 5, 2 + index, tzinfo=UTC)
        )
        contact = store.save_contact(replace(call.contact, phone=phone, company=FORMULAS[index % len(FORMULAS)]))
        call = replace(call, contact=contact, outcome=FORMULAS[(index + 1) % len(FORMULAS)])
        calls.append(replace(call, notes=[NoteEntry(1, call.started_at, "\n".join(FORMULAS))]))
    for preset in PRESETS.values():
        folder = tmp_path / preset.key
        paths = write_preset(preset, calls, folder, UTC)
        contacts = list(csv.DictReader(io.StringIO(paths[0].read_text(encoding="utf-8"))))
        phone_column = next(c for c in preset.files[0].columns if c.startswith("Phone"))
        assert [row[phone_column] for row in contacts] == PHONES  # what the CRM stores
        for path in paths:
            converted = _libreoffice(soffice, path, tmp_path / "lo" / preset.key)
            assert "table:formula" not in converted, f"{path.name} has a cell LibreOffice runs"
            cells = [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in re.findall(_CELL, converted)]
            if path == paths[0]:
                # Shown as typed (a bare "+4930123456" LibreOffice reads as the number 4930123456).
                assert {"+49 30 1234-56", "+1 (555) 010-0100", "0049-30-1234"} <= set(cells)
        assert ODD_TEXTS["formula"].split("(")[0] in paths[1].read_text(encoding="utf-8")  # the budget, guarded


def test_the_excel_question_a_phone_is_clean_for_the_crm_and_text_for_a_spreadsheet(store, playbook, tmp_path: Path):
    """ "+1-555-0100" is, to a spreadsheet that takes a leading + as a formula (Excel does when
    it opens a CSV file), the sum 1 - 555 - 100. The CRM files write it as typed, because
    the CRM's importer reads every cell as text and must store the number clean; the
    generic CSV, made for spreadsheets, puts the ' in front, so no spreadsheet computes it.
    LibreOffice opens both with the value as text (it takes only = as a formula start)."""
    from salesdesk.core.export import calls_csv, encode
    from salesdesk.core.files import write_atomically

    soffice = tool("soffice", "libreoffice-calc")
    call = add_rich_call(store, playbook)
    call = replace(call, contact=store.save_contact(replace(call.contact, phone="+1-555-0100")))
    generic = tmp_path / "generic.csv"
    write_atomically(generic, encode(calls_csv([call], UTC)))
    (row,) = csv.DictReader(io.StringIO(generic.read_text(encoding="utf-8")))
    assert row["Phone"] == "'+1-555-0100"  # the spreadsheet's file: guarded
    converted = _libreoffice(soffice, generic, tmp_path / "lo" / "generic")
    assert "table:formula" not in converted
    assert "'+1-555-0100" in _cells(converted, "string")
    for preset in PRESETS.values():
        contacts = write_preset(preset, [call], tmp_path / preset.key, UTC)[0]
        (row,) = csv.DictReader(io.StringIO(contacts.read_text(encoding="utf-8")))
        phone_column = next(c for c in preset.files[0].columns if c.startswith("Phone"))
        assert row[phone_column] == "+1-555-0100"  # the CRM's file: clean, what the CRM stores
        converted = _libreoffice(soffice, contacts, tmp_path / "lo" / preset.key)
        assert "table:formula" not in converted
        assert "+1-555-0100" in _cells(converted, "string")


def _cells(converted: str, kind: str) -> list[str]:
    """The text of the cells of one value type (string, float) in a LibreOffice flat file."""
    found = re.findall(rf'<table:table-cell[^>]*office:value-type="{kind}"[^>]*>(.*?)</table:table-cell>', converted,
                       re.DOTALL)  # fmt: skip
    return [html.unescape(" ".join(re.sub(r"<[^>]+>", " ", cell).split())) for cell in found]


_CELL = re.compile(r"<table:table-cell[^>]*>(.*?)</table:table-cell>", re.DOTALL)


def _libreoffice(soffice: str, path: Path, out: Path) -> str:
    out.mkdir(parents=True, exist_ok=True)
    profile = out / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "fods",
            "--outdir",
            out,
            path,
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (out / (path.stem + ".fods")).read_text(encoding="utf-8")


def test_the_files_go_into_a_folder_or_beside_a_csv_name(tmp_path: Path):
    hubspot = PRESETS["hubspot"]
    assert preset_paths(hubspot, tmp_path / "out") == {
        "contacts": tmp_path / "out" / "contacts.csv",
        "calls": tmp_path / "out" / "calls.csv",
    }
    assert preset_paths(PRESETS["salesforce"], tmp_path / "may.CSV") == {
        "contacts": tmp_path / "may-contacts.csv",
        "tasks": tmp_path / "may-tasks.csv",
    }
    existing = tmp_path / "odd.csv"
    existing.mkdir()
    assert preset_paths(hubspot, existing)["calls"] == existing / "calls.csv"


def test_writing_makes_the_folder_and_user_only_files(rich: CallState, tmp_path: Path):
    written = write_preset(PRESETS["pipedrive"], [rich], tmp_path / "new", bom=True)
    assert [p.name for p in written] == ["people.csv", "activities.csv"]
    assert all(p.read_bytes().startswith(b"\xef\xbb\xbfName,") or p.name == "activities.csv" for p in written)
    assert all(p.stat().st_mode & 0o077 == 0 for p in written)
    with pytest.raises(OSError):
        write_preset(PRESETS["pipedrive"], [rich], tmp_path / "missing" / "deeper")
