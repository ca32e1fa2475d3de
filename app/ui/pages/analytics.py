"""统计分析: the stage funnel, time in stage, units and studios, the monthly trend, benefit and ROI, top
contributors; filtered by period, studio, unit and category. Every chart saves as PNG, every table as
.xlsx. The figures come from app.core.analytics on the reader thread, never on the GUI thread, and
count only what the signed-in person may see (the page says so when that may leave projects out).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core import analytics, choices, sitetime
from app.core.analytics import Scope
from app.core.analytics.tables import stage_label, tables, write_xlsx
from app.core.errors import IdeaBankError
from app.core.vocab import CATEGORIES, label
from app.ui import fmt
from app.ui.context import UiContext
from app.ui.pages import QT_TRANSLATE_NOOP, Page, PageSpec, register
from app.ui.widgets.charts import ChartPanel, bars, lines
from app.ui.widgets.report_table import ReportTable, cell_text
from app.ui.worker import alive

PERIODS = ("all", "this_year", "last_year", "last_12_months", "custom")
CHART_ROWS = 10  # bars of a ranking chart; its table lists them all


class AnalyticsPage(Page):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._generation = 0
        self.report: dict[str, Any] | None = None
        self.today = sitetime.today(ctx.bank)
        self.period = QComboBox()
        for key, text in zip(PERIODS, (self.tr("All time"), self.tr("This year"), self.tr("Last year"),
                                       self.tr("Last 12 months"), self.tr("Custom dates"))):
            self.period.addItem(text, key)
        self.date_from, self.date_to = QDateEdit(), QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate(self.today.year, self.today.month, self.today.day))
            edit.dateChanged.connect(self._filters_changed)
        self.studio = QComboBox()
        self.studio.addItem(self.tr("All studios"), None)
        for sid, name in choices.studios(ctx.bank):
            self.studio.addItem(name, sid)
        self.unit = QComboBox()
        self.unit.addItem(self.tr("All units"), None)
        for uid, name, depth in choices.units(ctx.bank):
            self.unit.addItem("　" * depth + name, uid)
        self.category = QComboBox()
        self.category.addItem(self.tr("All categories"), None)
        for code in CATEGORIES:
            self.category.addItem(label(CATEGORIES, code), code)
        self.period.currentIndexChanged.connect(self._period_changed)
        for combo in (self.studio, self.unit, self.category):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.restricted = QLabel(self.tr("Figures count only the projects you may see."))
        self.restricted.setObjectName("muted")
        self.restricted.setToolTip(self.tr("Secret projects are counted only for their authors, their studio's "
                                           "leader and administrators; drafts only for their authors."))
        self.restricted.hide()
        self.status = QLabel()
        self.status.setObjectName("muted")
        self.dash = QLabel("–")
        top = QHBoxLayout()
        for w in (QLabel(self.tr("Period")), self.period, self.date_from, self.dash, self.date_to, self.studio,
                  self.unit, self.category):
            top.addWidget(w)
        top.addStretch()
        top.addWidget(self.restricted)
        top.addWidget(self.status)

        self.tiles: dict[str, QLabel] = {}
        heads = QGridLayout()
        for i, (key, text) in enumerate((("count", self.tr("Projects")), ("adoption_rate", self.tr("Adoption rate")),
                                         ("participants", self.tr("Participants")),
                                         ("expected", self.tr("Expected benefit (yuan/yr)")),
                                         ("measured", self.tr("Measured benefit (yuan/yr)")),
                                         ("roi", self.tr("ROI (benefit ÷ investment)")),
                                         ("payback", self.tr("Payback (months)")))):
            value = QLabel("…")
            value.setObjectName("appTitle")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(text)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setObjectName("muted")
            heads.addWidget(value, 0, i)
            heads.addWidget(caption, 1, i)
            self.tiles[key] = value

        self.charts: dict[str, ChartPanel] = {}
        self.tables: dict[str, ReportTable] = {}
        self.tabs = QTabWidget()
        self._tab(self.tr("Funnel and time in stage"), [("funnel", self.tr("Stage funnel")),
                                                         ("stage_times", self.tr("Time in stage (days)"))])
        self._tab(self.tr("By unit"), [("by_unit", self.tr("Participation and adoption by unit"))])
        self._tab(self.tr("By studio"), [("by_studio", self.tr("Ideas per head by studio"))])
        self._tab(self.tr("Trend"), [("trend", self.tr("Proposals and adoptions by month"))])
        self._tab(self.tr("Benefit and ROI"), [("benefit", self.tr("Expected and measured benefit by category"))])
        self._tab(self.tr("Contributors"), [("contributors", self.tr("Top contributors"))])

        self.export_all = QAction(self.tr("Export all tables…"), self)
        self.export_all.setToolTip(self.tr("Save every table of the analytics as one .xlsx workbook"))
        self.export_all.triggered.connect(self._export_all)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(heads)
        layout.addWidget(self.tabs, 1)
        self._debounce = self.reload_after_changes(lambda ch: bool(ch.membership))
        self._period_changed()
        self.reload()  # at once: the pause is for filters being changed, not for opening the page

    def _tab(self, title: str, parts: list[tuple[str, str]]) -> None:
        """A tab with, for each part, its chart on the left and its table on the right."""
        page = QWidget()
        grid = QGridLayout(page)
        for row, (key, chart_title) in enumerate(parts):
            self.charts[key] = ChartPanel(chart_title)
            self.tables[key] = ReportTable()
            grid.addWidget(self.charts[key], row, 0)
            grid.addWidget(self.tables[key], row, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        self.tabs.addTab(page, title)

    # -- filters -------------------------------------------------------------------------------
    def _period_changed(self) -> None:
        key = self.period.currentData()
        custom = key == "custom"
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        if not custom:
            first, last = self.period_dates(key)
            for edit, day in ((self.date_from, first), (self.date_to, last)):
                if day is not None:  # "all time" leaves the dates as they were, for a later "custom"
                    edit.blockSignals(True)
                    edit.setDate(QDate(day.year, day.month, day.day))
                    edit.blockSignals(False)
        for w in (self.date_from, self.dash, self.date_to):
            w.setVisible(custom or self.period_dates(key)[0] is not None)
        self._filters_changed()

    def period_dates(self, key: str) -> tuple[dt.date | None, dt.date | None]:
        today = self.today
        if key == "this_year":
            return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
        if key == "last_year":
            return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
        if key == "last_12_months":  # this month and the 11 before it
            year, month = (today.year, 1) if today.month == 12 else (today.year - 1, today.month + 1)
            return dt.date(year, month, 1), today
        if key == "custom":
            return fmt.py_date(self.date_from.date()), fmt.py_date(self.date_to.date())
        return None, None

    def _filters_changed(self) -> None:
        self._debounce.start()

    def current_scope(self) -> Scope:
        first, last = self.period_dates(self.period.currentData())
        category = self.category.currentData()
        return Scope(self.ctx.actor, date_from=first, date_to=last, studio_id=self.studio.currentData(),
                     unit_id=self.unit.currentData(), categories=(category,) if category else ())

    # -- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        self._debounce.stop()
        self._generation += 1
        generation, bank = self._generation, self.ctx.bank
        try:
            scope = self.current_scope()
        except IdeaBankError as exc:  # e.g. a custom period ending before it starts
            self.status.setText(exc.message)
            return
        self.status.setText(self.tr("Counting…"))

        def show(report: dict[str, Any]) -> None:
            if alive(self) and generation == self._generation:
                self.show_report(report)

        def failed(error: BaseException) -> None:
            if alive(self) and generation == self._generation:
                self.status.setText("")
                self.ctx.show_error(error, self)
        self.ctx.reader.submit(lambda state: analytics.report(bank, scope), done=show, failed=failed, label="stats")

    def show_report(self, report: dict[str, Any]) -> None:
        self.report = report
        self.status.setText("")
        self.restricted.setVisible(report["restricted"])
        b = report["benefit"]
        self.tiles["count"].setText(fmt.integer(report["count"]))
        self.tiles["adoption_rate"].setText(cell_text(report["adoption_rate"], "rate"))
        self.tiles["participants"].setText(fmt.integer(report["participants"]))
        self.tiles["expected"].setText(fmt.money(report["expected_benefit"]))
        self.tiles["measured"].setText(fmt.money(report["measured_benefit"]))
        self.tiles["roi"].setText(cell_text(b["roi"], "ratio"))
        self.tiles["payback"].setText(cell_text(b["payback_months"], "days"))
        for table in tables(report):
            if table.key in self.tables:
                self.tables[table.key].set_table(table)
        self._draw(report)

    def _draw(self, r: dict[str, Any]) -> None:
        c = self.charts
        stages = [stage_label(f["stage"]) for f in r["funnel"]]
        c["funnel"].set_chart(bars(self, stages[::-1], [(self.tr("Projects"), [f["count"] for f in r["funnel"]][::-1])],
                                   horizontal=True, values_shown=True))
        times = r["stage_times"][::-1]  # first stage at the top, as in the funnel
        c["stage_times"].set_chart(bars(self, [stage_label(x["stage"]) for x in times],
                                        [(self.tr("Mean"), [x["mean_days"] for x in times]),
                                         (self.tr("Median"), [x["median_days"] for x in times])], horizontal=True))
        units = r["by_unit"][:CHART_ROWS]
        c["by_unit"].set_chart(bars(self, [u["name"] for u in units][::-1],
                                    [(self.tr("Participation"), [u["participation_rate"] for u in units][::-1]),
                                     (self.tr("Adoption rate"), [u["adoption_rate"] for u in units][::-1])],
                                    horizontal=True, percent=True))
        studios = sorted(r["by_studio"], key=lambda s: -(s["ideas_per_head"] or 0))[:CHART_ROWS]
        c["by_studio"].set_chart(bars(self, [s["name"] for s in studios][::-1],
                                      [(self.tr("Ideas per head"), [s["ideas_per_head"] for s in studios][::-1])],
                                      horizontal=True))
        months = r["trend"]
        c["trend"].set_chart(lines(self, [m["month"] for m in months],
                                   [(self.tr("Proposals"), [m["proposals"] for m in months]),
                                    (self.tr("Adopted"), [m["adopted"] for m in months])]))
        categories = list(r["benefit"]["by_category"].items())[::-1]  # as the table lists them, top down
        c["benefit"].set_chart(bars(self, [label(CATEGORIES, k) for k, _ in categories],
                                    [(self.tr("Expected"), [v["expected"] / 10000 for _, v in categories]),
                                     (self.tr("Measured"), [v["measured"] / 10000 for _, v in categories])],
                                    horizontal=True))
        c["benefit"].title.setText(self.tr("Expected and measured benefit by category (10,000 yuan/yr)"))
        people = r["top_contributors"][:CHART_ROWS]
        c["contributors"].set_chart(bars(self, [p["name"] for p in people][::-1],
                                         [(self.tr("Projects"), [p["projects"] for p in people][::-1]),
                                          (self.tr("Adopted"), [p["adopted"] for p in people][::-1])],
                                         horizontal=True))

    # -- actions -------------------------------------------------------------------------------
    def page_actions(self) -> list[QAction]:
        return [self.export_all]

    def _export_all(self) -> None:
        if self.report is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export all tables as"), self.tr("analytics.xlsx"),
                                              self.tr("Excel workbooks (*.xlsx)"))
        if not path:
            return
        try:
            write_xlsx(path if path.lower().endswith(".xlsx") else path + ".xlsx", tables(self.report))
        except IdeaBankError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), exc.message)


register(PageSpec("stats", QT_TRANSLATE_NOOP("Pages", "Analytics"), AnalyticsPage, order=70, icon="chart-bar"))
