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


#: White space between the printer's margins and the text, as QTextDocument.print_ leaves it.
TEXT_INSET_CM = 2.0


def html_to_pdf(html: str, path: str | Path, title: str = "") -> int:
    """Write ``html`` (as made by core.export.calls_html) to a PDF file; returns the page count.

    A4 or US Letter, following the locale, with the page number at the foot of each page.
    A heading never ends a page: it goes over to the next page with the text it heads.
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
    from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMarginsF, QSizeF
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
    # Laid out in pages for the printer itself (not by QTextDocument.print_, which lays out a
    # copy), so that what keep_headings_with_text measures is exactly what is painted.
    document.documentLayout().setPaintDevice(writer)
    frame = document.rootFrame().frameFormat()
    frame.setMargin(int(TEXT_INSET_CM / 2.54 * _layout_dpi()))  # frame margins count screen pixels
    document.rootFrame().setFrameFormat(frame)
    document.setPageSize(QSizeF(writer.width(), writer.height()))
    keep_headings_with_text(document)
    _paint_pages(document, writer)
    del writer  # the PDF is complete once the writer is gone
    buffer.close()
    return bytes(buffer.data())


def keep_headings_with_text(document) -> int:
    """Move every heading that would end a page to the top of the next one (what HTML's
    ``page-break-after: avoid`` asks for, which Qt's rich text does not know). Returns how
    many moved. ``document`` must be paginated (a page size set).

    Moving a heading moves what follows it, up to the next forced page break: so each round
    moves only the first orphan of each such stretch, all in one edit, then lays the whole
    document out again before looking for the next ones (a block format changed between
    layout queries left stale line positions behind: text painted nowhere)."""
    from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextFormat

    moved = 0
    while True:
        orphans = _first_orphaned_headings(document)
        if not orphans:
            return moved
        change = QTextBlockFormat()
        change.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        cursor = QTextCursor(document)
        cursor.beginEditBlock()  # one relayout for all of them, not one per heading
        for heading in orphans:
            cursor.setPosition(heading.position())
            cursor.mergeBlockFormat(change)
        cursor.endEditBlock()
        moved += len(orphans)
        document.markContentsDirty(0, document.characterCount())


def _first_orphaned_headings(document) -> list:
    """Per stretch between forced page breaks, the first heading (or run of headings, such as
    Checklist over a stage) whose next line is on a later page than the heading itself."""
    from PySide6.QtGui import QTextFormat

    layout = document.documentLayout()
    page_height = document.pageSize().height()
    forced = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore

    def page_of(block, line: int = 0) -> int:
        """The page of the block's first (or ``line``-th) line: the layout pushes lines that
        do not fit over to the next page, and the block's own rectangle stays behind."""
        lines = block.layout()
        top = layout.blockBoundingRect(block).top()
        if lines.lineCount():
            top += lines.lineAt(line if line >= 0 else lines.lineCount() - 1).y()
        return int(top // page_height)

    def breaks_before(block) -> bool:
        return bool(block.blockFormat().pageBreakPolicy() & forced)

    def is_heading(block) -> bool:
        return block.isValid() and block.blockFormat().headingLevel() > 0

    orphans = []
    searching = True  # False from an orphan found to the next forced page break
    block = document.begin()
    while block.isValid():
        following = block.next()
        searching = searching or breaks_before(block)
        # The last heading of a run, followed by its text in the same stretch.
        if searching and is_heading(block) and following.isValid() and not is_heading(following):
            heading = block
            while is_heading(heading.previous()):
                heading = heading.previous()
            page = page_of(heading)
            at_page_top = not heading.previous().isValid() or page_of(heading.previous(), -1) < page
            if page_of(following) > page and not at_page_top and not breaks_before(following):
                orphans.append(heading)
                searching = False
        block = following
    return orphans


def _paint_pages(document, writer) -> None:
    """Each page of the laid-out ``document``, with its number at the foot on the right
    (where QTextDocument.print_ puts it)."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QAbstractTextDocumentLayout, QFontMetricsF, QPainter, QPalette

    body = QRectF(QPointF(0, 0), document.pageSize())
    margin = document.rootFrame().frameFormat().margin() * writer.logicalDpiY() / _layout_dpi()
    painter = QPainter(writer)
    try:
        for index in range(document.pageCount()):
            if index:
                writer.newPage()
            view = body.translated(0, index * body.height())
            painter.save()
            painter.translate(0, -view.top())
            painter.setClipRect(view)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = view
            context.palette.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.black)
            document.documentLayout().draw(painter, context)
            painter.restore()
            painter.setFont(document.defaultFont())
            metrics = QFontMetricsF(document.defaultFont(), writer)
            number = str(index + 1)
            x = body.width() - margin - metrics.horizontalAdvance(number)
            y = body.height() - margin + metrics.ascent() + 5 * writer.logicalDpiY() / 72
            painter.drawText(QPointF(x, y), number)
    finally:
        painter.end()


def _layout_dpi() -> float:
    """The resolution QTextDocument's layout takes frame margins in (Qt's default DPI)."""
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    return screen.logicalDotsPerInchY() if screen is not None else 96.0


def count_pages(pdf: bytes) -> int:
    """Pages in a PDF as QPdfWriter writes it (page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))
