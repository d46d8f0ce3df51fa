"""``salesdesk playbook list | show NAME | validate FILE | import FILE | export NAME [-o FILE] | publish NAME``.

Exit status: 0 when it worked, 1 when a playbook has problems or cannot be found, 2 for a
command line argparse does not understand.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

NAME_HELP = "the playbook's name, its file name, or a part of its name no other playbook has (any case)"


def register(sub) -> None:
    parser = sub.add_parser(
        "playbook",
        help="list, show, check, import and export playbooks",
        description="Work with playbook files: the built-in ones and your own (kept in the data folder).",
    )
    parser.set_defaults(run=lambda _args, _dir: _usage(parser))
    commands = parser.add_subparsers(dest="playbook_command", metavar="ACTION")

    listing = commands.add_parser("list", help="list the playbooks new calls can use")
    listing.set_defaults(run=run_list)

    show = commands.add_parser("show", help="print a playbook's stages, checklists, objections and closes")
    show.add_argument("name", metavar="NAME", help=NAME_HELP)
    show.set_defaults(run=run_show)

    validate = commands.add_parser(
        "validate",
        help="check playbook files; prints every problem as file:line: field: message",
        description="Check playbook files. Every problem is printed as FILE:LINE: FIELD: MESSAGE on stderr; "
        "the exit status is 1 if any file has a problem.",
    )
    validate.add_argument("files", metavar="FILE", nargs="+", type=Path)
    validate.set_defaults(run=run_validate)

    imp = commands.add_parser(
        "import",
        help="copy a playbook file into your playbooks (checked first: a file with a problem is not imported)",
    )
    imp.add_argument("file", metavar="FILE", type=Path)
    imp.add_argument("--replace", action="store_true", help="replace your playbook of the same name")
    imp.set_defaults(run=run_import)

    export = commands.add_parser("export", help="write a playbook to a file (or to standard output)")
    export.add_argument("name", metavar="NAME", help=NAME_HELP)
    export.add_argument("-o", "--output", metavar="FILE", type=Path, help="write here instead of standard output")
    export.set_defaults(run=run_export)

    publish = commands.add_parser(
        "publish",
        help="publish a playbook for the team (team leads; see `salesdesk team`)",
        description="Publish a playbook on the team server as an immutable version; every rep gets it for "
        "their next call. Only a team lead may publish.",
    )
    publish.add_argument("name", metavar="NAME", help="the playbook's name (or its file name)")
    publish.add_argument("--url", required=True, metavar="URL", help="the team server (a PostgreSQL URL)")
    publish.set_defaults(run=_run_publish)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    print("salesdesk playbook: choose an action: list, show, validate, import, export or publish", file=sys.stderr)
    return 2


def _run_publish(args, data_dir: Path) -> int:
    from salesdesk.commands.team import run_publish

    return run_publish(args, data_dir)


def _emit(data: str | bytes) -> None:
    """Write to standard output; a reader that stops early (``| head``) is not an error."""
    try:
        if isinstance(data, str):
            data = data.encode(sys.stdout.encoding or "utf-8", "replace")
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would report the broken pipe again when it flushes stdout at exit.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def library_for(args, data_dir: Path):
    from salesdesk.config import user_playbook_dir
    from salesdesk.core.library import load_library

    return load_library(user_playbook_dir(data_dir), getattr(args, "playbook", None))


def report_broken(library) -> None:
    for error in library.errors:
        print(f"salesdesk: this playbook file was skipped:\n{error.describe()}", file=sys.stderr)


def _origin(library, playbook) -> str:
    if library.is_builtin(playbook):
        return "built-in"
    return playbook.source or "?"


def find_one(library, name: str):
    """The one playbook NAME means (every subcommand that takes a NAME asks here): its whole
    name, its file name or a part of its name that only it has. Else a message and None."""
    matches = library.lookup(name)
    if not matches:
        known = ", ".join(repr(p.name) for p in library.playbooks)
        print(f"salesdesk: no playbook called {name!r}. Known playbooks: {known}.", file=sys.stderr)
        return None
    if len({p.name for p in matches}) < len(matches):  # the same name in two files
        places = "; ".join(f"{p.label} in {_origin(library, p)}" for p in matches)
        print(f"salesdesk: {name!r} matches more than one playbook ({places}); use its file name.", file=sys.stderr)
        return None
    if len(matches) > 1:
        lines = "".join(f"\n  {p.name}  ({_origin(library, p)})" for p in matches)
        print(f"salesdesk: {name!r} matches {len(matches)} playbooks; give more of the name:{lines}", file=sys.stderr)
        return None
    return matches[0]


def run_list(args, data_dir: Path) -> int:
    library = library_for(args, data_dir)
    rows = [("NAME", "VERSION", "LANGUAGE", "STAGES", "FROM")]
    for playbook in library.playbooks:
        origin = _origin(library, playbook)
        if library.builtin_named(playbook.name) is not None and not library.is_builtin(playbook):
            origin += "  (your version of the built-in one)"
        rows.append((playbook.name, playbook.version, playbook.language, str(len(playbook.stages)), origin))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
    report_broken(library)
    return 0


def run_show(args, data_dir: Path) -> int:
    library = library_for(args, data_dir)
    playbook = find_one(library, args.name)
    if playbook is None:
        return 1
    _emit(describe_playbook(playbook, _origin(library, playbook)) + "\n")
    return 0


def describe_playbook(playbook, origin: str = "") -> str:
    """A readable outline of a playbook for the terminal."""
    wrap = textwrap.TextWrapper(width=100)
    out = [f"{playbook.name}, version {playbook.version} (language: {playbook.language})"]
    if origin:
        out.append(f"from: {origin}")
    if playbook.description:
        out.append("")
        out.extend(wrap.fill(paragraph) for paragraph in playbook.description.split("\n"))
    if playbook.qualification:
        out += ["", "Qualification"]
        out += [f"  {name}: {prompt}" for name, prompt in playbook.qualification.items()]
    out += ["", "Stages"]
    for number, stage in enumerate(playbook.stages, start=1):
        minutes = f", {stage.minutes} min" if stage.minutes else ""
        out.append(f"  {number}. {stage.title}  [{stage.key}{minutes}]")
        if stage.goal:
            out.append(f"     {stage.goal}")
        out += [f"     [ ] {item.text}  [{item.key}]" for item in stage.checklist]
        for question in stage.questions:
            out.append(f"     ?  {question.text}  [{question.key}]")
            if question.hint:
                out.append(f"        hint: {question.hint}")
    if playbook.objections:
        out += ["", "Objections"]
    for objection in playbook.objections:
        out.append(f"  - {objection.title}  [{objection.key}]")
        if objection.triggers:
            out.append(f"    heard as: {', '.join(objection.triggers)}")
        out += [f"    > {line}" for line in objection.rebuttals]
        if objection.why:
            out.append(f"    why it works: {objection.why}")
    if playbook.closes:
        out += ["", "Closing techniques"]
    for close in playbook.closes:
        out.append(f"  - {close.title}  [{close.key}]")
        if close.summary:
            out.append(f"    {close.summary}")
        out += [f"    > {line}" for line in close.examples]
    return "\n".join(out)


def run_validate(args, _data_dir: Path) -> int:
    from salesdesk.core.playbook import PlaybookError
    from salesdesk.core.playbook_check import load_playbook

    failed = 0
    for path in args.files:
        try:
            playbook = load_playbook(path)
        except PlaybookError as exc:
            failed += 1
            print(exc.describe(), file=sys.stderr)
            continue
        print(
            f"{path}: OK: {playbook.label}, {len(playbook.stages)} stages, "
            f"{len(playbook.objections)} objections, {len(playbook.closes)} closing techniques"
        )
    if failed:
        print(f"salesdesk: {failed} of {len(args.files)} file(s) have problems", file=sys.stderr)
    return 1 if failed else 0


def run_import(args, data_dir: Path) -> int:
    from salesdesk.config import user_playbook_dir
    from salesdesk.core.library import PlaybookConflictError, import_playbook
    from salesdesk.core.playbook import PlaybookError

    try:
        result = import_playbook(args.file, user_playbook_dir(data_dir), replace=args.replace)
    except PlaybookError as exc:
        print(exc.describe(), file=sys.stderr)
        print(f"salesdesk: {args.file} was not imported: fix the problems above first.", file=sys.stderr)
        return 1
    except PlaybookConflictError as exc:
        print(f"salesdesk: not imported: {exc}. Use --replace to replace it.", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"salesdesk: could not write the playbook: {exc}", file=sys.stderr)
        return 1
    message = f"Imported {result.playbook.label} as {result.path}"
    if result.replaced is not None:
        message += f" (replacing version {result.replaced.version})"
    if result.shadows is not None:
        message += "; it takes the place of the built-in playbook of that name"
    print(message)
    return 0


def run_export(args, data_dir: Path) -> int:
    from salesdesk.core.files import write_atomically
    from salesdesk.core.playbook import PlaybookError
    from salesdesk.core.playbook_check import parse_playbook, read_playbook_bytes
    from salesdesk.core.playbook_toml import checked_dump

    library = library_for(args, data_dir)
    playbook = find_one(library, args.name)
    if playbook is None:
        return 1
    # The file as it is, comments and all, if it still holds this playbook; else a fresh copy.
    try:
        data = read_playbook_bytes(playbook.source)
        if parse_playbook(data, playbook.source) != playbook:
            raise PlaybookError(playbook.source, [])
    except PlaybookError:
        data = checked_dump(playbook).encode("utf-8")
    if args.output is None:
        _emit(data)
        return 0
    try:
        write_atomically(args.output, data, shared=True)  # for handing on: the usual permissions
    except OSError as exc:
        print(f"salesdesk: could not write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"Exported {playbook.label} to {args.output}")
    return 0
