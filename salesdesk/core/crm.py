"""Calls as the files a CRM's own import tool reads: HubSpot, Salesforce and Pipedrive.

Each preset writes two CSV files, with the column names, date and time forms, duration unit
and note length that CRM's import documentation gives (the pages, and what they leave open,
are kept with the tests: tests/fixtures/crm/<preset>.json):

- hubspot: ``contacts.csv`` and ``calls.csv``, one import of two files joined on the
  contact's e-mail address (HubSpot's unique key for contacts);
- salesforce: ``contacts.csv`` for the Data Import Wizard (Accounts and Contacts) and
  ``tasks.csv`` for Data Loader (the wizard does not import tasks): each call a completed
  Task with TaskSubtype Call;
- pipedrive: ``people.csv`` and ``activities.csv`` (each call a done activity of type Call
  beside the person it was with, so the import links it).

Names are split by ``core.names.split_name``; the call's document (``core.export.call_text``)
goes into the notes, cut at the CRM's limit with a marker. Cells keep the CSV formula guard
of ``core.export.csv_cell``, except a phone-like value (only digits, ``+``, spaces, dashes,
dots, slashes and brackets): it is written as typed, so the CRM stores the number without the
guard's ``'``. Such a value cannot hold a function, a cell reference or a link, which is what
a spreadsheet formula needs to do harm; LibreOffice reads it as text (or a plain number), a
test checks that no cell of these files becomes a formula there.

No Qt, no storage: the calls come in as CallState objects.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from salesdesk.core.call import CallState, Contact
from salesdesk.core.export import call_text, clean, csv_cell, encode
from salesdesk.core.files import write_atomically
from salesdesk.core.formats import CRM_PRESETS
from salesdesk.core.names import PersonName, split_name

#: A value that is a phone number or a plain number: nothing a spreadsheet could run.
PHONE_LIKE = re.compile(r"\+?[(]?\d[\d ()\-./]*\Z")
#: Ends a call document that was longer than the CRM takes.
CUT_MARKER = "\n\n[… cut here: {limit:,} characters is as much as {crm} takes; SalesDesk keeps the whole call]"


def crm_cell(value: object, limit: int) -> str:
    """A cell for a CRM import file: ``csv_cell`` (formula guard, at most ``limit`` characters),
    but a phone-like value is written as typed."""
    text = "" if value is None else str(value)
    stripped = text.strip()
    if stripped and PHONE_LIKE.match(stripped):
        return stripped
    return csv_cell(text, limit=limit)


def cut_to(text: str, limit: int, crm: str) -> str:
    """``text`` at most ``limit`` characters long; cut with a marker that says so."""
    if len(text) <= limit:
        return text
    marker = CUT_MARKER.format(limit=limit, crm=crm)
    return text[: limit - len(marker)].rstrip() + marker


@dataclass(frozen=True, slots=True)
class CrmFile:
    """One file of a preset: its name and its columns."""

    name: str
    columns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Preset:
    key: str
    title: str
    #: The import documentation this preset follows.
    docs: tuple[str, ...]
    #: The contacts file, then the calls file.
    files: tuple[CrmFile, CrmFile]
    #: Characters the CRM keeps of the call's notes (longer ones are cut with a marker).
    notes_limit: int
    #: (call, name parts, local time zone) -> one row of the calls file.
    call_row: Callable[[CallState, PersonName, tzinfo | None], list[object]]
    contact_row: Callable[[Contact, PersonName], list[object]]


def _local(call: CallState, tz: tzinfo | None):
    return call.started_at.astimezone(tz)


def _seconds(call: CallState) -> int | None:
    return None if call.ended_at is None else max(0, round(call.elapsed_seconds()))


def _subject(call: CallState) -> str:
    outcome = " ".join(clean(call.outcome).split())
    name = " ".join(clean(call.contact.name).split())
    return f"Call with {name}" + (f": {outcome}" if outcome else "")


def _notes(call: CallState, tz: tzinfo | None, limit: int, crm: str) -> str:
    return cut_to(call_text(call, tz).rstrip("\n"), limit, crm)


# --------------------------------------------------------------------------- HubSpot

HUBSPOT_NOTES_LIMIT = 65_536


def _hubspot_contact(contact: Contact, name: PersonName) -> list[object]:
    return [name.first, name.last_with_suffix, contact.email, contact.phone, contact.company]


def _hubspot_call(call: CallState, name: PersonName, tz: tzinfo | None) -> list[object]:
    seconds = _seconds(call)
    return [
        call.contact.email,
        _local(call, tz).strftime("%Y-%m-%d %H:%M"),
        _subject(call),
        _notes(call, tz, HUBSPOT_NOTES_LIMIT, "HubSpot"),
        "" if seconds is None else seconds * 1000,  # milliseconds
        "COMPLETED" if call.ended_at is not None else "IN_PROGRESS",
    ]


HUBSPOT = Preset(
    key="hubspot",
    title="HubSpot",
    docs=(
        "https://knowledge.hubspot.com/import-and-export/set-up-your-import-file",
        "https://developers.hubspot.com/docs/api/crm/calls",
        "https://knowledge.hubspot.com/properties/property-field-types-in-hubspot",
    ),
    files=(
        CrmFile("contacts", ("First Name", "Last Name", "Email", "Phone Number", "Company Name")),
        CrmFile("calls", ("Email", "Activity date", "Call Title", "Call notes", "Call duration", "Call status")),
    ),
    notes_limit=HUBSPOT_NOTES_LIMIT,
    call_row=_hubspot_call,
    contact_row=_hubspot_contact,
)


# --------------------------------------------------------------------------- Salesforce

#: Task.Description is a 32,000-character text area, and Data Loader reads at most 32,000
#: characters of a CSV field.
SALESFORCE_NOTES_LIMIT = 32_000
SALESFORCE_SUBJECT_LIMIT = 255


def _salesforce_names(name: PersonName) -> tuple[str, str]:
    """First and last name; a lone first name becomes the last name, which Salesforce requires."""
    first, last = name.first, name.last_with_suffix
    return ("", first) if not last else (first, last)


def _salesforce_contact(contact: Contact, name: PersonName) -> list[object]:
    first, last = _salesforce_names(name)
    return [first, last, contact.email, contact.phone, contact.company]


def _salesforce_call(call: CallState, name: PersonName, tz: tzinfo | None) -> list[object]:
    seconds = _seconds(call)
    first, last = _salesforce_names(name)
    return [
        "",  # WhoId: the contact's Salesforce id, known only after the contacts are imported
        " ".join(part for part in (first, last) if part),
        call.contact.email,
        cut_to(_subject(call), SALESFORCE_SUBJECT_LIMIT, "Salesforce"),
        _notes(call, tz, SALESFORCE_NOTES_LIMIT, "Salesforce"),
        _local(call, tz).strftime("%Y-%m-%d"),
        "Completed" if call.ended_at is not None else "In Progress",
        "Normal",
        "Call",
        "" if seconds is None else seconds,
    ]


SALESFORCE = Preset(
    key="salesforce",
    title="Salesforce",
    docs=(
        "https://help.salesforce.com/s/articleView?id=sf.faq_import_general.htm&language=en_US&type=5",
        "https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_objects_task.htm",
        "https://developer.salesforce.com/docs/atlas.en-us.dataLoader.meta/dataLoader/supported_data_types.htm",
        "https://developer.salesforce.com/docs/atlas.en-us.dataLoader.meta/dataLoader/data_loader_dates.htm",
    ),
    files=(
        CrmFile("contacts", ("First Name", "Last Name", "Email", "Phone", "Account Name")),
        CrmFile(
            "tasks",
            (
                "WhoId",
                "Contact Name",
                "Contact Email",
                "Subject",
                "Description",
                "ActivityDate",
                "Status",
                "Priority",
                "TaskSubtype",
                "CallDurationInSeconds",
            ),
        ),
    ),
    notes_limit=SALESFORCE_NOTES_LIMIT,
    call_row=_salesforce_call,
    contact_row=_salesforce_contact,
)


# --------------------------------------------------------------------------- Pipedrive

#: "The maximum note size is approximately 100,000 characters" (Pipedrive's Notes API; a
#: later version of that page says 3,000,000: the smaller one is safe for both).
PIPEDRIVE_NOTES_LIMIT = 100_000


def _pipedrive_contact(contact: Contact, name: PersonName) -> list[object]:
    full = clean(contact.name).strip()
    return [full, name.first, name.last_with_suffix, contact.email, contact.phone, contact.company]


def _pipedrive_note(call: CallState, tz: tzinfo | None) -> str:
    """The call's document as Pipedrive's HTML note: escaped, line breaks as <br>, and cut
    (with the marker) so that the HTML fits the limit."""

    def as_html(text: str) -> str:
        return html.escape(text, quote=False).replace("\n", "<br>")

    text = call_text(call, tz).rstrip("\n")
    note = as_html(text)
    if len(note) <= PIPEDRIVE_NOTES_LIMIT:
        return note
    marker = as_html(CUT_MARKER.format(limit=PIPEDRIVE_NOTES_LIMIT, crm="Pipedrive"))
    room = PIPEDRIVE_NOTES_LIMIT - len(marker)
    low, high = 0, min(len(text), room)  # the longest start of the text whose HTML fits
    while low < high:
        middle = (low + high + 1) // 2
        if len(as_html(text[:middle].rstrip())) <= room:
            low = middle
        else:
            high = middle - 1
    return as_html(text[:low].rstrip()) + marker


def _pipedrive_call(call: CallState, name: PersonName, tz: tzinfo | None) -> list[object]:
    seconds = _seconds(call)
    duration = ""
    if seconds is not None:
        hours, minutes = divmod(max(1, round(seconds / 60)) if seconds else 0, 60)
        duration = f"{hours:02d}:{minutes:02d}"
    return [
        clean(call.contact.name).strip(),
        call.contact.email,
        call.contact.company,
        _subject(call),
        "Call",
        _local(call, tz).strftime("%Y-%m-%d"),
        _local(call, tz).strftime("%H:%M"),
        duration,
        _pipedrive_note(call, tz),
        "Done" if call.ended_at is not None else "To do",
    ]


PIPEDRIVE = Preset(
    key="pipedrive",
    title="Pipedrive",
    docs=(
        "https://support.pipedrive.com/en/article/importing-mandatory-fields",
        "https://support.pipedrive.com/en/article/import-fields",
        "https://developers.pipedrive.com/docs/api/v1/Activities",
        "https://developers.pipedrive.com/docs/api/v1/Notes",
    ),
    files=(
        CrmFile("people", ("Name", "First name", "Last name", "Email", "Phone", "Organization")),
        CrmFile(
            "activities",
            (
                "Person name",
                "Person email",
                "Organization name",
                "Subject",
                "Type",
                "Due date",
                "Due time",
                "Duration",
                "Note",
                "Done",
            ),
        ),
    ),
    notes_limit=PIPEDRIVE_NOTES_LIMIT,
    call_row=_pipedrive_call,
    contact_row=_pipedrive_contact,
)

PRESETS: dict[str, Preset] = {preset.key: preset for preset in (HUBSPOT, SALESFORCE, PIPEDRIVE)}
assert tuple(PRESETS) == CRM_PRESETS


# --------------------------------------------------------------------------- files


def distinct_contacts(calls: Sequence[CallState]) -> list[Contact]:
    """Each contact once, in the order of their first call; a contact is the same one when
    it has the same id (or, without ids, the same fields). The latest call's fields win."""
    seen: dict[object, int] = {}
    contacts: list[Contact] = []
    for call in calls:
        contact = call.contact
        fields = (contact.name, contact.company, contact.email, contact.phone)
        identity = contact.id if contact.id is not None else fields
        if identity in seen:
            contacts[seen[identity]] = contact
        else:
            seen[identity] = len(contacts)
            contacts.append(contact)
    return contacts


def _csv(columns: Sequence[str], rows: Sequence[Sequence[object]], limit: int) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([crm_cell(value, limit) for value in row] for row in rows)
    return buffer.getvalue()


def render_preset(preset: Preset, calls: Sequence[CallState], tz: tzinfo | None = None) -> dict[str, str]:
    """The preset's files as CSV text (CRLF line ends, RFC 4180), by file name (``contacts``...)."""
    contacts_file, calls_file = preset.files
    contact_rows = [preset.contact_row(c, split_name(clean(c.name))) for c in distinct_contacts(calls)]
    call_rows = [preset.call_row(call, split_name(clean(call.contact.name)), tz) for call in calls]
    return {
        contacts_file.name: _csv(contacts_file.columns, contact_rows, preset.notes_limit),
        calls_file.name: _csv(calls_file.columns, call_rows, preset.notes_limit),
    }


def preset_paths(preset: Preset, output: Path) -> dict[str, Path]:
    """Where the preset's files go: into ``output`` when it is a folder (one that exists, or
    any name without a ``.csv`` extension, made if missing), else beside it with its name as
    a prefix: ``-o may.csv`` gives ``may-contacts.csv`` and ``may-calls.csv``."""
    names = [f.name for f in preset.files]
    if output.suffix.lower() == ".csv" and not output.is_dir():
        return {name: output.with_name(f"{output.stem}-{name}.csv") for name in names}
    return {name: output / f"{name}.csv" for name in names}


def write_preset(
    preset: Preset, calls: Sequence[CallState], output: Path, tz: tzinfo | None = None, *, bom: bool = False
) -> list[Path]:
    """Write the preset's files (``preset_paths``), each atomically and readable by the user
    only; a folder named by ``output`` is made (its parent must exist). Returns the paths
    written. Raises OSError naming the file that could not be written."""
    texts = render_preset(preset, calls, tz)
    paths = preset_paths(preset, output)
    folder = next(iter(paths.values())).parent
    if folder == output and not output.is_dir():
        output.mkdir(mode=0o700)
    written = []
    for name, path in paths.items():
        try:
            write_atomically(path, encode(texts[name], bom=bom))
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        written.append(path)
    return written
