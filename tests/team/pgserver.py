"""A real, throwaway PostgreSQL server for the team tests and bench/team.py.

``PostgresServer`` runs initdb and pg_ctl in a private temporary folder and listens on a
Unix socket there only (``listen_addresses=''``: no TCP port, so it cannot clash with
another server on this machine). initdb refuses to run as root, so under root every
server program runs as the ``postgres`` user (``runuser``), and the folder is given to it.
pg_ctl always writes to a log file (``-l``): with its output captured instead it waits for
the server's output to end, which is never.

Authentication: the bootstrap superuser ``ADMIN`` logs in without a password (trust, on
the socket only); every other role needs its password (scram-sha-256), as on a real
server, so the tests use the same password paths a rep does.

The server can be stopped (``mode="immediate"`` is a crash) and started again mid-test.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

ADMIN = "salesdesk_admin"
PORT = 5432  # the socket's name; nothing listens on TCP


@dataclass
class PostgresServer:
    bin_dir: Path
    root: Path
    run_as: str | None = None  # the user the server programs run as (None: this one)

    @classmethod
    def create(cls, bin_dir: Path, **settings: str) -> PostgresServer:
        run_as = None
        if os.geteuid() == 0:
            run_as = "postgres"
            try:
                pwd.getpwnam(run_as)
            except KeyError as exc:
                raise RuntimeError("running as root, and there is no 'postgres' user to run PostgreSQL as") from exc
        root = Path(tempfile.mkdtemp(prefix="sd-pg-"))  # short: a socket path has at most 107 bytes
        if run_as is not None:
            entry = pwd.getpwnam(run_as)
            os.chown(root, entry.pw_uid, entry.pw_gid)
        root.chmod(0o755)
        server = cls(bin_dir, root, run_as)
        server._initdb(settings)
        server.start()
        return server

    # ------------------------------------------------------------------ paths and URLs

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    def url(self, database: str = "postgres", user: str = ADMIN, password: str | None = None) -> str:
        """A libpq URL for the socket (the socket folder goes in ``host=``)."""
        credentials = quote(user, safe="") + (f":{quote(password, safe='')}" if password else "")
        return f"postgresql://{credentials}@/{quote(database, safe='')}?host={quote(str(self.socket_dir))}&port={PORT}"

    # ------------------------------------------------------------------ running it

    def _run(self, *args: str | Path, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(a) for a in args]
        if self.run_as is not None:
            command = ["runuser", "-u", self.run_as, "--", *command]
        return subprocess.run(
            command, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=check, timeout=120, cwd=self.root
        )

    def _initdb(self, settings: dict[str, str]) -> None:
        self._run(
            self.bin_dir / "initdb",
            "-D",
            self.data,
            "-U",
            ADMIN,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        (self.data / "pg_hba.conf").write_text(
            f"local all {ADMIN} trust\nlocal all all scram-sha-256\n", encoding="utf-8"
        )
        config = {
            "listen_addresses": "''",
            "unix_socket_directories": f"'{self.socket_dir}'",
            "port": str(PORT),
            # A test server: losing it in a power cut costs nothing, and fsyncs cost seconds.
            # (synchronous_commit stays on: a commit is in the WAL when the client hears of
            # it, so a crash of the server, ``stop("immediate")``, loses no committed work.)
            "fsync": "off",
            "full_page_writes": "off",
            "max_connections": "100",
            **settings,
        }
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n# salesdesk tests\n" + "".join(f"{key} = {value}\n" for key, value in config.items()))

    def start(self) -> None:
        self._run(self.bin_dir / "pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        """``fast``: a clean shutdown; ``immediate``: the server dies as in a crash."""
        self._run(self.bin_dir / "pg_ctl", "-D", self.data, "-m", mode, "-w", "-t", "60", "stop")

    @property
    def running(self) -> bool:
        return self._run(self.bin_dir / "pg_ctl", "-D", self.data, "status", check=False).returncode == 0

    def destroy(self) -> None:
        if self.data.exists() and self.running:
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    # ------------------------------------------------------------------ psql

    def psql(
        self, sql: str, *, database: str, user: str = ADMIN, password: str | None = None, check: bool = False
    ) -> subprocess.CompletedProcess:
        """Run ``sql`` with plain psql (no SalesDesk code in between), stopping at the first error."""
        env = {**os.environ, "PGPASSWORD": password or "", "PGCONNECT_TIMEOUT": "10"}
        return subprocess.run(
            [str(self.bin_dir / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-d", self.url(database, user)],
            input=sql,
            capture_output=True,
            text=True,
            env=env,
            check=check,
            timeout=60,
        )

    def admin_sql(self, sql: str, database: str = "postgres") -> str:
        result = self.psql(sql, database=database)
        if result.returncode != 0:
            raise RuntimeError(f"psql failed: {result.stderr.strip()}")
        return result.stdout.strip()

    def create_database(self, name: str) -> None:
        self.admin_sql(f'CREATE DATABASE "{name}"')

    def drop_database(self, name: str) -> None:
        """Drop the database and every role but the bootstrap superuser (roles belong to the
        whole server, so each test starts without reps, groups or their grants)."""
        self.admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        roles = self.admin_sql(f"SELECT rolname FROM pg_roles WHERE rolname !~ '^pg_' AND rolname <> '{ADMIN}'")
        for role in filter(None, roles.splitlines()):
            self.admin_sql(f'DROP ROLE "{role}"')
