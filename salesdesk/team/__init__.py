"""Team mode, the server side: a team's PostgreSQL server shared by its reps.

No Qt here, and nothing of this package is imported while team mode is off (psycopg alone
costs 80 ms). The modules:

- ``connection``: libpq URLs, timeouts and keepalives, the Peewee database on psycopg 3, a
  connection that died is closed and opened again; ``passwords``: keyring or password file.
- ``schema``: the team schema on the server (tables, roles, row-level security), its
  versions and migrations; ``add_rep``.
- ``push``: ``push_call``, one whole call per server transaction, idempotent by uid and
  revision. ``playbooks``: publishing, listing and fetching team playbooks, and a watcher
  for new versions (LISTEN/NOTIFY with a poll behind it).
- ``tables``, ``search``, ``reader``: the same history, search and insights queries as
  locally (storage/history.py), run on the server.

docs/team-mode.md describes the design.
"""
