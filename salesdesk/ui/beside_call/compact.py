"""Compact mode: the sidebar shrinks to a strip beside the video call.

The strip shows the stage, the next unticked checklist item, the time in the stage (amber
past its budget) and the palette key. It stays on top, at the opacity the rep chose, and
snaps to the left or right edge of the screen when dropped. All of that is remembered
(settings.ini) and restored at the next start. Every sidebar shortcut keeps working: it is
the same window, only its contents change.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QActionGroup, QGuiApplication, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QMenu, QSizePolicy, QToolButton, QVBoxLayout

from salesdesk.core.bidi import isolate
from salesdesk.core.call import utcnow
from salesdesk.ui.kit.api import CompactView, SidebarApi
from salesdesk.ui.kit.i18n import fill
from salesdesk.ui.kit.icons import icon
from salesdesk.ui.kit.widgets import StageTimer

COMPACT_WIDTH = 360
#: Extra height the strip takes while the command palette is open in it.
PALETTE_ROOM = 430
DEFAULT_TOP = 80
OPACITY_STEPS = (100, 90, 80, 70, 60, 50)


class CompactStrip(QFrame):
    def __init__(self, window: SidebarApi, mode: CompactMode, parent=None):
        super().__init__(parent)
        self.window_ = window
        self.mode = mode
        self.controller = window.controller
        self.setObjectName("compactStrip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Compact strip"))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.stage = QLabel()
        self.stage.setTextFormat(Qt.TextFormat.PlainText)
        self.stage.setAccessibleName(self.tr("Stage"))
        font = self.stage.font()
        font.setBold(True)
        self.stage.setFont(font)
        self.stage.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.timer = StageTimer(short=True)
        self.next_item = QLabel()
        self.next_item.setTextFormat(Qt.TextFormat.PlainText)
        self.next_item.setAccessibleName(self.tr("Next checklist item"))
        self.next_item.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        actions = window.actions
        self.palette_button = QToolButton()
        self.palette_button.setIcon(icon("palette"))
        palette_keys = actions["palette"].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.palette_button.setText(palette_keys)
        self.palette_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.palette_button.setToolTip(actions["palette"].toolTip())
        self.palette_button.setAccessibleName(fill(self.tr("Command palette (%1)"), palette_keys))
        self.palette_button.setAutoRaise(True)
        self.palette_button.clicked.connect(actions["palette"].trigger)

        self.menu = QMenu(self)
        opacity_menu = self.menu.addMenu(self.tr("&Opacity"))
        self.opacity_group = QActionGroup(self)
        for percent in OPACITY_STEPS:
            action = opacity_menu.addAction(f"{percent} %")
            action.setCheckable(True)
            action.setData(percent)
            self.opacity_group.addAction(action)
        self.opacity_group.triggered.connect(lambda action: setattr(window.prefs, "compact_opacity", action.data()))
        self.menu.addAction(self.tr("Snap to the &left edge"), lambda: mode.snap("left"))
        self.menu.addAction(self.tr("Snap to the &right edge"), lambda: mode.snap("right"))
        self.menu.addSeparator()
        if "settings" in actions:
            self.menu.addAction(actions["settings"])
        self.menu.addAction(actions["compact_mode"])
        self.menu.aboutToShow.connect(self._sync_menu)
        self.menu_button = QToolButton()
        self.menu_button.setIcon(icon("menu"))
        self.menu_button.setMenu(self.menu)
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_button.setAutoRaise(True)
        self.menu_button.setToolTip(self.tr("Opacity, screen edge, back to the sidebar"))
        self.menu_button.setAccessibleName(self.tr("Strip options"))
        self.menu_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")

        self.expand_button = QToolButton()
        self.expand_button.setIcon(icon("expand"))
        self.expand_button.setAutoRaise(True)
        keys = actions["compact_mode"].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.expand_button.setToolTip(fill(self.tr("Back to the full sidebar (%1)"), keys))
        self.expand_button.setAccessibleName(self.tr("Back to the full sidebar"))
        self.expand_button.clicked.connect(lambda: actions["compact_mode"].setChecked(False))

        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(self.stage, 1)
        top.addWidget(self.timer)
        top.addWidget(self.menu_button)
        top.addWidget(self.expand_button)
        bottom = QHBoxLayout()
        bottom.setSpacing(4)
        bottom.addWidget(self.next_item, 1)
        bottom.addWidget(self.palette_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 2, 2, 2)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addLayout(bottom)

        self._drag_offset: QPoint | None = None
        self._ticker = QTimer(self, interval=1000)
        self._ticker.timeout.connect(self.refresh_timer)
        c = self.controller
        c.callChanged.connect(self.refresh)
        c.stageChanged.connect(lambda _key: self.refresh())
        c.tickChanged.connect(lambda *_args: self.refresh())
        self.refresh()

    # ------------------------------------------------------------------ content

    def refresh(self) -> None:
        call = self.controller.call
        if call is None:
            self._stage_text = self.tr("No call")
            keys = self.window_.actions["new_call"].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            self._next_text = fill(self.tr("%1 starts a call"), keys)
            self.timer.hide()
            self._ticker.stop()
        else:
            stage = call.current_stage
            self._stage_text = f"{call.stage_index + 1}/{len(call.playbook.stages)}  {isolate(stage.title)}"
            item = call.next_unticked()
            self._next_text = (
                fill(self.tr("Next: %1"), item.text) if item else self.tr("Checklist done for this stage ✓")
            )
            self.timer.show()
            self.refresh_timer()
            if self.isVisible():
                self._ticker.start()
        self.stage.setToolTip(self._stage_text)
        self.next_item.setToolTip(self._next_text)
        self.next_item.setAccessibleDescription(self._next_text)
        self._elide()

    def refresh_timer(self) -> None:
        call = self.controller.call
        if call is not None:
            self.timer.show_call(call, utcnow())

    def _elide(self) -> None:
        metrics = self.stage.fontMetrics()
        self.stage.setText(metrics.elidedText(self._stage_text, Qt.TextElideMode.ElideRight, self.stage.width()))
        metrics = self.next_item.fontMetrics()
        self.next_item.setText(metrics.elidedText(self._next_text, Qt.TextElideMode.ElideRight, self.next_item.width()))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.controller.call is not None:
            self._ticker.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._ticker.stop()

    def _sync_menu(self) -> None:
        current = self.window_.prefs.compact_opacity
        for action in self.opacity_group.actions():
            action.setChecked(action.data() == current)

    # ------------------------------------------------------------------ dragging

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        window = self.window_.widget
        if QGuiApplication.platformName().startswith("wayland") and window.windowHandle() is not None:
            window.windowHandle().startSystemMove()  # Wayland places windows itself: no snapping
            return
        self._drag_offset = event.globalPosition().toPoint() - window.frameGeometry().topLeft()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_offset is not None:
            self.window_.widget.move(event.globalPosition().toPoint() - self._drag_offset)
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_offset is not None:
            self._drag_offset = None
            self.mode.snap_nearest()
        else:
            super().mouseReleaseEvent(event)


class CompactMode(QObject):
    """Switches the sidebar window between its full layout and the strip."""

    def __init__(self, window: SidebarApi):
        super().__init__(window.widget)
        self.api = window
        self.window = window.widget  # the Qt window whose geometry, flags and opacity change
        self.prefs = window.prefs
        self.active = False
        self.strip: CompactStrip | None = None
        self._normal_geometry: QByteArray | None = None
        self._normal_flags = self.window.windowFlags()
        self._room = False
        self._focus = None
        self.prefs.changed.connect(self._pref_changed)
        for banner in window.banners:
            banner.installEventFilter(self)

    def _strip(self) -> CompactStrip:
        if self.strip is None:
            self.strip = CompactStrip(self.api, self)
            # Held at the top while the palette makes the window taller.
            self.api.add_to_top(self.strip, hold_at_top=True)
            self.strip.hide()
        return self.strip

    def normal_geometry(self) -> QByteArray | None:
        """The full sidebar's geometry while the strip shows (what to save and restore)."""
        return self._normal_geometry if self.active else None

    def set_active(self, on: bool) -> None:
        if on:
            self.enter()
        else:
            self.leave()

    def enter(self) -> None:
        if self.active:
            return
        w = self.window
        self._close_palette()
        self._normal_geometry = w.saveGeometry()
        self._normal_flags = w.windowFlags()
        self._focus = QApplication.focusWidget()  # given back when the full sidebar returns
        strip = self._strip()
        self.api.show_full_view(False)
        strip.show()
        strip.refresh()
        self.active = True
        self.api.apply_window_flags(
            self._normal_flags | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        w.setWindowOpacity(self.prefs.compact_opacity / 100)
        self.fit()
        self.snap()
        self.prefs.compact = True

    def leave(self) -> None:
        if not self.active:
            return
        w = self.window
        self._close_palette()
        self.active = False
        self._room = False
        if self.strip is not None:
            self.strip.hide()
        self.api.show_full_view(True)
        on_top = self.api.actions["always_on_top"].isChecked()
        flags = self._normal_flags & ~Qt.WindowType.FramelessWindowHint & ~Qt.WindowType.WindowStaysOnTopHint
        self.api.apply_window_flags(flags | Qt.WindowType.WindowStaysOnTopHint if on_top else flags)
        w.setWindowOpacity(1.0)
        w.setMinimumHeight(0)
        w.setMaximumHeight(16_777_215)
        if self._normal_geometry is not None:
            w.restoreGeometry(self._normal_geometry)
        self._normal_geometry = None
        focus, self._focus = self._focus, None
        if focus is not None and shiboken6.isValid(focus) and focus.window() is w:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.prefs.compact = False

    def _close_palette(self) -> None:
        from salesdesk.ui.beside_call.palette import CommandPalette

        palette = self.api.features.find(CommandPalette)
        if palette is not None:
            palette.close_palette(restore_focus=False)

    # ------------------------------------------------------------------ size and place

    def strip_height(self) -> int:
        strip = self._strip()
        extra = 0
        for banner in self.api.banners:
            if banner.isVisibleTo(self.window):
                # Its message wraps: as tall as the lines need at the strip's width.
                hint = banner.sizeHint().height()
                extra += max(hint, banner.heightForWidth(COMPACT_WIDTH)) if banner.hasHeightForWidth() else hint
        return strip.sizeHint().height() + extra

    def palette_top(self) -> int:
        return self.strip_height() + 4

    def fit(self) -> None:
        height = self.strip_height() + (PALETTE_ROOM if self._room else 0)
        self.window.setMinimumHeight(0)
        self.window.setFixedHeight(height)
        self.window.resize(COMPACT_WIDTH, height)

    def make_room(self) -> None:
        """Grow downwards (or upwards at the bottom of the screen) for the palette."""
        if not self.active or self._room:
            return
        self._room = True
        self.window.setWindowOpacity(1.0)  # the palette is read, not glanced at
        self.fit()
        area = self._screen().availableGeometry()
        frame = self.window.frameGeometry()
        if frame.bottom() > area.bottom():
            self.window.move(frame.left(), max(area.top(), area.bottom() - frame.height() + 1))

    def release_room(self) -> None:
        if not self.active or not self._room:
            return
        self._room = False
        self.window.setWindowOpacity(self.prefs.compact_opacity / 100)
        self.fit()
        self.snap()

    def _screen(self):
        for screen in QGuiApplication.screens():
            if screen.name() == self.prefs.compact_screen:
                return screen
        return self.window.screen() or QGuiApplication.primaryScreen()

    def snap(self, side: str | None = None, top: int | None = None) -> None:
        """Put the strip against the ``side`` edge of the screen's work area, ``top`` pixels down."""
        w = self.window
        screen = self._screen()
        area = screen.availableGeometry()
        side = side or self.prefs.compact_side
        if top is None:
            top = self.prefs.compact_top
        if top is None:
            top = DEFAULT_TOP
        frame = w.frameGeometry()
        width, height = max(frame.width(), w.width()), max(frame.height(), w.height())
        top = min(max(0, top), max(0, area.height() - height))
        x = area.left() if side == "left" else area.left() + area.width() - width
        w.move(x, area.top() + top)
        self.prefs.compact_side = side
        self.prefs.compact_top = top
        self.prefs.compact_screen = screen.name()

    def snap_nearest(self) -> None:
        """After a drag: to the nearer edge of the screen it was dropped on, at that height."""
        w = self.window
        frame = w.frameGeometry()
        screen = QGuiApplication.screenAt(frame.center()) or self._screen()
        self.prefs.compact_screen = screen.name()
        area = screen.availableGeometry()
        side = "left" if frame.center().x() < area.center().x() else "right"
        self.snap(side, frame.top() - area.top())

    # ------------------------------------------------------------------ reacting

    def _pref_changed(self, name: str) -> None:
        if name == "compact_opacity" and self.active and not self._room:
            self.window.setWindowOpacity(self.prefs.compact_opacity / 100)
        elif name == "compact_side" and self.active:
            frame = self.window.frameGeometry()
            area = self._screen().availableGeometry()
            expected = area.left() if self.prefs.compact_side == "left" else area.right() - frame.width() + 1
            if frame.left() != expected:
                self.snap(self.prefs.compact_side)

    def eventFilter(self, watched, event) -> bool:
        # A message (an error, the qualification reminder) in compact mode: grow to show it,
        # shrink when it goes.
        if self.active and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            QTimer.singleShot(0, self.fit)
        return False


def compact_mode_for(window: SidebarApi) -> CompactMode:
    """The window's compact mode, made on first use (the window asks it as a CompactView)."""
    mode = window.features.find(CompactMode)
    if mode is None:
        mode = window.features.add(CompactMode(window), CompactView)
    return mode
