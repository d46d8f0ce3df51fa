"""One start-up measured by bench/startup.py.

    python bench/_startup_child.py bare
    python bench/_startup_child.py sidebar

Prints the monotonic time at the first painted window, then keeps the process alive for
SETTLE_MS so that the work start-up defers past the first paint (opening the database,
reading playbook files) counts in the peak memory, as it does for a rep.
"""

import sys
import time

from PySide6.QtCore import QTimer

SETTLE_MS = 400


def report(app) -> None:
    app.processEvents()  # let the first paint happen before the clock stops
    print(f"shown {time.monotonic():.6f}", flush=True)
    QTimer.singleShot(SETTLE_MS, app.quit)


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(380, 780)
    window.show()
    QTimer.singleShot(0, lambda: report(app))
    return app.exec()


def sidebar() -> int:
    # The data folder comes from platformdirs ($XDG_DATA_HOME set by the bench), as for a rep.
    from salesdesk.cli import main

    def on_shown(window) -> None:
        from PySide6.QtWidgets import QApplication

        window.save_window_state = lambda: None  # keep every run identical
        report(QApplication.instance())

    return main([], on_shown=on_shown)


if __name__ == "__main__":
    sys.exit(bare() if sys.argv[1] == "bare" else sidebar())
