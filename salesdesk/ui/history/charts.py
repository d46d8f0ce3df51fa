"""Small charts drawn with QPainter.

Qt Charts would need the PySide6 Addons wheel (hundreds of MB, see the README); the few
charts SalesDesk shows are bars, which take a page of painting code. The data a chart shows
is kept in plain attributes (``categories``, ``series``, ``rows``) so tests can check it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

#: Colours for well-known outcomes, so "Won" is the same green in every chart.
OUTCOME_COLOURS = {
    "Won": "#2e7d32",
    "Meeting booked": "#1565c0",
    "Follow-up scheduled": "#42a5f5",
    "Proposal sent": "#7e57c2",
    "Needs decision-maker": "#f9a825",
    "Not now": "#8d6e63",
    "Lost": "#c62828",
    "No answer": "#9e9e9e",
    "Other": "#bdbdbd",
    "(none)": "#e0e0e0",
}
PALETTE = ("#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#00838f", "#ad1457", "#5d4037", "#9e9d24")


def colour_for(name: str, index: int) -> QColor:
    return QColor(OUTCOME_COLOURS.get(name, PALETTE[index % len(PALETTE)]))


def nice_step(maximum: float, lines: int = 4) -> float:
    """A round grid step (1, 2 or 5 times a power of ten) giving about ``lines`` lines."""
    if maximum <= 0:
        return 1.0
    raw = maximum / lines
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


@dataclass(frozen=True)
class Series:
    name: str
    colour: QColor
    values: list[float]


class _Chart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.empty_text = self.tr("No calls in this range.")

    def sizeHint(self) -> QSize:
        return QSize(420, 220)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 160)

    def _muted(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.PlaceholderText)

    def _draw_empty(self, painter: QPainter) -> None:
        painter.setPen(self._muted())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), self.empty_text)


class BarChart(_Chart):
    """Vertical bars, one group per category; several series are stacked."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.format_value: Callable[[float], str] = lambda v: f"{v:g}"

    def set_data(
        self, categories: list[str], series: list[Series], format_value: Callable[[float], str] | None = None
    ) -> None:
        self.categories, self.series = list(categories), list(series)
        if format_value is not None:
            self.format_value = format_value
        self.setAccessibleDescription(
            "; ".join(
                f"{category}: " + ", ".join(f"{s.name} {self.format_value(s.values[i])}" for s in self.series)
                for i, category in enumerate(self.categories)
            )
        )
        self.update()

    def totals(self) -> list[float]:
        return [sum(s.values[i] for s in self.series) for i in range(len(self.categories))]

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        totals = self.totals()
        if not self.categories or not any(totals):
            self._draw_empty(painter)
            return
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        legend_height = self._draw_legend(painter, metrics) if len(self.series) > 1 else 0
        step = nice_step(max(totals))
        top_value = step * math.ceil(max(totals) / step)
        axis_width = max(metrics.horizontalAdvance(self.format_value(step * i)) for i in range(5)) + 6
        plot = QRectF(axis_width, legend_height + line / 2, self.width() - axis_width - 4, 0)
        plot.setBottom(self.height() - line - 6)
        grid = self._muted()
        grid.setAlpha(70)
        value = 0.0
        while value <= top_value + 1e-9:
            y = plot.bottom() - plot.height() * value / top_value
            painter.setPen(grid)
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(self._muted())
            painter.drawText(
                QRectF(0, y - line / 2, axis_width - 4, line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                self.format_value(value),
            )
            value += step
        slot = plot.width() / len(self.categories)
        bar = max(1.0, slot * 0.7)
        painter.setPen(Qt.PenStyle.NoPen)
        for index in range(len(self.categories)):
            x = plot.left() + slot * index + (slot - bar) / 2
            bottom = plot.bottom()
            for series in self.series:
                height = plot.height() * series.values[index] / top_value
                if height > 0:
                    painter.setBrush(series.colour)
                    painter.drawRect(QRectF(x, bottom - height, bar, height))
                    bottom -= height
        # Category labels: as many as fit without overlapping.
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        widest = max(metrics.horizontalAdvance(c) for c in self.categories) + 8
        every = max(1, math.ceil(widest / slot))
        for index in range(0, len(self.categories), every):
            centre = plot.left() + slot * (index + 0.5)
            left = min(max(0.0, centre - widest / 2), self.width() - widest)  # keep the edge labels whole
            painter.drawText(
                QRectF(left, plot.bottom() + 3, widest, line),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                self.categories[index],
            )

    def _draw_legend(self, painter: QPainter, metrics: QFontMetrics) -> int:
        x, y = 4, 2
        line = metrics.height()
        for series in self.series:
            width = 12 + 4 + metrics.horizontalAdvance(series.name) + 12
            if x + width > self.width() and x > 4:
                x, y = 4, y + line + 2
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(series.colour)
            painter.drawRect(QRectF(x, y + (line - 10) / 2, 10, 10))
            painter.setPen(self.palette().color(QPalette.ColorRole.Text))
            painter.drawText(QRectF(x + 14, y, width, line), int(Qt.AlignmentFlag.AlignVCenter), series.name)
            x += width
        return y + line + 4


class HBarChart(_Chart):
    """Horizontal bars with their labels on the left: one row per item. A row may have a
    ``part`` (drawn darker, e.g. how many of the objections were handled)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        #: (label, total, part or None)
        self.rows: list[tuple[str, float, float | None]] = []
        self.colour = QColor(PALETTE[0])
        self.part_colour = QColor(PALETTE[2])
        self.describe: Callable[[float, float | None], str] = lambda total, _part: f"{total:g}"

    def set_rows(
        self,
        rows: list[tuple[str, float, float | None]],
        describe: Callable[[float, float | None], str] | None = None,
    ) -> None:
        self.rows = list(rows)
        if describe is not None:
            self.describe = describe
        self.setAccessibleDescription("; ".join(f"{label}: {self.describe(t, p)}" for label, t, p in self.rows))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        line = QFontMetrics(self.font()).height()
        return QSize(420, max(120, len(self.rows) * (line + 8) + 8))

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.rows or not any(total for _, total, _ in self.rows):
            self._draw_empty(painter)
            return
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        label_width = min(self.width() * 0.4, max(metrics.horizontalAdvance(label) for label, _, _ in self.rows) + 8)
        value_width = max(metrics.horizontalAdvance(self.describe(t, p)) for _, t, p in self.rows) + 8
        left, right = label_width, self.width() - value_width
        biggest = max(total for _, total, _ in self.rows)
        row_height = min(line + 10, (self.height() - 4) / len(self.rows))
        text = self.palette().color(QPalette.ColorRole.Text)
        for index, (label, total, part) in enumerate(self.rows):
            y = 2 + index * row_height
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y, label_width - 6, row_height),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_width - 6)),
            )
            width = (right - left) * total / biggest if biggest else 0
            bar = QRectF(left, y + 3, width, row_height - 6)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.colour)
            painter.drawRect(bar)
            if part:
                painter.setBrush(self.part_colour)
                painter.drawRect(QRectF(left, y + 3, width * part / total, row_height - 6))
            painter.setPen(text)
            painter.drawText(
                QRectF(left + width + 4, y, value_width, row_height),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                self.describe(total, part),
            )
