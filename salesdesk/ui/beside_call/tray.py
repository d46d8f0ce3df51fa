"""The tray icon: start a call or bring the sidebar back from anywhere.

Built after the first paint. Desktops without a system tray (some Wayland and tiling
setups, the test platform) simply get none: everything stays reachable from the window.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from salesdesk.ui.kit.api import SidebarApi
from salesdesk.ui.kit.i18n import fill
from salesdesk.ui.kit.icons import app_icon

log = logging.getLogger(__name__)


class Tray(QSystemTrayIcon):
    """The tray icon (registered in window.features once it is built)."""


def show_window(window: SidebarApi) -> None:
    """Bring the sidebar (or the compact strip) to the front with the keyboard in it."""
    widget = window.widget
    if widget.isMinimized():
        widget.showNormal()
    widget.show()
    widget.raise_()
    widget.activateWindow()


def start_call(window: SidebarApi) -> None:
    show_window(window)
    window.actions["new_call"].trigger()


def install_tray(window: SidebarApi) -> Tray | None:
    if not QSystemTrayIcon.isSystemTrayAvailable():
        log.info("no system tray on this desktop: the tray icon is left out")
        return None
    tray = Tray(app_icon(), window.widget)
    tray.setToolTip("SalesDesk")
    menu = QMenu(window.widget)
    menu.setObjectName("trayMenu")
    menu.addAction(QCoreApplication.translate("Tray", "&Start call"), lambda: start_call(window))
    menu.addAction(QCoreApplication.translate("Tray", "S&how SalesDesk"), lambda: show_window(window))
    if "compact_mode" in window.actions:
        menu.addAction(window.actions["compact_mode"])
    menu.addSeparator()
    menu.addAction(window.actions["quit"])
    tray.setContextMenu(menu)
    tray.activated.connect(lambda reason: reason == QSystemTrayIcon.ActivationReason.Trigger and show_window(window))

    def tooltip() -> None:
        call = window.controller.call
        tip = QCoreApplication.translate("Tray", "SalesDesk: call with %1")
        tray.setToolTip(fill(tip, call.contact.name) if call else "SalesDesk")

    window.controller.callChanged.connect(tooltip)
    tooltip()
    tray.show()
    return window.features.add(tray)
