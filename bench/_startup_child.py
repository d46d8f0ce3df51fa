"""One start-up measured by bench/startup.py: prints the monotonic time when the window is up.

python bench/_startup_child.py bare
python bench/_startup_child.py sidebar DATA_DIR
"""

import sys
import time

from PySide6.QtCore import QTimer


def report_and_quit(app) -> None:
    app.processEvents()  # let the first paint happen before the clock stops
    print(f"shown {time.monotonic():.6f}", flush=True)
    QTimer.singleShot(0, app.quit)


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(380, 780)
    window.show()
    QTimer.singleShot(0, lambda: report_and_quit(app))
    return app.exec()


def sidebar(data_dir: str) -> int:
    from salesdesk.cli import main

    def on_shown(window) -> None:
        from PySide6.QtWidgets import QApplication

        window.save_window_state = lambda: None  # keep every run identical
        report_and_quit(QApplication.instance())

    return main(["--data-dir", data_dir], on_shown=on_shown)


if __name__ == "__main__":
    sys.exit(bare() if sys.argv[1] == "bare" else sidebar(sys.argv[2]))
