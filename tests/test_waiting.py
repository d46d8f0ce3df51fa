"""The suite's own rule for waiting, checked: listen for a signal before starting what sends it.

A test that starts a job and only then enters ``qtbot.waitSignal`` misses the signal whenever
the job finishes first (a busy machine), and fails with "Signal not emitted". With the
listener as a ``with`` block around the action, that cannot happen; so every ``waitSignal``
must be used that way, and its block must do something (an empty block means the action
came before it). Where no signal can be listened for in time, wait with ``qtbot.waitUntil``
on the state the job leaves behind."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
WAITS = {"waitSignal", "waitSignals"}


def _is_wait(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WAITS


def _does_nothing(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Pass) or (
        isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
    )


def late_listeners(source: str, filename: str = "<test>") -> list[str]:
    """Each ``waitSignal`` in ``source`` that is not a ``with`` block around the action."""
    tree = ast.parse(source, filename)
    problems = []
    as_context = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.With | ast.AsyncWith):
            continue
        for item in node.items:
            if _is_wait(item.context_expr):
                as_context.add(id(item.context_expr))
                if all(_does_nothing(statement) for statement in node.body):
                    problems.append(f"{filename}:{node.lineno}: waitSignal with nothing inside: start the job in it")
    for node in ast.walk(tree):
        if _is_wait(node) and id(node) not in as_context:
            problems.append(f"{filename}:{node.lineno}: waitSignal outside a with block: use it around the action")
    return problems


def test_every_wait_for_a_signal_is_entered_before_the_action():
    problems = []
    for path in sorted(TESTS.rglob("*.py")):
        problems += late_listeners(path.read_text(encoding="utf-8"), str(path.relative_to(TESTS.parent)))
    assert problems == []


def test_the_check_finds_a_listener_entered_after_the_job_started():
    started_first = (
        "def test(qtbot, window):\n"
        "    job = start_backup(window)\n"
        "    with qtbot.waitSignal(job.signals.finished, timeout=10_000):\n"
        "        pass\n"
    )
    blocker_later = (
        "def test(qtbot, job):\n    blocker = qtbot.waitSignal(job.done)\n    job.start()\n    blocker.wait()\n"
    )
    listening_first = "def test(qtbot, job):\n    with qtbot.waitSignal(job.done):\n        job.start()\n"
    assert late_listeners(started_first) == ["<test>:3: waitSignal with nothing inside: start the job in it"]
    assert late_listeners(blocker_later) == ["<test>:2: waitSignal outside a with block: use it around the action"]
    assert late_listeners(listening_first) == []
