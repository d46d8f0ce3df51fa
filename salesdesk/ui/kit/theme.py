"""Light and dark colours that follow the system (Qt's QStyleHints.colorScheme).

Where the platform style already switches (Windows 11, macOS, GNOME/KDE through the
desktop portal) this only confirms the choice; where the system says "dark" but the style
kept a light palette, SalesDesk sets a dark one itself. The few colours SalesDesk adds
(amber past a stage's time budget, message strips, cues) come from ``colors()`` so both
schemes stay readable.
"""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return window.lightness() < text.lightness()


@dataclass(frozen=True, slots=True)
class Colors:
    """Background and text pairs; each pair has a contrast ratio of at least 4.5:1."""

    warning: tuple[str, str]
    error: tuple[str, str]
    info: tuple[str, str]
    cue: tuple[str, str]
    amber: tuple[str, str]
    ok: str
    overdue: str  # text on the list background (an overdue follow-up's date)


LIGHT = Colors(
    warning=("#fff4d6", "#6b4b00"),
    error=("#fde2e1", "#8a1c14"),
    info=("#e3effd", "#1c3f6e"),
    cue=("#e6f4ea", "#124a24"),
    amber=("#ffd36b", "#3d2a00"),
    ok="#1e6b34",
    overdue="#b3261e",
)
DARK = Colors(
    warning=("#4a3a12", "#ffe4a3"),
    error=("#5a1f1c", "#ffd6d3"),
    info=("#1d3552", "#d7e8ff"),
    cue=("#173d25", "#cdf0d7"),
    amber=("#8a5a00", "#fff1cc"),
    ok="#8fd6a3",
    overdue="#ff8a80",
)


#: Contrast that small text needs against its background (WCAG 2 level AA).
READABLE = 4.5


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two opaque colours (1 to 21)."""

    def luminance(colour: QColor) -> float:
        channels = [
            v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
            for v in (colour.redF(), colour.greenF(), colour.blueF())
        ]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0 to 1) of the way to ``b``, opaque."""
    return QColor.fromRgbF(*(x + (y - x) * amount for x, y in zip(a.getRgbF()[:3], b.getRgbF()[:3], strict=True)))


def readable(colour: QColor, background: QColor, minimum: float = READABLE) -> QColor:
    """``colour`` (blended onto ``background`` if translucent), moved towards black or white,
    whichever is further from the background, just far enough to be readable on it."""
    colour = _mix(background, colour, colour.alphaF())
    target = QColor("black") if background.lightnessF() >= 0.5 else QColor("white")
    step = 0.0
    while contrast(colour, background) < minimum and step < 1.0:
        step = min(1.0, step + 0.05)
        colour = _mix(colour, target, step)
    return colour


def muted_text(palette: QPalette, selected: bool = False, on: QPalette.ColorRole = QPalette.ColorRole.Base) -> QColor:
    """Secondary text (times, where a hit was found, a playbook's name) that stays readable:
    on a selected row the selection's own text colour, elsewhere the placeholder grey, made
    readable on the background ``on`` (the fields' Base, or the Window for a label)."""
    role = QPalette.ColorRole
    if selected:
        return palette.color(role.HighlightedText)
    return readable(palette.color(role.PlaceholderText), palette.color(on))


def readable_placeholder(palette: QPalette) -> QPalette | None:
    """``palette`` with a placeholder colour (hints under fields, empty fields' prompts) that
    is readable both on the window and in a field (Fusion's half-transparent black gives
    3.9:1 on its light grey window), or None if it already is."""
    role = QPalette.ColorRole
    changed = None
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        placeholder = palette.color(group, role.PlaceholderText)
        backgrounds = (palette.color(group, role.Window), palette.color(group, role.Base))
        fixed = placeholder
        for background in backgrounds * 2:  # (a second round: one fix may undo the other)
            if contrast(_mix(background, fixed, fixed.alphaF()), background) < READABLE:
                fixed = readable(fixed, background)
        if fixed != placeholder:
            changed = changed or QPalette(palette)
            changed.setColor(group, role.PlaceholderText, fixed)
    return changed


def readable_selection(palette: QPalette) -> QPalette | None:
    """``palette`` with a selection colour its selected text is readable on (Fusion's light
    blue gives white text only 3.7:1), or None if it already is."""
    role = QPalette.ColorRole
    text = palette.color(role.HighlightedText)
    changed = None
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        highlight = palette.color(group, role.Highlight)
        if contrast(highlight, palette.color(group, role.HighlightedText)) < READABLE:
            changed = changed or QPalette(palette)
            changed.setColor(group, role.Highlight, readable(highlight, text))
    return changed


def colors(palette: QPalette | None = None) -> Colors:
    return DARK if is_dark(palette) else LIGHT


def dark_palette() -> QPalette:
    """A calm dark palette for the Fusion style (used when the style gives none)."""
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    base = {
        # Fields are a step lighter than the window, so Fusion's dark check-box outlines show.
        role.Window: "#25272a",
        role.WindowText: "#e6e6e6",
        role.Base: "#303236",
        role.AlternateBase: "#35383c",
        role.ToolTipBase: "#3a3d41",
        role.ToolTipText: "#f0f0f0",
        role.PlaceholderText: "#9a9ea4",
        role.Text: "#e6e6e6",
        role.Button: "#3a3d41",
        role.ButtonText: "#e6e6e6",
        role.BrightText: "#ff6b6b",
        role.Light: "#4a4d52",
        role.Midlight: "#3f4246",
        role.Mid: "#2f3134",
        role.Dark: "#1b1c1e",
        role.Shadow: "#000000",
        role.Highlight: "#3d6fb4",
        role.HighlightedText: "#ffffff",
        role.Link: "#8ab4f8",
        role.LinkVisited: "#c58af9",
        role.Accent: "#3d6fb4",
    }
    for r, colour in base.items():
        p.setColor(r, QColor(colour))
    for r, colour in {
        role.WindowText: "#7d8187",
        role.Text: "#7d8187",
        role.ButtonText: "#7d8187",
        role.Highlight: "#4a4d52",
        role.HighlightedText: "#b0b3b8",
    }.items():
        p.setColor(group.Disabled, r, QColor(colour))
    return p


def light_palette() -> QPalette:
    """Fusion's light palette (used when the system is dark but the rep chose light)."""
    p = QPalette()
    role = QPalette.ColorRole
    for r, colour in {
        role.Window: "#efefef",
        role.WindowText: "#000000",
        role.Base: "#ffffff",
        role.AlternateBase: "#f7f7f7",
        role.ToolTipBase: "#ffffdc",
        role.ToolTipText: "#000000",
        role.PlaceholderText: "#6b6b6b",
        role.Text: "#000000",
        role.Button: "#efefef",
        role.ButtonText: "#000000",
        role.Light: "#ffffff",
        role.Midlight: "#cacaca",
        role.Mid: "#b8b8b8",
        role.Dark: "#9f9f9f",
        role.Highlight: "#308cc6",
        role.HighlightedText: "#ffffff",
        role.Link: "#0000ff",
    }.items():
        p.setColor(r, QColor(colour))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, QColor("#8c8c8c"))
    return p


class ThemeFollower(QObject):
    """Keeps the application's palette in line with the system (or the rep's choice)."""

    changed = Signal(bool)  # dark

    def __init__(self, app: QApplication, scheme: str = "system", parent: QObject | None = None):
        super().__init__(parent)
        self.app = app
        self.scheme = scheme
        self._overridden = False
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: self.apply())
        # At once, before the first window's widgets resolve their style sheets' palette
        # colours: making them readable later would mean setting every style sheet again.
        self._make_readable()

    def _make_readable(self) -> None:
        for make_readable in (readable_selection, readable_placeholder):
            fixed = make_readable(self.app.palette())
            if fixed is not None:
                self.app.setPalette(fixed)
                self._overridden = True

    def wanted_dark(self) -> bool | None:
        """True/False for a dark/light choice; None when the system does not say."""
        if self.scheme == "dark":
            return True
        if self.scheme == "light":
            return False
        system = self.app.styleHints().colorScheme()
        if system == Qt.ColorScheme.Dark:
            return True
        if system == Qt.ColorScheme.Light:
            return False
        return None

    def set_scheme(self, scheme: str) -> None:
        self.scheme = scheme
        hints = self.app.styleHints()
        if hasattr(hints, "setColorScheme"):  # Qt 6.8+: ask the platform first
            wanted = {"dark": Qt.ColorScheme.Dark, "light": Qt.ColorScheme.Light}.get(scheme, Qt.ColorScheme.Unknown)
            hints.setColorScheme(wanted)
        self.apply()

    def apply(self) -> None:
        wanted = self.wanted_dark()
        was_dark = is_dark(self.app.palette())
        was_placeholder = self.app.palette().color(QPalette.ColorRole.PlaceholderText)
        if self._overridden:
            self.app.setPalette(QPalette())  # back to what the platform gives
            self._overridden = False
        if wanted is not None and is_dark(self.app.palette()) != wanted:
            if wanted and not self.app.style().name().lower().startswith("fusion"):
                self.app.setStyle("Fusion")  # other styles ignore a dark palette in places
            self.app.setPalette(dark_palette() if wanted else light_palette())
            self._overridden = True
        self._make_readable()
        dark = is_dark(self.app.palette())
        placeholder = self.app.palette().color(QPalette.ColorRole.PlaceholderText)
        if dark != was_dark or placeholder != was_placeholder:
            refresh_style_sheets()
        self.changed.emit(dark)


_follower: ThemeFollower | None = None


def follower(app: QApplication) -> ThemeFollower:
    """The application's one ThemeFollower (windows come and go; the palette is app-wide)."""
    global _follower  # noqa: PLW0603
    if _follower is None or not shiboken6.isValid(_follower):
        _follower = ThemeFollower(app, parent=app)
    return _follower


def refresh_style_sheets() -> None:
    """Style sheets resolve ``palette(...)`` colours once; set them again after a palette change."""
    for widget in QApplication.allWidgets():
        sheet = widget.styleSheet()
        if "palette(" in sheet:
            widget.setStyleSheet(sheet)


def pair_style(pair: tuple[str, str]) -> str:
    """A style sheet body for a background/text pair."""
    background, foreground = pair
    return f"background: {background}; color: {foreground};"
