"""Times at the ends of what Python holds (year 1, year 9999): refused at import in every
time field of the calls format, and shown, never crashed on, when already stored, in any
time zone (the sidebar's side is in tests/ui/test_far_dates.py)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from salesdesk.core.calls_file import CallsFileError, dumps, parse_calls
from salesdesk.storage import CallStore

from .calls_data import add_rich_call, store_far_times

ZONES = ["Asia/Tokyo", "America/New_York"]


def salesdesk(data_dir: Path, zone: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "salesdesk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "TZ": zone},
    )


# --------------------------------------------------------------------------- importing


def _document(store: CallStore, playbook) -> dict:
    return json.loads(dumps([add_rich_call(store, playbook)]))


#: Every time and date field of a call in the calls format, as (path to it, value to set).
FIELDS = [
    (("started_at",), "calls[0].started_at"),
    (("ended_at",), "calls[0].ended_at"),
    (("stage_entered_at",), "calls[0].stage_entered_at"),
    (("checklist", 0, "done_at"), "calls[0].checklist[0].done_at"),
    (("objections", 0, "raised_at"), "calls[0].objections[0].raised_at"),
    (("notes", 0, "at"), "calls[0].notes[0].at"),
]
DATE_FIELDS = [
    (("next_step_due",), "calls[0].next_step_due"),
    (("qualification_details", "decision_date"), "calls[0].qualification_details.decision_date"),
]
FAR = [
    "9999-12-31T23:59:59+00:00",
    "9999-12-31T23:59:59-05:00",  # past the end once in UTC: used to crash the import itself
    "0001-01-01T00:00:00+00:00",
    "0001-01-01T00:00:00+09:00",  # before the start once in UTC
    "1969-12-31T23:59:59+00:00",
    "2201-01-01T00:00:00+00:00",
]


def _set(document: dict, where: tuple, value: str) -> None:
    target = document["calls"][0]
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = value


@pytest.mark.parametrize("value", FAR)
@pytest.mark.parametrize(("where", "path"), FIELDS, ids=[p for _w, p in FIELDS])
def test_a_time_outside_1970_to_2200_is_refused_at_import(store, playbook, where, path, value):
    document = _document(store, playbook)
    if where == ("started_at",):  # keep the other times after it
        document["calls"][0]["ended_at"] = None
    _set(document, where, value)
    with pytest.raises(CallsFileError) as caught:
        parse_calls(json.dumps(document), "far.json")
    assert f"far.json: {path}: {value!r} is not between the years 1970 and 2200" in str(caught.value).splitlines()


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "1969-12-31", "2201-01-01"])
@pytest.mark.parametrize(("where", "path"), DATE_FIELDS, ids=[p for _w, p in DATE_FIELDS])
def test_a_date_outside_1970_to_2200_is_refused_at_import(store, playbook, where, path, value):
    document = _document(store, playbook)
    _set(document, where, value)
    with pytest.raises(CallsFileError) as caught:
        parse_calls(json.dumps(document), "far.json")
    assert str(caught.value) == f"far.json: {path}: {value!r} is not between the years 1970 and 2200"


def test_times_at_the_ends_of_the_range_import(store, playbook):
    document = _document(store, playbook)
    document["calls"][0].update(started_at="1970-01-01T00:00:00+00:00", ended_at="2200-12-31T23:59:59+00:00")
    (call,) = parse_calls(json.dumps(document))
    assert (call.started_at.year, call.ended_at.year) == (1970, 2200)


def test_numbers_past_64_bits_are_refused_at_import(store, playbook):
    document = _document(store, playbook)
    document["calls"][0]["qualification_details"]["budget_min"] = 99999999999999999999
    with pytest.raises(CallsFileError) as caught:
        parse_calls(json.dumps(document), "big.json")
    assert str(caught.value) == (
        "big.json: calls[0].qualification_details.budget_min: "
        "is too large to be a budget (at most 1,000,000,000,000,000)"
    )
    text = json.dumps(document).replace("99999999999999999999", "9" * 5000)
    with pytest.raises(CallsFileError, match=r"big\.json: not valid JSON: a number is too long to read"):
        parse_calls(text, "big.json")


@pytest.mark.parametrize("zone", ZONES)
def test_the_import_command_names_the_far_time(tmp_path: Path, store, playbook, zone: str):
    document = _document(store, playbook)
    _set(document, ("notes", 0, "at"), "9999-12-31T23:59:59-05:00")
    path = tmp_path / "far.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = salesdesk(tmp_path / "other", zone, "import", str(path))
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert b"calls[0].notes[0].at: '9999-12-31T23:59:59-05:00' is not between the years 1970 and 2200" in result.stderr


# --------------------------------------------------------------------------- stored already


@pytest.mark.parametrize("zone", ZONES)
def test_stored_far_times_are_listed_and_exported_in_any_time_zone(data_dir: Path, store, playbook, zone: str):
    store_far_times(data_dir, store, playbook)
    listed = salesdesk(data_dir, zone, "calls")
    assert listed.returncode == 0, listed.stderr
    out = listed.stdout.decode()
    assert "9999-12-31" in out and "0001-01-01" in out
    for fmt in ("md", "txt", "html", "csv", "json"):
        result = salesdesk(data_dir, zone, "export", "--all", "--format", fmt)
        assert result.returncode == 0, (fmt, result.stderr)
        text = result.stdout.decode("utf-8")
        assert "Far year-9999" in text and "Far year-1" in text, fmt
        if fmt in {"md", "txt", "html"}:
            assert "9999-12-31 23:59 UTC" in text and "0001-01-01 00:00 UTC" in text, fmt
    rows = list(csv.DictReader(io.StringIO(salesdesk(data_dir, zone, "export", "--format", "csv").stdout.decode())))
    assert {row["Date"] for row in rows} >= {"9999-12-31", "0001-01-01"}
    pdf = salesdesk(data_dir, zone, "export", "--all", "-o", str(data_dir.parent / "far.pdf"))
    assert pdf.returncode == 0, pdf.stderr
