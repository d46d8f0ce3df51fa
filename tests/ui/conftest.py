"""GUI fixtures: real windows on a real SQLite file in a temp dir."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from salesdesk.storage import close_db
from salesdesk.ui.app import create_window
from salesdesk.ui.kit.i18n import install_translators, remove_translators
from salesdesk.ui.sidebar.window import SidebarWindow
from tests.helpers.dialogs import when_dialog_opens
from tests.helpers.history import past  # noqa: F401  (a fixture: three ended calls)


@pytest.fixture
def open_window(qtbot, data_dir: Path) -> Callable[..., SidebarWindow]:
    """Build a sidebar on the test's data dir, as the app does at start-up, and show it."""

    def _open(playbook_file: Path | None = None) -> SidebarWindow:
        window = create_window(data_dir, playbook_file)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        window.load_playbooks()
        return window

    yield _open
    close_db()


@pytest.fixture
def german(qapp):
    """The UI in German for this test (the .qm files it loaded)."""
    loaded = install_translators("de")
    yield loaded
    remove_translators()


@pytest.fixture
def on_dialog(qtbot):
    """``on_dialog(fn)``: when the next modal dialog opens, call ``fn(dialog)``.

    ``fn`` should accept or reject the dialog; if it raises, the dialog is rejected so the
    test fails instead of hanging in the dialog's event loop. When the test ends, handlers
    still waiting stop waiting (a later test's dialog is never theirs) and the test fails:
    the dialog it was ready for never opened."""
    errors: list[BaseException] = []
    waiting: list[Callable[[QDialog], None]] = []
    state = {"open": True}

    def _arm(handler: Callable[[QDialog], None]) -> None:
        waiting.append(handler)

        def run(dialog: QDialog) -> None:
            waiting.remove(handler)
            try:
                handler(dialog)
            except BaseException as exc:
                errors.append(exc)
                dialog.reject()

        when_dialog_opens(run, still_wanted=lambda: state["open"])

    yield _arm
    state["open"] = False
    if errors:
        raise errors[0]
    if waiting:
        pytest.fail(f"{len(waiting)} dialog(s) this test waited for never opened: {waiting}")
