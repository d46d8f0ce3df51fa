"""The app icon: PNG sizes rendered from resources/icons/salesdesk.svg by scripts/make_icons.py."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """The SalesDesk icon in every rendered size (PNG needs no image plugin)."""
    from importlib.resources import files  # after the first paint (set_app_icon)

    folder = files("salesdesk.resources") / "icons"
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(folder / f"salesdesk-{size}.png"), QSize(size, size))
    return icon


def set_app_icon() -> None:
    """Give every window the app icon. Start-up calls this after the first paint."""
    app = QApplication.instance()
    if app is not None:
        app.setWindowIcon(app_icon())
