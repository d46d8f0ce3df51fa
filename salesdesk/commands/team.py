"""``salesdesk team init URL`` and ``salesdesk team add-rep URL LOGIN [--lead]``: the admin's
commands for the team server (docs/team-mode.md); ``team join URL``, ``status``, ``sync`` and
``leave``: the rep's (salesdesk/team/sync.py).

Exit status: 0 when it worked, 1 when the server refused or could not be reached (the
message says why; nothing local is lost), 2 for a command line argparse does not understand.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub) -> None:
    parser = sub.add_parser(
        "team",
        help="set up a team server (PostgreSQL) and add reps",
        description="Team mode: a team's PostgreSQL server shares playbooks and call history. "
        "URL is a PostgreSQL URL, e.g. postgresql://admin@db.example.com:5432/sales?sslmode=verify-full. "
        "A password is taken from $PGPASSWORD, the PostgreSQL password file or the system keyring, "
        "or asked for.",
    )
    parser.set_defaults(run=lambda _args, _dir: _usage(parser))
    commands = parser.add_subparsers(dest="team_command", metavar="ACTION")

    init = commands.add_parser(
        "init",
        help="create or upgrade the team schema on the server (admin)",
        description="Create the team schema (tables, the roles salesdesk_rep and salesdesk_lead, row-level "
        "security) in the database of URL, or upgrade it to this SalesDesk's version. Run it as a role that may "
        "create schemas, roles and extensions there. Running it again changes nothing.",
    )
    init.add_argument("url", metavar="URL")
    init.set_defaults(run=run_init)

    add = commands.add_parser(
        "add-rep",
        help="create a login for a rep (or a lead) on the team server (admin)",
        description="Create the login role LOGIN for a rep (or, with --lead, a team lead who may publish "
        "playbooks). A generated password is printed once, unless --password-stdin gives one.",
    )
    add.add_argument("url", metavar="URL")
    add.add_argument("login", metavar="LOGIN")
    add.add_argument("--lead", action="store_true", help="a team lead (may publish playbooks)")
    add.add_argument("--password-stdin", action="store_true", help="read the new login's password from standard input")
    add.set_defaults(run=run_add_rep)

    join = commands.add_parser(
        "join",
        help="join a team: this laptop's calls go to the team server, team playbooks come here",
        description="Join the team on URL (your rep URL, as `team add-rep` printed it). The password is asked "
        "for (or read with --password-stdin) and kept in the system keyring or a private password file in the "
        "data folder, never in settings.ini. Calls already on this laptop are pushed to the team: you are "
        "asked first, unless --yes.",
    )
    join.add_argument("url", metavar="URL")
    join.add_argument("--yes", action="store_true", help="push the calls already here without asking")
    join.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    join.set_defaults(run=run_join)

    status = commands.add_parser("status", help="the team server, your login, calls waiting, last push, last error")
    status.set_defaults(run=run_status)

    sync = commands.add_parser(
        "sync",
        help="push the calls waiting for the team now and pull team playbooks",
        description="Push every call changed since the team server last had it, and pull the team's "
        "playbooks. Exits 1 with the reason when the server cannot be reached; the calls keep waiting here.",
    )
    sync.set_defaults(run=run_sync)

    leave = commands.add_parser(
        "leave",
        help="leave the team: stop pushing, forget the password (your calls stay here and on the server)",
    )
    leave.set_defaults(run=run_leave)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    print("salesdesk team: choose an action: init, add-rep, join, status, sync or leave", file=sys.stderr)
    return 2


def connect(url: str, data_dir: Path | None, *, purpose: str = "rep"):
    """A TeamConnection to URL, with the stored password (keyring, or the password file in
    the data folder, or libpq's own); asks for one on a terminal when the server wants it."""
    from salesdesk.team.connection import TeamConnection, parse_url
    from salesdesk.team.errors import TeamAuthError
    from salesdesk.team.passwords import lookup_password, passfile_path

    parse_url(url)  # a bad URL is reported before anything else
    password = lookup_password(url)
    passfile = passfile_path(data_dir) if data_dir is not None and passfile_path(data_dir).is_file() else None
    try:
        return TeamConnection.open(url, password=password, passfile=passfile, purpose=purpose)
    except TeamAuthError as exc:
        if password is not None or not sys.stdin.isatty() or "asks for a password" not in str(exc):
            raise
    import getpass

    from salesdesk.team.connection import describe_target

    typed = getpass.getpass(f"Password for {describe_target(parse_url(url))}: ")
    return TeamConnection.open(url, password=typed, passfile=passfile, purpose=purpose)


def rep_url(url: str, login: str) -> str:
    """The URL a rep uses: the admin's server, database and TLS settings, the rep's login."""
    from urllib.parse import quote, urlencode

    from salesdesk.team.connection import parse_url

    params = parse_url(url)
    host = params.get("host", "")
    query = {k: v for k, v in params.items() if k in {"sslmode", "sslrootcert", "target_session_attrs"}}
    netloc = quote(login, safe="") + "@"
    if host and not host.startswith("/"):
        netloc += f"[{host}]" if ":" in host else host
        if params.get("port"):
            netloc += f":{params['port']}"
    elif host:
        query = {"host": host, **({"port": params["port"]} if params.get("port") else {}), **query}
    text = f"postgresql://{netloc}/{quote(params.get('dbname', ''), safe='')}"
    return text + ("?" + urlencode(query, safe="/") if query else "")


def run_init(args, data_dir: Path) -> int:
    from salesdesk.team import schema
    from salesdesk.team.errors import TeamError

    try:
        with connect(args.url, data_dir, purpose="admin") as conn:
            result = schema.init_schema(conn)
            print(result.describe(conn.where))
    except TeamError as exc:
        print(f"salesdesk team init: {exc}", file=sys.stderr)
        return 1
    return 0


def run_add_rep(args, data_dir: Path) -> int:
    from salesdesk.team import schema
    from salesdesk.team.errors import TeamError

    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            print("salesdesk team add-rep: no password on standard input; nothing was changed.", file=sys.stderr)
            return 1
    try:
        schema.check_login(args.login)
        with connect(args.url, data_dir, purpose="admin") as conn:
            password = schema.add_rep(conn, args.login, lead=args.lead, password=password)
            where = conn.where
    except TeamError as exc:
        print(f"salesdesk team add-rep: {exc}", file=sys.stderr)
        return 1
    role = "lead" if args.lead else "rep"
    print(f"Added {role} {args.login} to the team on {where.split('@', 1)[1]}.")
    if not args.password_stdin:
        print(f"Password (shown only now; give it to {args.login}): {password}")
    print(f"Their team URL: {rep_url(args.url, args.login)}")
    return 0


def run_publish(args, data_dir: Path) -> int:
    """``salesdesk playbook publish NAME --url URL`` (registered by commands/playbook.py)."""
    from salesdesk.commands.playbook import find_one, library_for
    from salesdesk.team.errors import TeamError
    from salesdesk.team.playbooks import publish_playbook

    library = library_for(args, data_dir)
    playbook = find_one(library, args.name)
    if playbook is None:
        return 1
    try:
        with connect(args.url, data_dir) as conn:
            version, new = publish_playbook(conn, playbook)
    except TeamError as exc:
        print(f"salesdesk playbook publish: {exc}", file=sys.stderr)
        return 1
    what = f"{playbook.label} (digest {version.digest[:12]})"
    if new:
        print(f"Published {what} for the team; reps get it for their next call.")
    else:
        print(f"{what} was already published by {version.published_by} on {version.published_at:%Y-%m-%d}.")
    return 0


# --------------------------------------------------------------------------- the rep's commands


def _open_local(data_dir: Path) -> None:
    from salesdesk.storage import init_db

    init_db(data_dir)


def _not_joined(command: str) -> int:
    print(
        f"salesdesk team {command}: this data folder is not in a team; join one with `salesdesk team join URL`.",
        file=sys.stderr,
    )
    return 1


def _ask(question: str) -> bool:
    print(question + " [y/N] ", end="", flush=True)
    answer = sys.stdin.readline().strip().casefold()
    return answer in {"y", "yes"}


def run_join(args, data_dir: Path) -> int:
    from salesdesk.storage import close_db, outbox
    from salesdesk.storage.errors import StorageError
    from salesdesk.team import sync
    from salesdesk.team.connection import parse_url
    from salesdesk.team.errors import TeamAuthError, TeamError
    from salesdesk.team.passwords import store_password

    try:
        if sync.read_config(data_dir) is not None:
            current = sync.read_config(data_dir)
            print(
                f"salesdesk team join: this data folder is already in the team on {current.url}; "
                "`salesdesk team leave` first.",
                file=sys.stderr,
            )
            return 1
        params = parse_url(args.url)
        password = None
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\r\n") or None
        try:
            conn = sync.open_team(args.url, data_dir, password=password)
        except TeamAuthError as exc:
            if password is not None or not sys.stdin.isatty() or "asks for a password" not in str(exc):
                raise
            import getpass

            from salesdesk.team.connection import describe_target

            password = getpass.getpass(f"Password for {describe_target(params)}: ")
            conn = sync.open_team(args.url, data_dir, password=password)
        with conn:
            from salesdesk.team.push import check_server

            login = check_server(conn)
            _open_local(data_dir)
            try:
                waiting = outbox.pending_count()
                if waiting and not args.yes:
                    if not sys.stdin.isatty():
                        print(
                            f"salesdesk team join: {waiting} calls on this laptop would go to the team; "
                            "run again with --yes to push them (nothing was changed).",
                            file=sys.stderr,
                        )
                        return 1
                    if not _ask(f"Push the {waiting} calls on this laptop to the team on {conn.where}?"):
                        print("Not joined; nothing was changed.")
                        return 1
                where = store_password(args.url, password, data_dir) if password is not None else None
                config = sync.TeamConfig(url=args.url, login=login, joined_at=sync.now_text())
                sync.write_config(data_dir, config)
                print(f"Joined the team on {conn.where} as {login}." + (f" Password kept in {where}." if where else ""))
                return _sync_now(conn, data_dir, config, "join")
            finally:
                close_db()
    except (TeamError, StorageError) as exc:
        print(f"salesdesk team join: {exc}", file=sys.stderr)
        return 1


def _sync_now(conn, data_dir: Path, config, command: str) -> int:
    """Push what is pending and pull playbooks; the status file says how it went."""
    from salesdesk.storage import outbox
    from salesdesk.team import sync
    from salesdesk.team.errors import TeamError

    status = sync.read_status(data_dir)
    status.last_attempt = sync.now_text()
    try:
        report = sync.sync_once(conn)
        if report.pushed:
            status.last_push = sync.now_text()
        pulled = sync.pull_playbooks(conn, data_dir, config)
    except TeamError as exc:
        status.state = "offline" if type(exc).__name__ == "TeamUnavailableError" else "error"
        status.last_error = str(exc)
        status.pending = outbox.pending_count()
        sync.write_status(data_dir, status)
        print(
            f"salesdesk team {command}: {exc} {status.pending} calls wait here and are pushed later; nothing was lost.",
            file=sys.stderr,
        )
        return 1
    status.pending = outbox.pending_count()
    status.state = "up to date" if not status.pending and not report.failed else "error"
    status.last_error = "; ".join(report.failed.values())
    sync.write_status(data_dir, status)
    written = report.pushed - report.unchanged
    print(
        f"Pushed {written} calls to the team"
        + (f" ({report.unchanged} it already had)" if report.unchanged else "")
        + "."
    )
    for name in pulled:
        print(f"Team playbook {name!r} is here for your next call.")
    for call_id, why in report.failed.items():
        print(f"salesdesk team {command}: call {call_id} was not pushed: {why}", file=sys.stderr)
    return 1 if report.failed else 0


def run_status(args, data_dir: Path) -> int:
    from salesdesk.storage import close_db, outbox
    from salesdesk.storage.errors import StorageError
    from salesdesk.team import sync
    from salesdesk.team.connection import describe_target, parse_url
    from salesdesk.team.errors import TeamError

    try:
        config = sync.read_config(data_dir)
        if config is None:
            print("Team mode is off: this data folder is not in a team (`salesdesk team join URL`).")
            return 0
        status = sync.read_status(data_dir)
        _open_local(data_dir)
        try:
            pending = outbox.pending_count()
        finally:
            close_db()
    except (TeamError, StorageError) as exc:
        print(f"salesdesk team status: {exc}", file=sys.stderr)
        return 1
    rows = [
        ("Server", describe_target(parse_url(config.url))),
        ("Rep", config.login),
        ("Pending calls", str(pending)),
        ("Last push", status.last_push or "never"),
        ("Last error", status.last_error or "none"),
        ("Team playbooks", ", ".join(sorted(p["name"] for p in config.playbooks.values())) or "none yet"),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label + ':':<{width + 1}} {value}")
    return 0


def run_sync(args, data_dir: Path) -> int:
    from salesdesk.storage import close_db, outbox
    from salesdesk.storage.errors import StorageError
    from salesdesk.team import sync
    from salesdesk.team.errors import TeamError

    try:
        config = sync.read_config(data_dir)
        if config is None:
            return _not_joined("sync")
        _open_local(data_dir)
        try:
            try:
                conn = sync.open_team(config.url, data_dir)
            except TeamError as exc:
                status = sync.read_status(data_dir)
                status.state = "offline" if type(exc).__name__ == "TeamUnavailableError" else "error"
                status.last_error, status.last_attempt = str(exc), sync.now_text()
                status.pending = outbox.pending_count()
                sync.write_status(data_dir, status)
                print(
                    f"salesdesk team sync: {exc} {status.pending} calls wait here and are pushed later; "
                    "nothing was lost.",
                    file=sys.stderr,
                )
                return 1
            with conn:
                return _sync_now(conn, data_dir, config, "sync")
        finally:
            close_db()
    except (TeamError, StorageError) as exc:
        print(f"salesdesk team sync: {exc}", file=sys.stderr)
        return 1


def run_leave(args, data_dir: Path) -> int:
    from salesdesk.storage import close_db, outbox
    from salesdesk.storage.errors import StorageError
    from salesdesk.team import sync
    from salesdesk.team.errors import TeamError
    from salesdesk.team.passwords import forget_password

    try:
        config = sync.read_config(data_dir)
        if config is None:
            return _not_joined("leave")
        _open_local(data_dir)
        try:
            outbox.forget_pushes()  # another team has none of them
        finally:
            close_db()
        forget_password(config.url, data_dir)
        sync.config_path(data_dir).unlink(missing_ok=True)
        (data_dir / sync.STATUS_NAME).unlink(missing_ok=True)
    except (TeamError, StorageError, OSError) as exc:
        print(f"salesdesk team leave: {exc}", file=sys.stderr)
        return 1
    print(
        f"Left the team on {config.url}. Your calls stay on this laptop (and those pushed stay on the team "
        "server); team playbooks stay in your playbook folder."
    )
    return 0
