"""工作室: every innovation studio with its leader, members, projects, adoptions and measured benefit."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import analytics
from app.core.permissions import could, for_studio
from app.core.vocab import STUDIO_LEVELS, label
from app.ui import fmt
from app.ui.context import UiContext
from app.ui.pages import QT_TRANSLATE_NOOP, Page, PageSpec, register
from app.ui.permits import offer


class _Number(QTableWidgetItem):
    """Sorts by the number, not by the formatted text."""

    def __init__(self, value: float, text: str) -> None:
        super().__init__(text)
        self.value = value
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return self.value < getattr(other, "value", 0)


class StudiosPage(Page):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.table = QTableWidget(0, 8)
        self.table.setHorizontalHeaderLabels([self.tr("Studio"), self.tr("Level"), self.tr("Unit"), self.tr("Leader"),
                                              self.tr("Members"), self.tr("Projects"), self.tr("Adopted"),
                                              self.tr("Measured benefit (yuan/yr)")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.cellDoubleClicked.connect(self._open)
        hint = QLabel(self.tr("Double-click a studio to list its projects. Click a header to sort."))
        hint.setObjectName("muted")
        self.report_btn = QPushButton(self.tr("Annual report…"))
        self.report_btn.setToolTip(self.tr("The selected studio's annual innovation report as a PDF"))
        self.report_btn.clicked.connect(self._report)
        self.report_btn.setVisible(could(ctx.actor, "studio.export_batch"))
        self.table.currentCellChanged.connect(lambda *_: self._offer_report())
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.report_btn)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        ctx.sig_changes.connect(lambda ch: self.reload() if ch.people or ch.membership else None)
        self.reload()

    def reload(self) -> None:
        self.rows = analytics.studios_overview(self.ctx.bank, self.ctx.actor)
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            name = QTableWidgetItem(r["name"])
            name.setData(Qt.ItemDataRole.UserRole, r["id"])
            self.table.setItem(i, 0, name)
            self.table.setItem(i, 1, QTableWidgetItem(label(STUDIO_LEVELS, r["level"])))
            self.table.setItem(i, 2, QTableWidgetItem(r["unit"] or ""))
            self.table.setItem(i, 3, QTableWidgetItem(r["leader"] or ""))
            for col, key in ((4, "members"), (5, "projects"), (6, "adopted")):
                self.table.setItem(i, col, _Number(r[key], fmt.integer(r[key])))
            self.table.setItem(i, 7, _Number(r["measured_benefit"], fmt.money(r["measured_benefit"])))
        self.table.setSortingEnabled(True)
        if not getattr(self, "_sorted_once", False):  # the studios with most measured benefit first
            self.table.sortItems(7, Qt.SortOrder.DescendingOrder)
            self._sorted_once = True
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _selected(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _offer_report(self) -> None:
        """A leader reports on their own studio: another's report is disabled, and says why."""
        if self.report_btn.isVisibleTo(self):
            studio_id = self._selected() or self.ctx.actor.studio_id
            offer(self.report_btn, for_studio(self.ctx.actor, studio_id), "export_batch")

    def _report(self) -> None:
        self.ctx.sig_export.emit("report", self._selected() or "")

    def _open(self, row: int, _col: int) -> None:
        item = self.table.item(row, 0)
        if item is None:
            return
        studio_id = item.data(Qt.ItemDataRole.UserRole)
        self.sig_open_record.emit("studio", studio_id)


register(PageSpec("studios", QT_TRANSLATE_NOOP("Pages", "Studios"), StudiosPage, order=80, icon="building-community"))
