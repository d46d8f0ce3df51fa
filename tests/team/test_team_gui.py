"""Team mode in the sidebar against a real server: Tools ▸ Team… joins (URL, then the
password in its own dialog, then "send your calls?"), the sidebar's team line follows the
worker, offline says so while the rep works on, and a new team playbook is offered for
the next call without touching the running one."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from salesdesk.storage import CallStore, close_db, init_db
from salesdesk.team import sync
from salesdesk.team.passwords import store_password
from salesdesk.team.reader import TeamReader
from salesdesk.ui.team.dialog import TeamDialog
from salesdesk.ui.team.feature import TeamSync
from tests.team.calls import documents_on_server, stored_calls
from tests.team.conftest import TeamServer


def _calls_here(data_dir, playbook, count: int) -> list[dict]:
    init_db(data_dir)
    try:
        return stored_calls(CallStore(), playbook, count)
    finally:
        close_db()


def _started(open_window):
    """The sidebar as the app leaves it after its first paint (when deferred work starts)."""
    window = open_window()
    window.after_first_paint()
    return window


def _in_team(team: TeamServer, login: str, data_dir) -> None:
    """This data folder joined (as `team join` leaves it), the password in the password file."""
    url = team.url(login)
    store_password(url, team.passwords[login], data_dir)
    sync.write_config(data_dir, sync.TeamConfig(url=url, login=login, joined_at=sync.now_text()))


def test_team_mode_off_shows_no_team_line_and_starts_no_worker(open_window):
    window = _started(open_window)
    team = window.features.get(TeamSync)
    assert "team" in window.actions and window.actions["team"].text() == "&Team…"
    assert team.worker is None
    assert not team.status_line.isVisible()


def test_joining_from_the_dialog_sends_the_calls_here_after_asking(  # noqa: PLR0917 (fixtures)
    team: TeamServer, data_dir, playbook, open_window, on_dialog, qtbot
):
    documents = _calls_here(data_dir, playbook, 3)
    window = open_window()
    team_sync = window.features.get(TeamSync)
    dialog = TeamDialog(team_sync, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.join_button.isVisible() and not dialog.leave_button.isVisible()
    dialog.url.setText(team.url("alice"))

    asked = []

    def say_yes(box):
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    def type_password(box):
        assert isinstance(box, QInputDialog) and box.textEchoMode() == QLineEdit.EchoMode.Password
        box.setTextValue(team.passwords["alice"])
        on_dialog(say_yes)  # the next one: armed now, so it cannot take this one
        box.accept()

    on_dialog(type_password)
    dialog.join_button.click()
    qtbot.waitUntil(
        lambda: team_sync.status_line.text() == "Team: up to date" or dialog.problem.text() not in ("", "Connecting…"),
        timeout=30_000,
    )
    assert dialog.problem.text() == ""
    assert asked == ["3 calls on this computer will be sent to the team server. Join?"]
    assert team_sync.status_line.isVisible()
    assert dialog.leave_button.isVisible() and dialog.rep.text() == "alice"
    with team.connect("alice") as alice:
        assert documents_on_server(TeamReader(alice), [d["uid"] for d in documents]) == {d["uid"]: d for d in documents}
    assert team.passwords["alice"] not in (data_dir / "settings.ini").read_text(encoding="utf-8")


def test_offline_the_sidebar_works_and_says_how_many_calls_wait(
    team: TeamServer, data_dir, playbook, open_window, qtbot
):
    _calls_here(data_dir, playbook, 3)
    _in_team(team, "alice", data_dir)
    team.server.stop()
    try:
        window = _started(open_window)
        team_sync = window.features.get(TeamSync)
        qtbot.waitUntil(lambda: team_sync.status_line.text() == "Team: offline, 3 calls waiting", timeout=30_000)
        # The rep starts a call and ticks: stored at once, the server is not waited for.
        from salesdesk.core.call import Contact

        call = window.controller.start_call(Contact("Dora Voss", "Delta"), window.library.default)
        stage = call.playbook.stages[0]
        window.controller.set_tick(stage.key, stage.checklist[0].key, True)
        assert window.controller.store.load_call(call.id).ticks
        qtbot.waitUntil(lambda: team_sync.status_line.text() == "Team: offline, 4 calls waiting", timeout=30_000)
    finally:
        team.server.start()
    team_sync.poke()
    qtbot.waitUntil(lambda: team_sync.status_line.text() == "Team: up to date", timeout=90_000)


def test_a_new_team_playbook_is_offered_for_the_next_call_not_swapped_under_this_one(  # noqa: PLR0917 (fixtures)
    team: TeamServer, data_dir, playbook, open_window, qtbot, monkeypatch
):
    from salesdesk.core.call import Contact
    from salesdesk.team.playbooks import publish_playbook

    _in_team(team, "bob", data_dir)
    window = _started(open_window)
    team_sync = window.features.get(TeamSync)
    qtbot.waitUntil(lambda: team_sync.status_line.text() == "Team: up to date", timeout=30_000)
    call = window.controller.start_call(Contact("Eli Moor", "Echo"), window.library.default)
    running_digest = call.playbook.digest()
    newer = replace(playbook, version="9.1")
    with team.connect("lena") as lena:
        publish_playbook(lena, newer)
    monkeypatch.setattr(sync, "PULL_SECONDS", 0.0)  # pull at the next sync, not a minute later
    with qtbot.waitSignal(team_sync.playbooksArrived, timeout=30_000):
        team_sync.poke()
    qtbot.waitUntil(lambda: "New team playbook: Eight-step sales call" in window.banner.label.text(), timeout=10_000)
    assert any(p.version == "9.1" for p in window.library.playbooks)
    assert window.controller.call.playbook.digest() == running_digest  # the running call keeps its own


def test_a_playbook_published_while_the_sidebar_runs_is_offered_within_seconds_by_notify(
    team: TeamServer, data_dir, playbook, open_window, qtbot
):
    import json

    from salesdesk.core.call import Contact
    from salesdesk.team.playbooks import publish_playbook

    _in_team(team, "bob", data_dir)
    window = _started(open_window)
    team_sync = window.features.get(TeamSync)
    qtbot.waitUntil(lambda: team_sync.status_line.text() == "Team: up to date", timeout=30_000)
    qtbot.waitUntil(lambda: team_sync.worker.listening, timeout=10_000)
    assert sync.PULL_SECONDS >= 60  # no timed pull can bring it within this test's few seconds
    call = window.controller.start_call(Contact("Fay Lowe", "Fjord"), window.library.default)
    running_digest = call.playbook.digest()
    with team.connect("lena") as lena:  # the lead publishes while the sidebar runs
        publish_playbook(lena, replace(playbook, version="9.2"))
    qtbot.waitUntil(lambda: "New team playbook: Eight-step sales call" in window.banner.label.text(), timeout=8_000)
    assert any(p.version == "9.2" for p in window.library.playbooks)
    assert window.controller.call.playbook.digest() == running_digest  # the running call keeps its own
    assert json.loads((data_dir / sync.CONFIG_NAME).read_text(encoding="utf-8"))["playbooks"]
    # The listening connection drops (the server ended it): the watcher says so, listens
    # again, and a version published meanwhile still arrives.
    team.admin_sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE datname = '{team.database}' AND usename = 'bob' "
        "AND (query LIKE 'LISTEN%' OR query LIKE '%FROM team_playbook WHERE id >%')"
    )
    qtbot.waitUntil(lambda: not team_sync.worker.listening, timeout=10_000)
    with team.connect("lena") as lena:
        publish_playbook(lena, replace(playbook, version="9.3"))
    qtbot.waitUntil(lambda: any(p.version == "9.3" for p in window.library.playbooks), timeout=20_000)
    assert team_sync.worker.listening


def test_the_history_window_shows_the_teams_calls_in_the_team_scope_and_says_when_offline(
    team: TeamServer, data_dir, playbook, open_window, qtbot
):
    from salesdesk.team.push import push_call
    from salesdesk.ui.history.feature import HistoryCommands

    _calls_here(data_dir, playbook, 2)
    with team.connect("bob") as bob:  # a teammate's calls, on the server only
        init_db(data_dir.parent / "bob")
        try:
            bob_documents = stored_calls(CallStore(), playbook, 3, seed=77)
            for doc in bob_documents:
                push_call(bob, doc, 1)
        finally:
            close_db()
    _in_team(team, "alice", data_dir)
    window = _started(open_window)
    team_sync = window.features.get(TeamSync)
    qtbot.waitUntil(lambda: team_sync.status_line.text() == "Team: up to date", timeout=30_000)
    history = window.features.get(HistoryCommands).show("calls")
    page = history.page("calls")
    qtbot.waitUntil(lambda: page.count.text() == "2 calls", timeout=10_000)
    assert page.scope.isVisible() and page.scope.currentText() == "Mine"
    page.scope.setCurrentIndex(page.scope.findData("team"))
    qtbot.waitUntil(lambda: page.count.text() == "5 calls", timeout=10_000)  # alice's 2 and bob's 3
    # Search, Team scope: a word only in one of bob's calls.
    search = history.page("search")
    bobs_company = bob_documents[0]["contact"]["company"]
    search.scope.setCurrentIndex(search.scope.findData("team"))
    with qtbot.waitSignal(search.shown, timeout=10_000):
        search.query.setText(bobs_company)
    assert any(hit.call.contact.company == bobs_company for hit in search.model.result.hits)
    search.scope.setCurrentIndex(search.scope.findData("mine"))
    # Insights, Team scope: every team call counted.
    insights = history.page("insights")
    insights.scope.setCurrentIndex(insights.scope.findData("team"))
    qtbot.waitUntil(lambda: insights.insights is not None and insights.insights.calls == 5, timeout=20_000)
    team.server.stop()
    try:
        page.refresh()
        qtbot.waitUntil(
            lambda: page.count.text() == "Team server not reachable; your own calls are under Mine.", timeout=30_000
        )
        assert "Cannot reach the team server" in page.count.toolTip()
        page.scope.setCurrentIndex(page.scope.findData("mine"))
        qtbot.waitUntil(lambda: page.count.text() == "2 calls", timeout=10_000)  # the rep's own views work on
    finally:
        team.server.start()


def test_last_time_shows_a_teammates_calls_with_the_same_contact(
    team: TeamServer, data_dir, playbook, open_window, qtbot
):
    from salesdesk.core.call import Contact
    from salesdesk.team.push import push_call
    from salesdesk.ui.history.last_time import LastTimePanel

    with team.connect("bob") as bob:  # bob called Hana at Helix last week (his laptop, his push)
        init_db(data_dir.parent / "bob")
        try:
            (doc,) = stored_calls(CallStore(), playbook, 1, seed=5)
            doc["contact"] = {"name": "Hana Ito", "company": "Helix", "email": "HANA@helix.example", "phone": ""}
            doc["outcome"] = "Needs decision-maker"
            push_call(bob, doc, 1)
        finally:
            close_db()
    _in_team(team, "alice", data_dir)
    window = _started(open_window)
    panel = window.features.get(LastTimePanel)
    window.controller.start_call(Contact("Hana Ito", "Helix", "hana@helix.example"), window.library.default)
    qtbot.waitUntil(lambda: panel.isVisible() and bool(panel.teammates), timeout=20_000)
    assert panel.title.text().startswith("A teammate called them: bob, ")
    assert "Teammates:" in panel.body.text() and "bob on " in panel.body.text()
    assert "Needs decision-maker" in panel.body.text()


def test_follow_ups_in_the_team_scope_list_the_teams_and_say_when_offline(
    team: TeamServer, data_dir, playbook, open_window, qtbot
):
    from salesdesk.team.push import push_call
    from salesdesk.ui.history.feature import HistoryCommands

    with team.connect("bob") as bob:  # bob's follow-up, on the server only
        init_db(data_dir.parent / "bob")
        try:
            (doc,) = stored_calls(CallStore(), playbook, 1, seed=41)
            doc["contact"] = {"name": "Ida Lund", "company": "Iris", "email": "", "phone": ""}
            doc["next_step"] = "Send the pricing sheet"
            doc["next_step_due"] = "2026-01-05"
            push_call(bob, doc, 1)
        finally:
            close_db()
    _in_team(team, "alice", data_dir)
    window = _started(open_window)
    team_sync = window.features.get(TeamSync)
    qtbot.waitUntil(lambda: team_sync.status_line.text() == "Team: up to date", timeout=30_000)
    history = window.features.get(HistoryCommands).show("follow_ups")
    page = history.page("follow_ups")
    qtbot.waitUntil(lambda: page.status.text() == "Nothing due.", timeout=10_000)  # alice has none
    assert page.scope.isVisible() and page.scope.currentText() == "Mine"
    page.scope.setCurrentIndex(page.scope.findData("team"))
    qtbot.waitUntil(lambda: page.status.text() == "1 follow-up due.", timeout=10_000)
    assert page.model.item(0).contact.name == "Ida Lund"
    assert page.model.item(0).next_step == "Send the pricing sheet"
    assert "the team's wrap-ups" in page.intro.text()
    assert not page.start_button.isEnabled()  # bob's follow-up is his to make
    team.server.stop()
    try:
        page.refresh()
        qtbot.waitUntil(
            lambda: page.status.text() == "Team server not reachable; your own calls are under Mine.", timeout=30_000
        )
        assert "Cannot reach the team server" in page.status.toolTip()
        page.scope.setCurrentIndex(page.scope.findData("mine"))
        qtbot.waitUntil(lambda: page.status.text() == "Nothing due.", timeout=10_000)  # the rep's own view works on
    finally:
        team.server.start()


def test_a_password_the_admin_changed_is_asked_for_again_without_blocking_the_call(
    team: TeamServer, data_dir, playbook, open_window, qtbot
):
    from PySide6.QtWidgets import QApplication

    from salesdesk.core.call import Contact
    from salesdesk.team.push import check_server

    _in_team(team, "alice", data_dir)
    window = _started(open_window)
    team_sync = window.features.get(TeamSync)
    qtbot.waitUntil(lambda: team_sync.status_line.text() == "Team: up to date", timeout=30_000)
    call = window.controller.start_call(Contact("Gus Hale", "Garnet"), window.library.default)
    # The admin changes alice's password; her sessions end (as at a restart or a dropped VPN).
    team.admin_sql("ALTER ROLE alice PASSWORD 'changed-by-the-admin'")
    team.admin_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'alice'")
    stage = call.playbook.stages[0]
    window.controller.set_tick(stage.key, stage.checklist[0].key, True)  # a change to push
    qtbot.waitUntil(lambda: team_sync.password_box is not None and team_sync.password_box.isVisible(), timeout=30_000)
    box = team_sync.password_box
    assert team_sync.status_line.text() == "Team: password needed (Tools ▸ Team…)"
    assert "refused the stored password" in box.labelText()
    assert not box.isModal() and QApplication.activeModalWidget() is None  # the call goes on meanwhile
    window.controller.set_tick(stage.key, stage.checklist[1].key, True)
    assert len(window.controller.store.load_call(call.id).ticks) == 2  # stored at once
    box.setTextValue("changed-by-the-admin")
    box.accept()
    qtbot.waitUntil(lambda: team_sync.status_line.text() == "Team: up to date", timeout=30_000)
    team.passwords["alice"] = "changed-by-the-admin"
    with team.connect("alice") as alice:
        (pushed,) = TeamReader(alice).load_calls([call.uid])
    assert len(pushed.ticks) == 2
    with sync.open_team(team.url("alice"), data_dir) as conn:  # the new password was kept
        assert check_server(conn) == "alice"
    # Tools ▸ Team… offers it too.
    dialog = TeamDialog(team_sync, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.password_button.isVisible()
    dialog.password_button.click()
    assert team_sync.password_box is not None and team_sync.password_box.isVisible()
    team_sync.password_box.reject()
