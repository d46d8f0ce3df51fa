"""Tools ▸ About SalesDesk: version, where the data lives (with a button to open it), licence."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from salesdesk import __version__
from salesdesk.config import APP_NAME
from salesdesk.ui.kit.api import SidebarApi
from salesdesk.ui.kit.i18n import fill

LICENCE_NAME = "GPL-3.0-or-later"
LICENCE_URL = "https://www.gnu.org/licenses/gpl-3.0.html"


def install(window: SidebarApi) -> None:
    # At the foot of Tools rather than in a Help menu of its own: an eighth menu title would
    # not fit the 320 px sidebar. F1 opens it from anywhere.
    window.menu("tools", QCoreApplication.translate("PlaybookMenu", "&Tools")).addSeparator()
    window.add_action(
        "about",
        fill(QCoreApplication.translate("AboutDialog", "&About %1"), APP_NAME),
        "F1",
        lambda: show_about(window),
        menu="tools",
        tip=QCoreApplication.translate("AboutDialog", "Version, data folder and licence"),
    )


def show_about(window: SidebarApi) -> None:
    window.run_dialog(AboutDialog(window.data_dir, window.widget))


def licence_text() -> str | None:
    """The full GPL text shipped with this copy of SalesDesk, or None if it is not there.

    Installed packages and the bundles carry it in the package metadata (a PyInstaller build
    copies that metadata); a source checkout has it at the top of the tree."""
    from importlib import metadata

    try:
        text = metadata.distribution("salesdesk").read_text("licenses/LICENSE")
    except metadata.PackageNotFoundError:
        text = None
    if text:
        return text
    checkout = Path(__file__).resolve().parents[3] / "LICENSE"
    return checkout.read_text(encoding="utf-8") if checkout.is_file() else None


def runtime_summary() -> str:
    """What support needs to know: Python, Qt and PySide6 versions, and how SalesDesk runs."""
    import PySide6
    from PySide6.QtCore import qVersion

    # Left in English: support reads it, whatever language the rep uses.
    how = "installer bundle" if getattr(sys, "frozen", False) else "Python package"
    python = ".".join(map(str, sys.version_info[:3]))
    return f"Python {python} · Qt {qVersion()} · PySide6 {PySide6.__version__} · {how}"


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent=None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.setWindowTitle(fill(self.tr("About %1"), APP_NAME))

        from salesdesk.ui.kit.appicon import app_icon

        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        name = QLabel(APP_NAME)
        font = name.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.Bold)
        name.setFont(font)
        self.version = QLabel(fill(self.tr("Version %1"), __version__))
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        blurb = QLabel(self.tr("Your sales playbook, checklist and notes beside every call."))
        blurb.setWordWrap(True)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(name)
        heading.addWidget(self.version)
        heading.addSpacing(6)
        heading.addWidget(blurb)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(logo)
        top.addLayout(heading, 1)

        data_box = QGroupBox(self.tr("Your data"))
        data_intro = QLabel(self.tr("Calls, notes, settings and your own playbooks stay on this computer, in:"))
        data_intro.setWordWrap(True)
        self.data_path = QLabel(str(self.data_dir))
        self.data_path.setWordWrap(True)
        self.data_path.setTextFormat(Qt.TextFormat.PlainText)
        self.data_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_path.setToolTip(self.tr("Select the path to copy it"))
        self.open_folder = QPushButton(self.tr("&Open data folder"))
        self.open_folder.setToolTip(self.tr("Show the folder in your file manager"))
        self.open_folder.clicked.connect(self.open_data_folder)
        self.open_problem = QLabel()
        self.open_problem.setWordWrap(True)
        self.open_problem.hide()
        data_layout = QVBoxLayout(data_box)
        data_layout.addWidget(data_intro)
        data_layout.addWidget(self.data_path)
        data_layout.addWidget(self.open_folder, 0, Qt.AlignmentFlag.AlignLeft)
        data_layout.addWidget(self.open_problem)

        self.licence_box = licence_box = QGroupBox(self.tr("Licence"))
        licence = QLabel(
            fill(
                self.tr(
                    "%1 is free software: you may share and change it under the GNU General Public "
                    "License, version 3 or any later version (%2). It comes with no warranty."
                ),
                APP_NAME,
                LICENCE_NAME,
            )
        )
        licence.setWordWrap(True)
        self.show_licence = QPushButton(self.tr("Show &licence text"))
        self.show_licence.setCheckable(True)
        self.show_licence.toggled.connect(self._toggle_licence)
        self.licence_view = QPlainTextEdit()
        self.licence_view.setReadOnly(True)
        # The GPL is laid out for 80 columns of fixed-width text: show it as written.
        self.licence_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.licence_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        columns = self.licence_view.fontMetrics().horizontalAdvance("M" * 80)
        self.licence_view.setMinimumSize(columns + self.licence_view.verticalScrollBar().sizeHint().width() + 12, 260)
        self.licence_view.hide()
        licence_layout = QVBoxLayout(licence_box)
        licence_layout.addWidget(licence)
        licence_layout.addWidget(self.show_licence, 0, Qt.AlignmentFlag.AlignLeft)
        licence_layout.addWidget(self.licence_view, 1)

        self.runtime = QLabel(runtime_summary())
        self.runtime.setWordWrap(True)
        self.runtime.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.runtime.setEnabled(False)  # drawn dimmed: for support, not for everyday reading

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 14)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(data_box)
        layout.addWidget(licence_box)
        layout.addStretch(1)  # takes spare height while the licence text is hidden
        layout.addWidget(self.runtime)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def open_data_folder(self) -> None:
        from salesdesk.core.files import make_private_dir

        with contextlib.suppress(OSError):  # a folder that cannot be made: the file manager says so
            make_private_dir(self.data_dir)
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir))):
            self.open_problem.hide()
        else:
            self.open_problem.setText(self.tr("No file manager could be started. Select the path above to copy it."))
            self.open_problem.show()

    def _toggle_licence(self, shown: bool) -> None:
        if shown and not self.licence_view.toPlainText():
            text = licence_text()
            self.licence_view.setPlainText(
                text
                or fill(
                    self.tr("The licence text is missing from this copy of %1. Read it at %2."), APP_NAME, LICENCE_URL
                )
            )
        self.licence_view.setVisible(shown)
        self.layout().setStretchFactor(self.licence_box, 1 if shown else 0)
        self.show_licence.setText(self.tr("Hide &licence text") if shown else self.tr("Show &licence text"))
        self.adjustSize()
