"""PDF through Qt's own printing (QTextDocument + QPdfWriter, QtGui only): no extra dependency.

Qt is imported when a PDF is made, not when this module is: the command line loads it
without a window, and creates a headless QGuiApplication only when none exists.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

#: Body text size of the printed page, in points.
BASE_POINT_SIZE = 10.5


def _ensure_gui_application():
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        # The command line has no window and may have no display: render off screen.
        platform = os.environ.get("QT_QPA_PLATFORM") or "offscreen"
        app = QGuiApplication(["salesdesk", "-platform", platform])
    return app


def html_to_pdf(html: str, path: str | Path, title: str = "") -> int:
    """Write ``html`` (as made by core.export.calls_html) to a PDF file; returns the page count.

    The PDF is made in memory and then written in one step (core.files): a process killed
    while it renders, which for many calls takes a while, leaves nothing in the folder.
    Raises OSError when the file cannot be written."""
    from salesdesk.core.files import write_atomically

    pdf = render_pdf(html, title)
    write_atomically(path, pdf)
    return count_pages(pdf)


def render_pdf(html: str, title: str = "") -> bytes:
    """The PDF of ``html``: A4 or US Letter, following the locale, with page numbers."""
    _ensure_gui_application()
    from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMarginsF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    us = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    size = QPageSize(QPageSize.PageSizeId.Letter if us else QPageSize.PageSizeId.A4)
    writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(18, 16, 18, 16)))
    writer.setResolution(300)
    writer.setTitle(title)
    writer.setCreator("SalesDesk")
    document = QTextDocument()
    font = QFont()
    font.setFamilies(["Helvetica Neue", "Helvetica", "Arial", "DejaVu Sans", "sans-serif"])
    font.setPointSizeF(BASE_POINT_SIZE)
    # No "fi"/"fl" ligatures: with them a PDF reader cannot find or copy "Whitfield".
    font.setFeature(QFont.Tag("liga"), 0)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setHtml(html)
    document.print_(writer)
    del writer  # the PDF is complete once the writer is gone
    buffer.close()
    return bytes(buffer.data())


def count_pages(pdf: bytes) -> int:
    """Pages in a PDF as QPdfWriter writes it (page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))
