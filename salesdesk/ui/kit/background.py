"""The one way to run work off the UI thread, and to hand the results back to it.

Work runs in lanes, each one long-lived Python thread doing one job at a time, in order:
"reader" for quick, interactive queries (history pages, search, follow-ups), "analyst" for
aggregates that take longer (insights), so a slow chart never delays a search, and "jobs"
for work the rep started and waits for (export, import, backups, tidying the data folder),
so a long import never delays a history page. They are plain Python threads (not
QThreadPool's) because Peewee keeps one connection per thread in thread-local storage,
which Python only keeps alive on threads it created; so each thread keeps its connection
and its SQLite page cache between queries. WAL mode lets them read while the UI thread
writes.

``run`` is for reads (a StorageError becomes its message); ``run_job`` hands the exception
itself to ``failed``. Results come back through one dispatcher QObject that lives on the UI
thread for the whole run, so a worker never touches a widget; a result whose owner has been
deleted is dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal

from salesdesk.storage.errors import StorageError

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)

READER = "reader"
ANALYST = "analyst"
JOBS = "jobs"

_executors: dict[str, ThreadPoolExecutor] = {}
_dispatchers: list[_Dispatcher] = []  # the one dispatcher, made on first use (on the UI thread)


class _Dispatcher(QObject):
    """Runs callables on the thread it lives on (the UI thread)."""

    deliver = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.deliver.connect(self._run)

    @staticmethod
    def _run(function: Callable[[], None]) -> None:
        function()


def _executor(lane: str) -> ThreadPoolExecutor:
    executor = _executors.get(lane)
    if executor is None:
        from concurrent.futures import ThreadPoolExecutor  # on first use, not at start-up

        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"salesdesk-{lane}")
        _executors[lane] = executor
    return executor


def run(
    owner: QObject,
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[str], None] | None = None,
    lane: str = READER,
) -> Future:
    """Run ``work()`` on a worker thread; then, on the UI thread, ``done(result)`` or
    ``failed(message)`` (for a StorageError), unless ``owner`` has been deleted meanwhile.

    Call from the UI thread."""

    def fail(exc: BaseException) -> None:
        if failed is None:
            return
        if isinstance(exc, StorageError):
            failed(str(exc))
        else:
            failed(QCoreApplication.translate("Background", "Unexpected error."))

    return run_job(owner, work, done, fail, lane)


def run_job(
    owner: QObject,
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[BaseException], None],
    lane: str = JOBS,
) -> Future:
    """Run ``work()`` on ``lane``'s thread; then, on the UI thread, ``done(result)`` or
    ``failed(exception)``, unless ``owner`` has been deleted meanwhile. An exception that is
    not a StorageError or an OSError is logged with its traceback too.

    Call from the UI thread."""
    if not _dispatchers:
        _dispatchers.append(_Dispatcher())
    dispatcher = _dispatchers[0]

    def job() -> None:
        try:
            result = work()
        except Exception as exc:
            if not isinstance(exc, StorageError | OSError):
                log.exception("background work failed")
            dispatcher.deliver.emit(lambda error=exc: _alive(owner) and failed(error))
            return
        dispatcher.deliver.emit(lambda: _alive(owner) and done(result))

    return _executor(lane).submit(job)


def _alive(owner: QObject) -> bool:
    return shiboken6.isValid(owner)


class Latest(QObject):
    """One kind of query whose newest request is the only one that matters (search as you
    type, a history page after a filter change). While one runs, newer requests replace each
    other; the results of superseded requests are dropped."""

    def __init__(self, parent: QObject, lane: str = READER):
        super().__init__(parent)
        self.lane = lane
        self._running = False
        self._next: tuple | None = None
        self._generation = 0

    @property
    def busy(self) -> bool:
        return self._running or self._next is not None

    def submit(
        self, work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[str], None] | None = None
    ) -> None:
        self._generation += 1
        self._next = (self._generation, work, done, failed)
        if not self._running:
            self._start_next()

    def cancel(self) -> None:
        """Drop the pending request and the result of the running one."""
        self._generation += 1
        self._next = None

    def _start_next(self) -> None:
        if self._next is None:
            return
        generation, work, done, failed = self._next
        self._next = None
        self._running = True

        def finish(outcome: tuple[bool, Any]) -> None:
            self._running = False
            ok, value = outcome
            if generation == self._generation:
                if ok:
                    done(value)
                elif failed is not None:
                    failed(value)
            self._start_next()

        run(self, work, lambda result: finish((True, result)), lambda message: finish((False, message)), self.lane)


def wait_idle(timeout: float | None = 10.0, lanes: tuple[str, ...] | None = None) -> None:
    """Block until all work submitted (to ``lanes``; None: every lane) has finished (tests,
    closing the window). Results are delivered when the event loop runs next."""
    for lane, executor in list(_executors.items()):
        if lanes is None or lane in lanes:
            executor.submit(lambda: None).result(timeout=timeout)


def close_connections() -> None:
    """Close the worker threads' database connections (before the database changes)."""
    from salesdesk.storage import close_db

    for executor in list(_executors.values()):
        executor.submit(close_db).result(timeout=10)
