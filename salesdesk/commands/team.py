"""``salesdesk team init URL`` and ``salesdesk team add-rep URL LOGIN [--lead]``: the admin's
commands for the team server (docs/team-mode.md). The rep's ``team join/status/sync/leave``
come with the outbox.

Exit status: 0 when it worked, 1 when the server refused or could not be reached (the
message says why), 2 for a command line argparse does not understand.
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


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    print("salesdesk team: choose an action: init or add-rep", file=sys.stderr)
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
