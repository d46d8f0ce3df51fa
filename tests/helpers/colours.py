"""Readability of colours: the WCAG contrast ratio of two colours."""

from __future__ import annotations

from PySide6.QtGui import QColor


def contrast(a: str, b: str) -> float:
    def luminance(name: str) -> float:
        colour = QColor(name)
        channels = []
        for value in (colour.redF(), colour.greenF(), colour.blueF()):
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        r, g, b_ = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
