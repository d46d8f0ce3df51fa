"""Team playbooks: published by leads as immutable versions, listed and fetched by every
rep, announced to a watcher thread by NOTIFY (and found by its poll after an outage)."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import pytest

from salesdesk.team.errors import TeamError, TeamPermissionError
from salesdesk.team.playbooks import (
    fetch_playbook,
    latest_versions,
    list_published,
    listen_connection,
    publish_playbook,
    watch_playbooks,
)
from tests.team.conftest import TeamServer


def test_a_lead_publishes_versions_every_rep_can_fetch(team: TeamServer, playbook):
    newer = replace(playbook, version=f"{playbook.version}.1")
    with team.connect("lena") as lena:
        first, new = publish_playbook(lena, playbook)
        assert new and first.published_by == "lena" and first.digest == playbook.digest()
        assert publish_playbook(lena, playbook) == (first, False)  # the same content: nothing new
        second, _ = publish_playbook(lena, newer)
    with team.connect("bob") as bob:
        assert [v.version for v in list_published(bob)] == [playbook.version, newer.version]
        assert list_published(bob, after_id=first.id) == [second]
        assert latest_versions(bob) == [second]
        assert fetch_playbook(bob, second.digest) == newer
        with pytest.raises(TeamError, match="no published playbook"):
            fetch_playbook(bob, "0" * 64)
        with pytest.raises(TeamPermissionError, match="Only a team lead can publish playbooks, and bob is not one"):
            publish_playbook(bob, replace(playbook, version="bob's"))


def test_a_watcher_hears_of_a_new_version_at_once_and_catches_up_after_an_outage(team: TeamServer, playbook):
    heard: list = []
    errors: list = []
    arrived = threading.Event()
    stop = threading.Event()

    def on_new(versions):
        heard.extend(versions)
        arrived.set()

    watcher = threading.Thread(
        target=watch_playbooks,
        args=(lambda: listen_connection(team.url("alice"), password=team.passwords["alice"]), on_new, stop),
        kwargs={"poll_seconds": 600, "retry_seconds": 0.2, "on_error": errors.append},
    )
    watcher.start()
    try:
        time.sleep(0.5)  # listening (its first poll found nothing)
        with team.connect("lena") as lena:
            started = time.monotonic()
            publish_playbook(lena, playbook)
        assert arrived.wait(5), "no notification within 5 s"
        assert time.monotonic() - started < 2  # not the 600 s poll: the NOTIFY
        assert [v.digest for v in heard] == [playbook.digest()]

        arrived.clear()
        team.server.stop("fast")
        deadline = time.monotonic() + 10
        while not errors and time.monotonic() < deadline:
            time.sleep(0.05)
        assert errors, "the watcher did not notice the server had gone"
        team.server.start()
        # Published while the watcher was reconnecting: its first poll on the new connection finds it.
        with team.connect("lena") as lena:
            publish_playbook(lena, replace(playbook, version="after the outage"))
        assert arrived.wait(10)
        assert [v.version for v in heard] == [playbook.version, "after the outage"]
    finally:
        stop.set()
        watcher.join(10)
    assert not watcher.is_alive()
