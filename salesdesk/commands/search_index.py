"""``salesdesk reindex``: rebuild the full-text search index from the calls."""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    parser = sub.add_parser(
        "reindex",
        help="rebuild the search index from the stored calls",
        description="Rebuild the full-text search index (History > Search all calls…) from every stored call. "
        "SalesDesk keeps the index up to date by itself; this repairs it after outside changes.",
    )
    parser.set_defaults(run=run_reindex)


def run_reindex(_args, data_dir: Path) -> int:
    from peewee import DatabaseError

    from salesdesk.storage import StorageError, close_db, init_db, search
    from salesdesk.storage.guard import describe_db_error

    try:
        init_db(data_dir)
        count = search.rebuild()
    except StorageError as exc:
        print(f"salesdesk reindex: {exc}", file=sys.stderr)
        return 1
    except DatabaseError as exc:  # locked by another program, disk full: a message, not a traceback
        print(f"salesdesk reindex: {describe_db_error(exc)}", file=sys.stderr)
        return 1
    finally:
        close_db()
    print(f"Search index rebuilt: {count:,} call{'s' if count != 1 else ''}.")
    return 0
