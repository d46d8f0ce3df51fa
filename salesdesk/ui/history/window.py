"""The history window: past calls, full-text search, follow-ups and insights, one tab each.

Every list here reads through a worker thread (ui/kit/background.py) and pages lazily, so the
window opens as fast on 100,000 calls as on 100 and never freezes while a query runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QListView,
    QMainWindow,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from salesdesk.core.filters import CallFilter
from salesdesk.core.history import FollowUp, HistoryColumn, SearchResult
from salesdesk.ui.history.item_models import CallHistoryModel, FollowUpsModel, HtmlRole, ItemRole, SearchResultsModel
from salesdesk.ui.kit import theme
from salesdesk.ui.kit.background import Latest
from salesdesk.ui.kit.i18n import fill, number, plural
from salesdesk.ui.kit.widgets import LazyTab, SearchField, close_with_keys, wheel_needs_focus

if TYPE_CHECKING:
    from salesdesk.ui.history.feature import HistoryCommands

from salesdesk.ui.history.page_parts import DateRangePicker, ScopeBox, delayed, hint, make_table


class HtmlDelegate(QStyledItemDelegate):
    """Draws an item's HtmlRole text (wrapped rich text: search hits with bold matches)."""

    PAD = 4

    @staticmethod
    def text_colors(option: QStyleOptionViewItem) -> tuple[QColor, QColor]:
        """The row's text colour and its muted one, both readable on the row's background."""
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        return option.palette.color(role), theme.muted_text(option.palette, selected)

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex, width: int) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(self.PAD)
        document.setDefaultStyleSheet(f".muted {{ color: {self.text_colors(option)[1].name()}; }}")
        document.setHtml(index.data(HtmlRole) or "")
        document.setTextWidth(width)
        return document

    def paint(self, painter, option, index) -> None:
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        document = self._document(option, index, option.rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, self.text_colors(option)[0])
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        self.initStyleOption(option, index)
        width = option.widget.viewport().width() if option.widget else 400
        document = self._document(option, index, width)
        return QSize(width, int(document.size().height()))


# --------------------------------------------------------------------------- calls


class CallsPage(QWidget):
    """Past calls: filter by words, outcome and period; sort by any column; Enter opens one."""

    def __init__(self, commands: HistoryCommands, parent=None):
        super().__init__(parent)
        self.commands = commands
        self.model = CallHistoryModel(self._history, self)
        self.scope = ScopeBox(commands)
        self.text = SearchField()
        self.text.setPlaceholderText(self.tr("Filter by contact, company, notes…"))
        self.text.setClearButtonEnabled(True)
        self.text.setAccessibleName(self.tr("Filter calls"))
        self.outcome = wheel_needs_focus(QComboBox())
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.outcome.addItem(self.tr("Any outcome"), None)
        self.outcome.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period = DateRangePicker()
        self.count = hint()
        self.count.setWordWrap(False)
        self.table = make_table(self.model)
        self.table.setAccessibleName(self.tr("Calls"))
        for column, width in (
            (HistoryColumn.STARTED, 122),
            (HistoryColumn.CONTACT, 140),
            (HistoryColumn.COMPANY, 165),
            (HistoryColumn.DURATION, 66),
            (HistoryColumn.STAGE, 110),
            (HistoryColumn.OUTCOME, 145),
            (HistoryColumn.NEXT_STEP, 185),
        ):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSortIndicator(HistoryColumn.STARTED, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)

        filters = QHBoxLayout()
        filters.addWidget(self.scope)
        filters.addWidget(self.text, 1)
        filters.addWidget(self.outcome)
        filters.addWidget(self.period)
        filters.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        self._apply = delayed(self, self.apply_filter)
        self.text.textChanged.connect(lambda _t: self._apply.start())
        self.text.down.connect(self._enter_table)
        self.text.returnPressed.connect(self._enter_table)
        self.outcome.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.period.changed.connect(self.apply_filter)
        self.table.activated.connect(self._open)
        self.model.counted.connect(self._show_count)
        self.model.loadFailed.connect(self._load_failed)
        self._outcomes = Latest(self)
        self.model.reload()
        self.load_outcomes()

    @property
    def team_scope(self) -> bool:
        return self.scope.team

    def _history(self):
        """The queries of the scope shown (offline, the team's say why in the count line)."""
        return self.scope.history()

    def load_outcomes(self) -> None:
        history = self._history()
        self._outcomes.submit(history.outcomes, self._fill_outcomes, self._load_failed)

    def _fill_outcomes(self, outcomes: list[str]) -> None:
        current = self.outcome.currentData()
        self.outcome.blockSignals(True)
        while self.outcome.count() > 1:
            self.outcome.removeItem(1)
        for outcome in outcomes:
            self.outcome.addItem(outcome, outcome)
        self.outcome.addItem(self.tr("No outcome recorded"), "")
        index = self.outcome.findData(current) if current is not None else 0
        self.outcome.setCurrentIndex(max(0, index))
        self.outcome.blockSignals(False)

    def current_filter(self) -> CallFilter:
        start, end = self.period.range()
        return CallFilter(text=self.text.text().strip(), outcome=self.outcome.currentData(), start=start, end=end)

    def apply_filter(self) -> None:
        self._apply.stop()
        self.model.set_filter(self.current_filter())

    def refresh(self) -> None:
        self.scope.follow_team()
        self.model.reload()
        self.load_outcomes()

    def _show_count(self, count: int) -> None:
        self.count.setText(plural(self.tr("%Ln call(s)", "", count), count))
        self.count.setToolTip("")

    def _load_failed(self, message: str) -> None:
        if self.team_scope:  # short, in the rep's language; the server's reason in the tooltip
            self.count.setText(self.tr("Team server not reachable; your own calls are under Mine."))
            self.count.setToolTip(message)
        else:
            self.count.setText(message)

    def _enter_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        if self.team_scope:  # a teammate's call is not in this laptop's database
            self.count.setText(self.tr("Team calls are listed here; open your own under Mine."))
            return
        self.commands.open_call(index.data(ItemRole).id)

    def focus_filter(self) -> None:
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text.selectAll()


# --------------------------------------------------------------------------- search


class SearchPage(QWidget):
    """Full-text search as you type, best matches first, the matched words in bold."""

    shown = Signal(str)  # the results for this text are on screen

    def __init__(self, commands: HistoryCommands, parent=None):
        super().__init__(parent)
        self.commands = commands
        self.query = SearchField()
        self.query.setPlaceholderText(self.tr("Search all calls: notes, answers, objections, contacts, companies…"))
        self.query.setClearButtonEnabled(True)
        self.query.setAccessibleName(self.tr("Search all calls"))
        self.status = hint(self.tr("Type a few letters of any word you remember."))
        self.scope = ScopeBox(commands)
        self.model = SearchResultsModel(self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setUniformItemSizes(False)
        self.results.setWordWrap(True)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        top = QHBoxLayout()
        top.addWidget(self.scope)
        top.addWidget(self.query, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self._searches = Latest(self)
        self._run = delayed(self, self.run_search)
        self.query.textChanged.connect(lambda _t: self._run.start())
        self.query.returnPressed.connect(self._open_first)
        self.query.down.connect(self._enter_results)
        self.results.activated.connect(self._open)
        self.scope.currentIndexChanged.connect(lambda _i: self.run_search())
        self.searched = ""  # the text the shown results are for

    def run_search(self) -> None:
        self._run.stop()
        text = self.query.text()
        if not text.strip():
            self._searches.cancel()
            self.searched = ""
            self.model.set_result(SearchResult([]))
            self.status.setText(self.tr("Type a few letters of any word you remember."))
            return
        history = self.scope.history()
        self._searches.submit(lambda: history.search(text), lambda result: self._show(text, result), self._failed)

    def _failed(self, message: str) -> None:
        if self.scope.team:  # short, in the rep's language; the server's reason in the tooltip
            self.status.setText(self.tr("Team server not reachable; your own calls are under Mine."))
            self.status.setToolTip(message)
        else:
            self.status.setText(message)

    def _show(self, text: str, result: SearchResult) -> None:
        self.searched = text
        self.status.setToolTip("")
        self.model.set_result(result)
        shown = len(result.hits)
        if not shown:
            self.status.setText(fill(self.tr("No call mentions “%1”."), text.strip()))
        elif result.too_many:
            self.status.setText(
                fill(
                    self.tr(
                        "More than %1 calls match: the %2 newest are shown. "
                        "Add a word to narrow it down; fewer matches are ranked best first."
                    ),
                    number(result.matches),
                    shown,
                )
            )
        elif shown < result.matches:
            self.status.setText(fill(self.tr("The best %1 of %2 matching calls."), shown, number(result.matches)))
        else:
            self.status.setText(plural(self.tr("%n matching call(s), best first.", "", shown), shown))
        if shown:
            self.results.setCurrentIndex(self.model.index(0, 0))
        self.shown.emit(text)

    def _open_first(self) -> None:
        self._run.stop()
        if self.searched != self.query.text():
            self.run_search()
            return
        if self.model.rowCount():
            self._open(self.results.currentIndex() if self.results.currentIndex().isValid() else self.model.index(0))

    def _enter_results(self) -> None:
        self.results.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.results.currentIndex().isValid() and self.model.rowCount():
            self.results.setCurrentIndex(self.model.index(0))

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        if self.scope.team:  # a teammate's call is not in this laptop's database
            self.status.setText(self.tr("Team calls are listed here; open your own under Mine."))
            return
        self.commands.open_call(self.model.hit(index.row()).call.id)

    def focus_query(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def refresh(self) -> None:
        self.scope.follow_team()
        if self.searched:
            self.run_search()


# --------------------------------------------------------------------------- follow-ups


class FollowUpsPage(QWidget):
    """Next steps due today or overdue; Enter starts the follow-up call with that contact."""

    def __init__(self, commands: HistoryCommands, parent=None):
        super().__init__(parent)
        self.commands = commands
        self.scope = ScopeBox(commands)
        self.model = FollowUpsModel(self.scope.history, parent=self)
        self.intro = hint()
        self.table = make_table(self.model)
        self.table.setAccessibleName(self.tr("Follow-ups"))
        for column, width in ((0, 150), (1, 160), (2, 180), (3, 240)):
            self.table.setColumnWidth(column, width)
        self.status = hint()
        self.start_button = QPushButton(self.tr("&Start follow-up call"))
        self.start_button.setToolTip(self.tr("Start a call with this contact (Enter)"))
        self.view_button = QPushButton(self.tr("Open &last call"))
        self.view_button.setToolTip(self.tr("Read the call this next step came from"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.view_button)
        buttons.addWidget(self.start_button)
        top = QHBoxLayout()
        top.addWidget(self.scope, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.intro, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.activated.connect(self._start)
        self.start_button.clicked.connect(lambda: self._start(self.table.currentIndex()))
        self.view_button.clicked.connect(self._view)
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model.pageLoaded.connect(self._loaded)
        self.model.loadFailed.connect(self._load_failed)
        self.model.modelReset.connect(self._update_buttons)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    def refresh(self) -> None:
        self.scope.follow_team()
        if self.scope.team:
            self.intro.setText(
                self.tr(
                    "Next steps from the team's wrap-ups that are due today or overdue, and whose contact "
                    "that rep has not called since."
                )
            )
        else:
            self.intro.setText(
                self.tr(
                    "Next steps from your wrap-ups that are due today or overdue, and whose contact you have "
                    "not called since. Enter starts the follow-up call."
                )
            )
        self.status.setToolTip("")
        self.model.reload()

    def _load_failed(self, message: str) -> None:
        if self.scope.team:  # short, in the rep's language; the server's reason in the tooltip
            self.status.setText(self.tr("Team server not reachable; your own calls are under Mine."))
            self.status.setToolTip(message)
        else:
            self.status.setText(message)

    def _loaded(self) -> None:
        self.status.setToolTip("")
        count = self.model.rowCount()
        if not count:
            self.status.setText(self.tr("Nothing due."))
        elif not self.model.exhausted:  # more pages to load: "40+"
            self.status.setText(fill(self.tr("%1+ follow-ups due."), count))
        else:
            self.status.setText(plural(self.tr("%n follow-up(s) due.", "", count), count))
        if count and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self._update_buttons()

    def _update_buttons(self) -> None:
        # A teammate's follow-up and its call are not in this laptop's database: listed only.
        has = self.table.currentIndex().isValid() and not self.scope.team
        self.start_button.setEnabled(has)
        self.view_button.setEnabled(has)

    def _start(self, index: QModelIndex) -> None:
        if index.isValid() and self.scope.team:
            self.status.setText(self.tr("Team follow-ups are listed here; start your own under Mine."))
            return
        if index.isValid():
            item: FollowUp = index.data(ItemRole)
            self.commands.start_follow_up(item)

    def _view(self) -> None:
        index = self.table.currentIndex()
        if index.isValid() and not self.scope.team:
            self.commands.open_call(index.data(ItemRole).call_id)


# --------------------------------------------------------------------------- window


class HistoryWindow(QMainWindow):
    TABS = ("calls", "search", "follow_ups", "insights")

    def __init__(self, commands: HistoryCommands, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.commands = commands
        self.setWindowTitle(self.tr("History — SalesDesk"))
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._pages = {
            "calls": LazyTab(lambda: CallsPage(commands)),
            "search": LazyTab(lambda: SearchPage(commands)),
            "follow_ups": LazyTab(lambda: FollowUpsPage(commands)),
            "insights": LazyTab(self._insights),
        }
        titles = (self.tr("&Calls"), self.tr("&Search"), self.tr("&Follow-ups"), self.tr("&Insights"))
        for name, title in zip(self.TABS, titles, strict=True):
            self.tabs.addTab(self._pages[name], title)
        self.setCentralWidget(self.tabs)
        close_with_keys(self)
        self.tabs.currentChanged.connect(lambda _index: self._focus_search_box())
        self.resize(1060, 660)

    def _insights(self):
        from salesdesk.ui.history.insights import InsightsPage

        return InsightsPage(self.commands)

    def page(self, name: str):
        return self._pages[name].ensure()

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentWidget(self._pages[name])
        self._focus_search_box()

    def _focus_search_box(self) -> None:
        """However a tab is opened (menu, mouse, Alt+letter, Ctrl+Tab), the keyboard goes to
        its filter or search box, so the rep can type at once."""
        name = self.TABS[self.tabs.currentIndex()]
        if name == "calls":
            self.page(name).focus_filter()
        elif name == "search":
            self.page(name).focus_query()

    def data_changed(self) -> None:
        """A call was added, ended or edited: refresh what has been built."""
        for tab in self._pages.values():
            if tab.panel is not None and hasattr(tab.panel, "refresh"):
                tab.panel.refresh()
