"""Insights: what the rep's own calls say, as charts. Computed in SQL on the analyst thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from salesdesk.core.call import format_duration
from salesdesk.core.filters import CallFilter
from salesdesk.core.history import NO_OUTCOME, Insights
from salesdesk.ui.history.charts import PALETTE, BarChart, HBarChart, Series, colour_for
from salesdesk.ui.history.page_parts import DateRangePicker, delayed, hint
from salesdesk.ui.kit.background import ANALYST, Latest
from salesdesk.ui.kit.i18n import date_text, fill, number, plural

if TYPE_CHECKING:
    from salesdesk.ui.history.feature import HistoryCommands


class ChartCard(QFrame):
    """A titled box around one chart."""

    def __init__(self, title: str, chart: QWidget, parent=None):
        super().__init__(parent)
        self.setObjectName("chartCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(title)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.caption = hint()
        self.chart = chart
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.caption)
        layout.addWidget(chart, 1)


class InsightsPage(QWidget):
    def __init__(self, commands: HistoryCommands, parent=None):
        super().__init__(parent)
        self.commands = commands
        self.period = DateRangePicker(initial=365)
        self.playbook = QComboBox()
        self.playbook.setAccessibleName(self.tr("Playbook"))
        self.playbook.addItem(self.tr("All playbooks"), None)
        self.playbook.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        filters = QHBoxLayout()
        filters.addWidget(self.period)
        filters.addWidget(self.playbook)
        filters.addStretch(1)

        self.outcomes = BarChart()
        self.weekly = BarChart()
        self.duration = BarChart()
        self.objections = HBarChart()
        self.objections.part_colour = QColor(PALETTE[2])
        self.stages = HBarChart()
        self.stages.colour = QColor(PALETTE[1])
        self.cards = {
            "outcomes": ChartCard(self.tr("Outcomes over time"), self.outcomes),
            "weekly": ChartCard(self.tr("Calls per week"), self.weekly),
            "objections": ChartCard(self.tr("Objections met most often"), self.objections),
            "stages": ChartCard(self.tr("Where calls stop"), self.stages),
            "duration": ChartCard(self.tr("Average call length"), self.duration),
        }
        self.cards["objections"].caption.setText(self.tr("Dark green: how often you handled it."))
        self.cards["stages"].caption.setText(self.tr("The furthest stage each ended call reached."))
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.addWidget(self.cards["outcomes"], 0, 0)
        grid.addWidget(self.cards["weekly"], 0, 1)
        grid.addWidget(self.cards["objections"], 1, 0)
        grid.addWidget(self.cards["stages"], 1, 1)
        grid.addWidget(self.cards["duration"], 2, 0)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_host)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)

        self.insights: Insights | None = None
        self._job = Latest(self, lane=ANALYST)
        self._names = Latest(self)
        self._recompute = delayed(self, self.refresh)
        self.period.changed.connect(self._recompute.start)
        self.playbook.currentIndexChanged.connect(lambda _i: self._recompute.start())
        self._load_playbooks()
        self.refresh()

    def _load_playbooks(self) -> None:
        history = self.commands.history()
        self._names.submit(history.playbook_names, self._fill_playbooks)

    def _fill_playbooks(self, names: list[str]) -> None:
        current = self.playbook.currentData()
        self.playbook.blockSignals(True)
        while self.playbook.count() > 1:
            self.playbook.removeItem(1)
        for name in names:
            self.playbook.addItem(name, name)
        self.playbook.setCurrentIndex(max(0, self.playbook.findData(current)) if current else 0)
        self.playbook.blockSignals(False)

    def current_filter(self) -> CallFilter:
        start, end = self.period.range()
        return CallFilter(start=start, end=end, playbook=self.playbook.currentData())

    def refresh(self) -> None:
        self._recompute.stop()
        history, flt = self.commands.history(), self.current_filter()
        self.summary.setText(self.tr("Counting…") if self.insights is None else self.summary.text())
        self._job.submit(lambda: history.insights(flt), self.show_insights, self.summary.setText)

    def show_insights(self, insights: Insights) -> None:
        self.insights = insights
        if insights.calls:
            average = format_duration(insights.average_seconds) if insights.average_seconds is not None else "–"
            text = plural(self.tr("%Ln call(s), %1 ended, average length %2.", "", insights.calls), insights.calls)
            self.summary.setText(fill(text, number(insights.ended_calls), average))
        else:
            self.summary.setText(self.tr("No calls in this period."))
        monthly = insights.period == "month"
        label_pattern = self.tr("MMM yyyy") if monthly else self.tr("dd MMM")
        labels = [date_text(p.start, label_pattern) for p in insights.periods]
        self.outcomes.set_data(
            labels,
            [
                Series(
                    self.tr("(none)", "no outcome recorded") if name == NO_OUTCOME else name,
                    colour_for(name, i),
                    [float(p.outcomes.get(name, 0)) for p in insights.periods],
                )
                for i, name in enumerate(insights.outcome_names)
            ],
            lambda v: f"{v:g}",
        )
        if monthly:
            self.cards["outcomes"].caption.setText(self.tr("Calls started each month, by outcome."))
            self.cards["duration"].caption.setText(self.tr("Average length of the ended calls, each month."))
        else:
            self.cards["outcomes"].caption.setText(self.tr("Calls started each week, by outcome."))
            self.cards["duration"].caption.setText(self.tr("Average length of the ended calls, each week."))
        day_pattern = self.tr("dd MMM")
        self.weekly.set_data(
            [date_text(start, day_pattern) for start, _ in insights.weeks],
            [Series(self.tr("Calls"), QColor(PALETTE[0]), [float(n) for n in (c for _, c in insights.weeks)])],
        )
        minutes = self.tr("%1 min")
        self.duration.set_data(
            labels,
            [Series(self.tr("Minutes"), QColor(PALETTE[4]), [(p.average_seconds or 0) / 60 for p in insights.periods])],
            lambda v: fill(minutes, f"{v:.0f}"),
        )
        handled = self.tr("%1 · %2% handled")
        self.objections.set_rows(
            [(o.title, float(o.raised), float(o.handled)) for o in insights.objections],
            lambda total, part: fill(handled, f"{total:g}", f"{100 * (part or 0) / total:.0f}") if total else "0",
        )
        ended = sum(s.calls for s in insights.stop_stages) or 1
        self.stages.set_rows(
            [(s.title, float(s.calls), None) for s in insights.stop_stages],
            lambda total, _part: f"{total:g} ({100 * total / ended:.0f}%)",
        )
