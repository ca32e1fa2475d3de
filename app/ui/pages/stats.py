"""统计: totals and breakdowns by status, category and year, for the whole bank or one studio/year."""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QProgressBar,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from app.core import choices, stats
from app.core.queries import ProjectFilter
from app.core.vocab import CATEGORIES, STATUSES, label
from app.ui import fmt
from app.ui.pages import Page, PageSpec, register
from app.ui.context import UiContext
from app.ui.worker import alive


class StatsPage(Page):
    def __init__(self, ctx: UiContext, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, parent)
        self._generation = 0
        self.studio = QComboBox()
        self.year = QComboBox()
        self.studio.addItem(self.tr("All studios"), None)
        for sid, name in choices.studios(ctx.bank):
            self.studio.addItem(name, sid)
        self.year.addItem(self.tr("All years"), None)
        for y in choices.years(ctx.bank):
            self.year.addItem(str(y), y)
        for combo in (self.studio, self.year):
            combo.currentIndexChanged.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self.studio)
        top.addWidget(self.year)
        top.addStretch()
        self.figures: dict[str, QLabel] = {}
        heads = QGridLayout()
        for i, (key, text) in enumerate((("count", self.tr("Projects")), ("adopted", self.tr("Adopted")),
                                         ("rate", self.tr("Adoption rate")),
                                         ("measured", self.tr("Measured benefit (yuan/yr)")),
                                         ("expected", self.tr("Expected benefit (yuan/yr)")))):
            value = QLabel("…")
            value.setObjectName("appTitle")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(text)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setObjectName("muted")
            heads.addWidget(value, 0, i)
            heads.addWidget(caption, 1, i)
            self.figures[key] = value
        self.tables = {key: self._table() for key in ("status", "category", "year")}
        boxes = QHBoxLayout()
        for key, title in (("status", self.tr("By status")), ("category", self.tr("By category")),
                           ("year", self.tr("By year"))):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(self.tables[key])
            boxes.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(heads)
        layout.addLayout(boxes, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(500)
        self._debounce.timeout.connect(self.reload)
        ctx.sig_changes.connect(lambda ch: self._debounce.start() if ch.membership else None)
        self.reload()

    def _table(self) -> QTableWidget:
        t = QTableWidget(0, 3)
        t.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Projects"), ""])
        t.verticalHeader().hide()
        t.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        return t

    def current_filter(self) -> ProjectFilter:
        return dataclasses.replace(ProjectFilter(), studio_id=self.studio.currentData(), year=self.year.currentData())

    def reload(self) -> None:
        self._generation += 1
        generation, bank, f = self._generation, self.ctx.bank, self.current_filter()

        def show(s) -> None:  # type: ignore[no-untyped-def]
            if alive(self) and generation == self._generation:
                self.show_summary(s)
        self.ctx.reader.submit(lambda state: stats.summary(bank, f), done=show,
                               failed=lambda e: self.ctx.show_error(e, self), label="stats")

    def show_summary(self, s: dict) -> None:
        self.summary = s
        self.figures["count"].setText(fmt.integer(s["count"]))
        self.figures["adopted"].setText(fmt.integer(s["adopted"]))
        rate = s["adoption_rate"]
        self.figures["rate"].setText("—" if rate is None else f"{rate * 100:.0f}%")
        self.figures["measured"].setText(fmt.money(s["measured_benefit"]))
        self.figures["expected"].setText(fmt.money(s["expected_benefit"]))
        self._fill("status", [(label(STATUSES, k), s["by_status"].get(k, 0)) for k in STATUSES if k in s["by_status"]])
        self._fill("category", [(label(CATEGORIES, k), s["by_category"].get(k, 0)) for k in CATEGORIES
                                if k in s["by_category"]])
        self._fill("year", list(s["by_year"].items()))

    def _fill(self, key: str, rows: list[tuple[str, int]]) -> None:
        table = self.tables[key]
        table.setRowCount(len(rows))
        top = max((n for _, n in rows), default=1) or 1
        for i, (name, n) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(name))
            count = QTableWidgetItem(fmt.integer(n))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(i, 1, count)
            bar = QProgressBar()
            bar.setRange(0, top)
            bar.setValue(n)
            bar.setTextVisible(False)
            bar.setMaximumHeight(12)
            table.setCellWidget(i, 2, bar)
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)


register(PageSpec("stats", QT_TRANSLATE_NOOP("Pages", "Statistics"), StatsPage, order=70, icon="chart-bar"))
