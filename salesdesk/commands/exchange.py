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
from salesdesk.core.formats import ALL_FORMATS, SUFFIX_FORMATS


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
        help="write calls as Markdown, text, HTML, PDF, JSON or CSV",
        description=(
            "Write calls to a file, or text formats to standard output. Without --call or --all, "
            "md, txt, html and pdf take the most recent call, json and csv take every call; "
            "--since, --until, --contact and --outcome narrow the choice."
        ),
    )
    export.add_argument(
        "--format",
        "-f",
        choices=ALL_FORMATS,
        help="md, txt, html, pdf (one document per call), json (lossless, for import) or csv "
        "(one row per call); default: from the -o file's extension (md without one)",
    )
    which = export.add_mutually_exclusive_group()
    which.add_argument("--call", type=int, metavar="ID", help="the call with this id (see `salesdesk calls`)")
    which.add_argument("--all", action="store_true", help="every call (that the filters let through)")
    _add_filters(export)
    export.add_argument("--bom", action="store_true", help="start with a UTF-8 byte order mark (for Excel)")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (required for pdf)")
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
    from salesdesk.core.export import day_filter

    if args.since and args.until and args.until < args.since:
        raise ValueError(f"--until {args.until} is before --since {args.since}")
    return day_filter(args.since, args.until, args.contact, args.outcome)


def _open_existing(data_dir: Path) -> bool:
    """Open the database if there is one (exports and lists never create it)."""
    from salesdesk.storage import init_db
    from salesdesk.storage.paths import database_path

    if not database_path(data_dir).is_file():
        return False
    init_db(data_dir)
    return True


def run_calls(args, data_dir: Path) -> int:
    from salesdesk.storage.errors import StorageError

    try:
        call_filter = _filter(args)
        if not _open_existing(data_dir):
            print(f"No calls yet in {data_dir}.", file=sys.stderr)
            return 0
        from salesdesk.storage.exchange import call_summaries

        summaries = call_summaries(call_filter, newest_first=True)
    except (StorageError, ValueError) as exc:
        return _error(str(exc))
    if args.limit is not None:
        summaries = summaries[: max(0, args.limit)]
    rows = [
        (
            str(s.id),
            s.started_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            f"{s.name} · {s.company}" if s.company else s.name,
            s.outcome or ("(still open)" if s.ended_at is None else ""),
        )
        for s in summaries
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
    if suffix not in SUFFIX_FORMATS:
        known = ", ".join(sorted(SUFFIX_FORMATS))
        raise CommandError(f"cannot tell the format from {output.name!r} ({known}): add --format", 2)
    return SUFFIX_FORMATS[suffix]


def _export(args, data_dir: Path) -> int:
    from salesdesk.core.export import calls_html, encode, render_text, write_atomically

    fmt = args.format or _format_from_name(args.output)
    if fmt == "pdf" and args.output is None:
        raise CommandError("a PDF is written to a file: add -o FILE.pdf", 2)
    try:
        call_filter = _filter(args)
    except ValueError as exc:
        raise CommandError(str(exc), 2) from exc
    if args.call is not None and not call_filter.is_empty:
        raise CommandError("--call takes one call: leave out --since, --until, --contact and --outcome", 2)
    calls = _select_calls(args, data_dir, fmt, call_filter)
    if fmt == "pdf":
        return _write_pdf(calls_html(calls), args.output, len(calls))
    data = encode(render_text(fmt, calls), bom=args.bom)
    if args.output is None:
        return _emit(data)
    try:
        write_atomically(args.output, data)
    except OSError as exc:
        raise CommandError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
    print(f"Wrote {_count(len(calls))} to {args.output}.", file=sys.stderr)
    return 0


def _count(calls: int) -> str:
    return f"{calls} call{'s' if calls != 1 else ''}"


def _select_calls(args, data_dir: Path, fmt: str, call_filter) -> list:
    from salesdesk.core.export import DOCUMENT_FORMATS
    from salesdesk.storage.errors import StorageError

    try:
        has_db = _open_existing(data_dir)
        from salesdesk.storage import exchange as store

        if args.call is not None:
            calls = store.load_calls([args.call]) if has_db else []
            if not calls:
                raise CommandError(f"there is no call with id {args.call} (`salesdesk calls` lists them)")
        elif args.all or not call_filter.is_empty or fmt not in DOCUMENT_FORMATS:
            calls = store.export_calls(call_filter, for_csv=fmt == "csv") if has_db else []
        else:
            latest = store.latest_call_id() if has_db else None
            calls = store.load_calls([latest]) if latest is not None else []
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
    from salesdesk.core.exchange import CallsFileError, read_calls_file
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
        from salesdesk.storage.exchange import import_calls

        init_db(data_dir)
        result = import_calls(calls, library.playbooks)
    except StorageError as exc:
        return _error(f"nothing was imported: {exc}")
    seconds = (datetime.now() - started).total_seconds()
    print(f"{result.describe()} ({args.file}, {seconds:.1f} s)")
    return 0
