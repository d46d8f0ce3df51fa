"""Help ▸ About: version, the data folder (and the button that opens it), the licence; the app icon."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication

from salesdesk import __version__
from salesdesk.ui.about.feature import AboutDialog


class UrlCatcher(QObject):
    """Stands in for the desktop's file manager: QDesktopServices hands it file:// URLs."""

    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_f1_opens_about_with_version_data_folder_and_licence(qtbot, open_window, on_dialog, data_dir: Path):
    window = open_window()
    about = window.actions["about"]
    assert window.menus["tools"].actions()[-1] is about  # the foot of the last menu
    assert about.shortcut() == QKeySequence("F1")
    assert window.menuBar().actions()[-1] is window.menus["tools"].menuAction()
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    seen = {}

    def check(dialog: AboutDialog):
        seen["version"] = dialog.version.text()
        seen["folder"] = dialog.data_path.text()
        qtbot.mouseClick(dialog.open_folder, Qt.MouseButton.LeftButton)
        assert not dialog.licence_view.isVisible()
        qtbot.mouseClick(dialog.show_licence, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(dialog.licence_view.isVisible)
        seen["licence"] = dialog.licence_view.toPlainText()
        seen["runtime"] = dialog.runtime.text()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    try:
        on_dialog(check)
        qtbot.keyClick(window, Qt.Key.Key_F1)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert seen["version"] == f"Version {__version__}"
    assert seen["folder"] == str(data_dir)
    assert [url.toLocalFile() for url in catcher.urls] == [str(data_dir)]
    assert seen["licence"].lstrip().startswith("GNU GENERAL PUBLIC LICENSE")
    assert "Version 3, 29 June 2007" in seen["licence"]
    assert "Python package" in seen["runtime"]  # not frozen: this is the source run
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # the keyboard is back


def test_about_says_so_when_no_file_manager_opens(qtbot, tmp_path: Path, monkeypatch):
    dialog = AboutDialog(tmp_path / "not-yet-created")
    qtbot.addWidget(dialog)
    dialog.show()
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)
    qtbot.mouseClick(dialog.open_folder, Qt.MouseButton.LeftButton)
    assert (tmp_path / "not-yet-created").is_dir()  # created, so there is something to show
    assert dialog.open_problem.isVisible()
    assert "Select the path above" in dialog.open_problem.text()


def test_window_icon_is_set_after_the_first_paint(qapp, tmp_path: Path):
    from salesdesk.cli import main
    from salesdesk.storage import close_db
    from salesdesk.ui.kit.appicon import ICON_SIZES

    qapp.setWindowIcon(QIcon())
    at_first_paint = {}

    def on_shown(window):
        at_first_paint["icon"] = qapp.windowIcon().isNull()
        # Close once the queued start-up work (database, playbooks, icon) has run.
        QTimer.singleShot(0, lambda: QTimer.singleShot(0, window.close))

    try:
        assert main(["--data-dir", str(tmp_path / "data")], on_shown=on_shown) == 0
    finally:
        close_db()
    assert at_first_paint == {"icon": True}  # nothing spent on it before the sidebar shows
    sizes = sorted(size.width() for size in qapp.windowIcon().availableSizes())
    assert sizes == sorted(ICON_SIZES)
