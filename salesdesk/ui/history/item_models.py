"""Item models over past calls. They fetch lazily, a page at a time, on a worker thread.

Sorting and filtering happen in SQL (storage/history.py); the models only hold the pages
fetched so far, so a history of 100,000 calls opens as fast as one of 100.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from salesdesk.core.bidi import isolate
from salesdesk.core.call import format_duration, local_text
from salesdesk.core.filters import CallFilter
from salesdesk.core.history import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    CallSummary,
    FollowUp,
    HistoryColumn,
    HistorySort,
    SearchHit,
    SearchResult,
)
from salesdesk.ui.kit import theme
from salesdesk.ui.kit.background import Latest
from salesdesk.ui.kit.i18n import fill

_Index = QModelIndex | QPersistentModelIndex

#: Role carrying the row's domain object (CallSummary, FollowUp, SearchHit).
ItemRole = Qt.ItemDataRole.UserRole + 10
#: Role carrying rich text (HTML) for the search results delegate.
HtmlRole = Qt.ItemDataRole.UserRole + 11

#: Where a search hit was found (storage.search names the parts of a call in English).
WHERE = {
    "Notes": QT_TRANSLATE_NOOP("HistoryModels", "Notes"),
    "Answers": QT_TRANSLATE_NOOP("HistoryModels", "Answers"),
    "Objections": QT_TRANSLATE_NOOP("HistoryModels", "Objections"),
    "Wrap-up": QT_TRANSLATE_NOOP("HistoryModels", "Wrap-up"),
    "Contact": QT_TRANSLATE_NOOP("HistoryModels", "Contact"),
}


def _tr(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("HistoryModels", …), in the UI language."""
    return QCoreApplication.translate("HistoryModels", text)


def local_datetime(moment) -> str:
    return local_text(moment)


def highlighted_html(snippet: str) -> str:
    """A search snippet as HTML: the text escaped, the matched words in bold."""
    return html.escape(snippet).replace(HIGHLIGHT_START, "<b>").replace(HIGHLIGHT_END, "</b>").replace("\n", " · ")


class PagedTableModel(QAbstractTableModel):
    """A table that asks for its next page when the view scrolls near the end.

    Subclasses give the headers (marked with QT_TRANSLATE_NOOP), the cells and
    ``page_work(cursor)``: a function, built on the UI thread, that reads one page on a worker
    thread and returns ``(rows, next cursor)``."""

    pageLoaded = Signal()
    loadFailed = Signal(str)
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Any] = []
        self._cursor: tuple | None = None
        self._exhausted = True
        self._loading = False
        self._pages = Latest(self)

    # --------------------------------------------------------------- to override

    def page_work(self, cursor: tuple | None) -> Callable[[], tuple[list, tuple | None]]:
        raise NotImplementedError

    def cell(self, item: Any, column: int, role: int):
        raise NotImplementedError

    # --------------------------------------------------------------- loading

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def exhausted(self) -> bool:
        return self._exhausted

    def reload(self) -> None:
        """Forget the rows and fetch the first page again (filter, sort or data changed)."""
        self.beginResetModel()
        self._rows = []
        self._cursor = None
        self._exhausted = False
        self.endResetModel()
        self._request()

    def _request(self) -> None:
        self._loading = True
        self._pages.submit(self.page_work(self._cursor), self._arrived, self._failed)

    def _arrived(self, page: tuple[list, tuple | None]) -> None:
        rows, cursor = page
        self._loading = False
        self._cursor = cursor
        self._exhausted = cursor is None
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.pageLoaded.emit()

    def _failed(self, message: str) -> None:
        self._loading = False
        self._exhausted = True
        self.loadFailed.emit(message)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        if self.canFetchMore(parent):
            self._request()

    # --------------------------------------------------------------- model

    def item(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.HEADERS[section]) if 0 <= section < len(self.HEADERS) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == ItemRole:
            return item
        return self.cell(item, index.column(), role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class CallHistoryModel(PagedTableModel):
    """Past calls, filtered and sorted in SQL."""

    counted = Signal(int)
    HEADERS = (
        QT_TRANSLATE_NOOP("HistoryModels", "Date"),
        QT_TRANSLATE_NOOP("HistoryModels", "Contact"),
        QT_TRANSLATE_NOOP("HistoryModels", "Company"),
        QT_TRANSLATE_NOOP("HistoryModels", "Duration"),
        QT_TRANSLATE_NOOP("HistoryModels", "Stage reached"),
        QT_TRANSLATE_NOOP("HistoryModels", "Outcome"),
        QT_TRANSLATE_NOOP("HistoryModels", "Next step"),
        QT_TRANSLATE_NOOP("HistoryModels", "Due"),
    )

    def __init__(self, history: Callable[[], Any], parent=None):
        """``history()`` returns the store's HistoryQueries (called on the UI thread)."""
        super().__init__(parent)
        self._history = history
        self.filter = CallFilter()
        self.order = HistorySort()
        self._counter = Latest(self)

    def set_filter(self, flt: CallFilter) -> None:
        if flt != self.filter:
            self.filter = flt
            self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        wanted = HistorySort(HistoryColumn(column), order == Qt.SortOrder.DescendingOrder)
        if wanted != self.order:
            self.order = wanted
            self.reload()

    def reload(self) -> None:
        super().reload()
        history, flt = self._history(), self.filter
        self._counter.submit(lambda: history.count(flt), self.counted.emit)

    def page_work(self, cursor):
        history, flt, order = self._history(), self.filter, self.order

        def work():
            page = history.page(flt, order, cursor)
            return page.rows, page.cursor

        return work

    TEXT: ClassVar[dict[HistoryColumn, Callable[[CallSummary], str]]] = {
        HistoryColumn.STARTED: lambda call: local_datetime(call.started_at),
        HistoryColumn.CONTACT: lambda call: call.contact.name,
        HistoryColumn.COMPANY: lambda call: call.contact.company,
        HistoryColumn.DURATION: lambda call: (
            _tr(QT_TRANSLATE_NOOP("HistoryModels", "running"))
            if call.duration_seconds is None
            else format_duration(call.duration_seconds)
        ),
        HistoryColumn.STAGE: lambda call: call.reached_title,
        HistoryColumn.OUTCOME: lambda call: call.outcome,
        HistoryColumn.NEXT_STEP: lambda call: call.next_step,
        HistoryColumn.DUE: lambda call: call.next_step_due.isoformat() if call.next_step_due else "",
    }

    def cell(self, call: CallSummary, column: int, role: int):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.TEXT[HistoryColumn(column)](call)
        if role == Qt.ItemDataRole.ToolTipRole and column == HistoryColumn.NEXT_STEP:
            return call.next_step or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == HistoryColumn.DURATION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class FollowUpsModel(PagedTableModel):
    """Next steps due today or overdue, newest due date first."""

    HEADERS = (
        QT_TRANSLATE_NOOP("HistoryModels", "Due"),
        QT_TRANSLATE_NOOP("HistoryModels", "Contact"),
        QT_TRANSLATE_NOOP("HistoryModels", "Company"),
        QT_TRANSLATE_NOOP("HistoryModels", "Next step"),
        QT_TRANSLATE_NOOP("HistoryModels", "Last outcome"),
    )

    def __init__(self, history: Callable[[], Any], today: Callable[[], date] = date.today, parent=None):
        super().__init__(parent)
        self._history = history
        self._today = today

    def page_work(self, cursor):
        history, today = self._history(), self._today()
        return lambda: history.follow_ups(today, cursor)

    def cell(self, item: FollowUp, column: int, role: int):
        today = self._today()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                late = item.days_overdue(today)
                if late <= 0:
                    return self.tr("today")
                return fill(self.tr("%1 (%2 d late)"), item.due.isoformat(), late)
            next_step = item.next_step or self.tr("Follow up")
            return (item.contact.name, item.contact.company, next_step, item.outcome)[column - 1]
        if role == Qt.ItemDataRole.ForegroundRole and column == 0 and item.days_overdue(today) > 0:
            return QColor(theme.colors().overdue)  # a red that reads on light and on dark lists
        if role == Qt.ItemDataRole.ToolTipRole:
            return fill(
                self.tr("From the call on %1. Enter starts the follow-up call."), local_datetime(item.called_at)
            )
        return None


class SearchResultsModel(QAbstractListModel):
    """Ranked search hits (a search returns one short page: no lazy fetching needed)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self.result = SearchResult([])

    def set_result(self, result: SearchResult) -> None:
        self.beginResetModel()
        self.result = result
        self._hits = list(result.hits)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        call = hit.call
        title = isolate(call.contact.name) + (f" · {isolate(call.contact.company)}" if call.contact.company else "")
        when = local_datetime(call.started_at)
        plain_snippet = isolate(
            hit.snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "").replace("\n", " · ")
        )
        where = _tr(WHERE[hit.where]) if hit.where in WHERE else hit.where
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{title} — {when}\n{where}: {plain_snippet}"
        if role == HtmlRole:
            # Secondary text is class "muted": the delegate colours it to be readable on the row.
            outcome = f" · {html.escape(isolate(call.outcome))}" if call.outcome else ""
            return (
                f"<b>{html.escape(title)}</b> <span class='muted'>{when}{outcome}</span><br>"
                f"<span class='muted'>{html.escape(where)}:</span> {isolate(highlighted_html(hit.snippet))}"
            )
        if role == ItemRole:
            return hit
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
