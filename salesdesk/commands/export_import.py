"""``salesdesk export``, ``salesdesk calls`` and ``salesdesk import``: calls in and out of SalesDesk.

Imported cheaply (argparse loads every command module): Peewee, the renderers and Qt (for
PDF) are imported when a command runs.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path

# Standard library only, and small: cheap enough for the parser to load.
from salesdesk.core.formats import ALL_FORMATS, CONTACT_FORMATS, CONTACT_SUFFIXES, CRM_PRESETS, SUFFIX_FORMATS


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2024-05-02") from None


def _add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("which calls (filters combine)")
    group.add_argument("--since", type=_day, metavar="DATE", help="calls started on or after DATE (YYYY-MM-DD)")
    group.add_argument("--until", type=_day, metavar="DATE", help="calls started on or before DATE (YYYY-MM-DD)")
    group.add_argument("--contact", metavar="TEXT", default="", help="contact name, company or e-mail contains TEXT")
    group.add_argument("--outcome", metavar="TEXT", default="", help="outcome contains TEXT")


def register(sub) -> None:
    export = sub.add_parser(
        "export",
        help="write calls as Markdown, text, HTML, PDF, JSON or CSV, CRM import files, or contacts as vCard",
        description=(
            "Write calls to a file, or text formats to standard output. Without --call or --all, "
            "md, txt, html and pdf take the most recent call, json and csv take every call; "
            "--since, --until, --contact and --outcome narrow the choice. "
            "--preset writes the files a CRM's import tool reads (every call the filters take) into "
            "the -o folder, or beside an -o NAME.csv as NAME-contacts.csv and so on. "
            "--format vcf writes contacts as vCard: the latest call's contact, the --call's, "
            "those of the calls the filters take, or with --all every contact."
        ),
    )
    export.add_argument(
        "--format",
        "-f",
        choices=ALL_FORMATS + CONTACT_FORMATS,
        help="md, txt, html, pdf (one document per call), json (lossless, for import), csv "
        "(one row per call) or vcf (contacts); default: from the -o file's extension (md without one)",
    )
    export.add_argument(
        "--preset",
        choices=CRM_PRESETS,
        help="CRM import files: hubspot (contacts.csv, calls.csv), salesforce (contacts.csv, tasks.csv) "
        "or pipedrive (people.csv, activities.csv); needs -o FOLDER or -o NAME.csv",
    )
    which = export.add_mutually_exclusive_group()
    which.add_argument("--call", type=int, metavar="ID", help="the call with this id (see `salesdesk calls`)")
    which.add_argument("--all", action="store_true", help="every call (that the filters let through)")
    _add_filters(export)
    export.add_argument("--bom", action="store_true", help="start with a UTF-8 byte order mark (for Excel)")
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (required for pdf; a folder for --preset)"
    )
    export.set_defaults(run=run_export)

    calls = sub.add_parser("calls", help="list calls (id, date, contact, outcome), newest first")
    _add_filters(calls)
    calls.add_argument("--limit", type=int, metavar="N", help="only the N newest")
    calls.set_defaults(run=run_calls)

    imp = sub.add_parser(
        "import",
        help="read calls from a SalesDesk JSON file",
        description="Read calls exported with `salesdesk export --format json`. Calls already here are "
        "skipped; a file with any problem imports nothing.",
    )
    imp.add_argument("file", type=Path, metavar="FILE.json")
    imp.set_defaults(run=run_import)


def _error(message: str, status: int = 1) -> int:
    print(f"salesdesk: {message}", file=sys.stderr)
    return status


def _filter(args):
    from salesdesk.core.filters import day_filter

    if args.since and args.until and args.until < args.since:
        raise ValueError(f"--until {args.until} is before --since {args.since}")
    return day_filter(args.since, args.until, args.contact, args.outcome)


def _open_existing(data_dir: Path) -> bool:
    """Open the database if there is one. Exports and lists never create it, nor set up an
    empty (0-byte) file; one where a database with backups used to be is damage."""
    from salesdesk.storage import init_db
    from salesdesk.storage.backup import empty_database_damage
    from salesdesk.storage.errors import StorageError
    from salesdesk.storage.paths import database_path

    path = database_path(data_dir)
    if not path.is_file():
        return False
    if path.stat().st_size == 0:
        damage = empty_database_damage(data_dir)
        if damage is not None:
            raise StorageError(f"{damage} Restore the newest backup: salesdesk restore --latest")
        return False
    init_db(data_dir)
    return True


def run_calls(args, data_dir: Path) -> int:
    from salesdesk.core.call import local_text
    from salesdesk.storage.errors import StorageError

    try:
        call_filter = _filter(args)
        if not _open_existing(data_dir):
            print(f"No calls yet in {data_dir}.", file=sys.stderr)
            return 0
        from salesdesk.storage.import_export import list_calls

        listed = list_calls(call_filter, newest_first=True)
    except (StorageError, ValueError) as exc:
        return _error(str(exc))
    if args.limit is not None:
        listed = listed[: max(0, args.limit)]
    rows = [
        (
            str(s.id),
            local_text(s.started_at),
            f"{s.name} · {s.company}" if s.company else s.name,
            s.outcome or ("(still open)" if s.ended_at is None else ""),
        )
        for s in listed
    ]
    header = ("ID", "Started", "Contact", "Outcome")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    lines = [
        f"{row[0]:>{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}".rstrip()
        for row in [header, *rows]
    ]
    return _emit(("\n".join(lines) + "\n").encode("utf-8"))


def _emit(data: bytes) -> int:
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:  # `salesdesk calls | head`
        sys.stderr.close()
    return 0


class CommandError(Exception):
    """A message for stderr and the exit status (1: could not do it, 2: wrong usage)."""

    def __init__(self, message: str, status: int = 1):
        super().__init__(message)
        self.status = status


def run_export(args, data_dir: Path) -> int:
    try:
        return _export(args, data_dir)
    except CommandError as exc:
        return _error(str(exc), exc.status)


def _format_from_name(output: Path | None) -> str:
    """The format a file name asks for: Markdown without -o or without an extension; an
    extension SalesDesk does not write is an error, not a Markdown file under a wrong name."""
    suffix = output.suffix.lower() if output is not None else ""
    if not suffix:
        return "md"
    if suffix in CONTACT_SUFFIXES:
        return CONTACT_SUFFIXES[suffix]
    if suffix not in SUFFIX_FORMATS:
        known = ", ".join(sorted([*SUFFIX_FORMATS, *CONTACT_SUFFIXES]))
        raise CommandError(f"cannot tell the format from {output.name!r} ({known}): add --format", 2)
    return SUFFIX_FORMATS[suffix]


def _export(args, data_dir: Path) -> int:
    from salesdesk.core.export import calls_html, encode, render_text

    if args.preset:
        return _export_preset(args, data_dir)
    fmt = args.format or _format_from_name(args.output)
    if fmt == "pdf" and args.output is None:
        raise CommandError("a PDF is written to a file: add -o FILE.pdf", 2)
    call_filter = _export_filter(args)
    if fmt in CONTACT_FORMATS:
        return _export_vcards(args, data_dir, call_filter)
    calls = _select_calls(args, data_dir, fmt, call_filter)
    if fmt == "pdf":
        return _write_pdf(calls_html(calls), args.output, len(calls))
    return _deliver(encode(render_text(fmt, calls), bom=args.bom), args.output, _count(len(calls)))


def _deliver(data: bytes, output: Path | None, what: str) -> int:
    """``data`` to standard output, or written to ``output`` ("Wrote <what> to <output>.")."""
    from salesdesk.core.files import write_atomically, write_problem

    if output is None:
        return _emit(data)
    try:
        write_atomically(output, data)
    except OSError as exc:
        raise CommandError(write_problem(output, exc)) from exc
    print(f"Wrote {what} to {output}.", file=sys.stderr)
    return 0


def _export_filter(args):
    """The filter an export's options ask for; --call takes no other."""
    try:
        call_filter = _filter(args)
    except ValueError as exc:
        raise CommandError(str(exc), 2) from exc
    if args.call is not None and not call_filter.is_empty:
        raise CommandError("--call takes one call: leave out --since, --until, --contact and --outcome", 2)
    return call_filter


def _count(calls: int, what: str = "call") -> str:
    return f"{calls} {what}{'s' if calls != 1 else ''}"


def _export_preset(args, data_dir: Path) -> int:
    """The files a CRM's import tool reads (core.crm), for every call the filters take."""
    from salesdesk.core.crm import PRESETS, distinct_contacts, write_preset

    if args.format:
        raise CommandError(f"--preset {args.preset} writes its own CSV files: leave out --format", 2)
    if args.output is None:
        raise CommandError(f"--preset {args.preset} writes several files: add -o FOLDER (or -o NAME.csv)", 2)
    call_filter = _export_filter(args)
    preset = PRESETS[args.preset]
    calls = _select_calls(args, data_dir, "json", call_filter)  # "json": every call the filters take, complete
    try:
        written = write_preset(preset, calls, args.output, bom=args.bom)
    except OSError as exc:
        raise CommandError(f"cannot write {exc.filename or args.output}: {exc.strerror or exc}") from exc
    contacts = len(distinct_contacts(calls))
    print(
        f"Wrote {_count(len(calls))} and {_count(contacts, 'contact')} for {preset.title}: "
        + ", ".join(str(path) for path in written),
        file=sys.stderr,
    )
    unlinked = sum(1 for call in calls if not call.contact.email.strip())
    if unlinked and preset.key == "hubspot":
        print(f"{_count(unlinked)} without a contact e-mail: HubSpot cannot link them to a contact.", file=sys.stderr)
    return 0


def _export_vcards(args, data_dir: Path, call_filter) -> int:
    """Contacts as vCard 4.0 (core.vcard): the latest call's, the --call's, those of the calls
    the filters take, or with --all every contact."""
    from salesdesk.core.crm import distinct_contacts
    from salesdesk.core.vcard import contacts_vcards
    from salesdesk.storage.errors import StorageError

    if args.all and call_filter.is_empty:
        try:
            if not _open_existing(data_dir):
                raise CommandError("no contacts to export")
            from salesdesk.storage import CallStore

            contacts = CallStore().contacts(limit=None)
        except StorageError as exc:
            raise CommandError(str(exc)) from exc
    else:
        contacts = distinct_contacts(_select_calls(args, data_dir, "md", call_filter))
    if not contacts:
        raise CommandError("no contacts to export")
    return _deliver(contacts_vcards(contacts).encode("utf-8"), args.output, _count(len(contacts), "contact"))


def _select_calls(args, data_dir: Path, fmt: str, call_filter) -> list:
    from salesdesk.core.export import DOCUMENT_FORMATS
    from salesdesk.storage.errors import StorageError

    try:
        has_db = _open_existing(data_dir)
        from salesdesk.storage import import_export as store
        from salesdesk.storage.reader import load_calls

        if args.call is not None:
            calls = load_calls([args.call]) if has_db else []
            if not calls:
                raise CommandError(f"there is no call with id {args.call} (`salesdesk calls` lists them)")
        elif args.all or not call_filter.is_empty or fmt not in DOCUMENT_FORMATS:
            calls = store.export_calls(call_filter, for_csv=fmt == "csv") if has_db else []
        else:
            latest = store.latest_call_id() if has_db else None
            calls = load_calls([latest]) if latest is not None else []
    except StorageError as exc:
        raise CommandError(str(exc)) from exc
    if not calls and fmt in DOCUMENT_FORMATS:
        raise CommandError("no calls to export" + ("" if call_filter.is_empty else " match the filters"))
    return calls


def _write_pdf(html: str, output: Path, count: int) -> int:
    from salesdesk.pdf import html_to_pdf

    if not output.parent.is_dir():  # before the rendering, which takes a while
        raise CommandError(f"cannot write {output}: {output.parent} is not a folder")
    try:
        pages = html_to_pdf(html, output, title=output.stem)
    except OSError as exc:
        raise CommandError(f"cannot write {output}: {exc.strerror or exc}") from exc
    print(f"Wrote {_count(count)} to {output} ({pages} page{'s' if pages != 1 else ''}).", file=sys.stderr)
    return 0


def run_import(args, data_dir: Path) -> int:
    from salesdesk.config import user_playbook_dir
    from salesdesk.core.calls_file import CallsFileError, read_calls_file
    from salesdesk.core.library import load_library
    from salesdesk.storage.errors import StorageError

    started = datetime.now()
    try:
        calls = read_calls_file(args.file)
    except CallsFileError as exc:
        return _error(f"nothing was imported:\n{exc.describe()}")
    playbook_file = getattr(args, "playbook", None)
    library = load_library(user_playbook_dir(data_dir), playbook_file)
    try:
        from salesdesk.storage import init_db
        from salesdesk.storage.import_export import import_calls

        init_db(data_dir)
        result = import_calls(calls, library.playbooks)
    except StorageError as exc:
        return _error(f"nothing was imported: {exc}")
    seconds = (datetime.now() - started).total_seconds()
    print(f"{result.describe()} ({args.file}, {seconds:.1f} s)")
    return 0
