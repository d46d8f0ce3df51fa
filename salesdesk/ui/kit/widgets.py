"""Small widgets every feature may use: the message banner, lazily built tabs, a search
field that hands the arrow keys to its result list, the time-in-stage label, the Close
keys of a secondary window, and value fields that leave the mouse wheel to the page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from salesdesk.core.call import format_duration
from salesdesk.ui.kit import theme
from salesdesk.ui.kit.i18n import fill, plural


class Banner(QFrame):
    """A calm, dismissible message strip at the top of the sidebar, with an optional button.

    A click on it leaves the keyboard where it was (the notes, as a rule): its text can be
    selected with the mouse (and copied from its menu) without taking the keyboard, and its
    buttons work with a click and are reached with Tab."""

    def __init__(self, parent=None, name: str = "banner"):
        super().__init__(parent)
        self.setObjectName(name)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # (selectable text would take it on a click)
        self.button = QPushButton()
        self.button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.button.setAutoDefault(False)
        self.button.hide()
        self._button_slot: Callable[[], object] | None = None
        self.button.clicked.connect(self._button_clicked)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.setAccessibleName(self.tr("Dismiss message"))
        close.clicked.connect(self.hide)
        close.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.close_button = close
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 4, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.setProperty("kind", "warning")
        theme.follower(QApplication.instance()).changed.connect(self._scheme_changed)
        self.hide()

    def show_message(
        self, text: str, kind: str = "warning", button: str = "", on_button: Callable[[], object] | None = None
    ) -> None:
        self.label.setText(text)
        self.setProperty("kind", kind)
        self.setAccessibleName(text)
        self.button.setText(button)
        self.button.setVisible(bool(button))
        self._button_slot = on_button
        self._restyle()
        self.show()

    def _button_clicked(self) -> None:
        if self._button_slot is not None:
            self._button_slot()

    def _restyle(self) -> None:
        palette = theme.colors()
        background, foreground = getattr(palette, str(self.property("kind")), palette.warning)
        name = self.objectName()
        self.setStyleSheet(
            f"#{name} {{ background: {background}; }} #{name} > QLabel {{ color: {foreground}; }}"
            f" #{name} > QToolButton {{ color: {foreground}; }}"
        )

    def _scheme_changed(self, _dark: bool) -> None:
        if not self.isHidden():
            self._restyle()


def close_with_keys(window: QWidget) -> None:
    """Esc and the platform's Close keys (Ctrl+W, Ctrl+F4 on Linux) close ``window``.

    QKeySequence(StandardKey.Close) holds only the first of the platform's keys (Ctrl+F4):
    the QShortcut made from the StandardKey itself listens to all of them."""
    QShortcut(QKeySequence.StandardKey.Close, window, window.close)
    QShortcut(QKeySequence(Qt.Key.Key_Escape), window, window.close)


class _WheelNeedsFocus(QObject):
    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Wheel and not watched.hasFocus():
            # Ignored and filtered out: the value stays, and Qt hands the wheel on to the
            # parents (the scroll area under the pointer scrolls, as the rep meant).
            event.ignore()
            return True
        return False


def wheel_needs_focus(field: QWidget) -> QWidget:
    """A value field (a date, a number, a list to choose from) changes on the mouse wheel
    only while it has the keyboard; otherwise the wheel scrolls the page it sits in, so
    scrolling past a field never changes it. The wheel does not give it the keyboard either
    (Qt's WheelFocus, these fields' default, would: a click or Tab does). Returns ``field``."""
    field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    field.installEventFilter(_WheelNeedsFocus(field))
    return field


class LazyTab(QWidget):
    """A tab page whose panel is built the first time it is shown (keeps start-up lean)."""

    def __init__(self, factory: Callable[[], QWidget], parent=None):
        super().__init__(parent)
        self._factory = factory
        self.panel: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> QWidget:
        if self.panel is None:
            self.panel = self._factory()
            self.layout().addWidget(self.panel)
        return self.panel

    def showEvent(self, event) -> None:
        self.ensure()
        super().showEvent(event)


class SearchField(QLineEdit):
    """Down arrow moves into the result list; Enter picks the first (or selected) result."""

    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        super().keyPressEvent(event)


class StageTimer(QLabel):
    """Time in the current stage against the playbook's budget; amber once past it."""

    def __init__(self, parent=None, *, short: bool = False):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Time in stage"))
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.short = short  # without the word "stage" (the compact strip)
        self.over = False
        self._styled: tuple[bool, bool] | None = None
        from salesdesk.ui.kit import theme

        theme.follower(QApplication.instance()).changed.connect(
            self._scheme_changed
        )  # a bound method: let go on delete

    def _scheme_changed(self, _dark: bool) -> None:
        self.set_over(self.over)

    def show_call(self, call, now) -> None:
        spent = call.stage_seconds(now)
        budget = call.stage_budget_seconds
        time = f"{format_duration(spent)} / {format_duration(budget)}" if budget else format_duration(spent)
        # "stage 03:10 / 05:00"
        self.setText(time if self.short else fill(self.tr("stage %1"), time))
        over = call.over_stage_budget(now)
        title = call.current_stage.title
        if over:
            minutes = budget // 60
            tip = plural(self.tr("Past the %n minute(s) planned for %1: time to move on?", "", minutes), minutes)
            tip = fill(tip, title)
        elif budget:
            minutes = budget // 60
            tip = fill(plural(self.tr("%1: %n minute(s) planned", "", minutes), minutes), title)
        else:
            tip = fill(self.tr("Time in %1"), title)
        self.setToolTip(tip)
        self.setAccessibleDescription(tip)
        self.set_over(over)

    def set_over(self, over: bool) -> None:
        self.over = over
        from salesdesk.ui.kit import theme

        dark = theme.is_dark()
        if self._styled == (over, dark):
            return
        self._styled = (over, dark)
        if over:
            self.setStyleSheet(
                f"QLabel {{ {theme.pair_style(theme.colors().amber)}"
                " border-radius: 3px; padding: 0 4px; font-weight: bold; }"
            )
        else:
            self.setStyleSheet("QLabel { color: palette(placeholder-text); padding: 0 4px; }")
