"""``salesdesk reindex`` rebuilds the search index and reports problems clearly."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from salesdesk.cli import main
from salesdesk.core.call import Contact
from salesdesk.storage import CallStore, close_db, init_db
from salesdesk.storage.db import DB_FILENAME


def test_reindex_rebuilds_the_search_index(tmp_path: Path, playbook, capsys):
    data_dir = tmp_path / "data"
    init_db(data_dir)
    call = CallStore().start_call(Contact("Dana Whitfield"), playbook)
    CallStore().save_note(call.id, None, "Renewal in October", draft=False)
    close_db()
    con = sqlite3.connect(data_dir / DB_FILENAME)
    con.execute("delete from call_search")
    con.commit()
    con.close()

    assert main(["--data-dir", str(data_dir), "reindex"]) == 0
    assert capsys.readouterr().out == "Search index rebuilt: 1 call.\n"
    init_db(data_dir)
    assert [hit.call.id for hit in CallStore().history.search("october").hits] == [call.id]
    close_db()


def test_reindex_reports_a_file_that_is_not_a_database(tmp_path: Path, capsys):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / DB_FILENAME).write_text("not a database\n" * 100)
    assert main(["--data-dir", str(data_dir), "reindex"]) == 1
    assert "salesdesk reindex: " in capsys.readouterr().err
