"""SVG icons, sharp at any scale, drawn in the palette's text colour (light or dark).

The files are in ``resources/icons``. Monochrome icons use ``currentColor``; it is replaced
by the current palette colour each time the icon is drawn, so a theme change needs no
reload. QtSvg is imported here only, and only when an icon is first drawn (never on the
start-up path).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QImage, QPainter, QPalette, QPixmap

#: Icons drawn as they are (not recoloured).
COLOURED = frozenset({"salesdesk"})


@cache
def svg_bytes(name: str) -> bytes:
    return (files("salesdesk.resources") / "icons" / f"{name}.svg").read_bytes()


class SvgIconEngine(QIconEngine):
    def __init__(self, name: str):
        super().__init__()
        self.name = name

    def _svg(self, mode: QIcon.Mode) -> bytes:
        data = svg_bytes(self.name)
        if self.name in COLOURED:
            return data
        palette = QGuiApplication.palette()
        group = QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else QPalette.ColorGroup.Active
        role = QPalette.ColorRole.HighlightedText if mode == QIcon.Mode.Selected else QPalette.ColorRole.ButtonText
        return data.replace(b"currentColor", palette.color(group, role).name().encode("ascii"))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        from PySide6.QtSvg import QSvgRenderer

        renderer = QSvgRenderer(QByteArray(self._svg(mode)))
        renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        renderer.render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return QPixmap.fromImage(image)

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self.name)

    def key(self) -> str:
        return "salesdesk-svg"


def icon(name: str) -> QIcon:
    """The icon ``name`` (a file in resources/icons, without .svg)."""
    return QIcon(SvgIconEngine(name))


def app_icon() -> QIcon:
    return icon("salesdesk")
