"""The studio settings' tab of yearly targets per head by unit (各单位人均年度目标).

Every unit the studio (or, for administrators, the site) sets targets for, in tree order, with its
people and proposals this year beside the target field, and what that target means by today: a
leader sees who is behind while setting them. The figures come from the core on the reader
(app/core/unit_targets.py); what a person types is checked by the core's own rule
(alerts.target_number) as they type and again before anything is saved; saving is the CLI's
function (alerts.set_thresholds) on the write worker, audited there.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import alerts, unit_targets
from app.core.changes import Changes
from app.core.errors import ValidationError
from app.ui import colours
from app.ui.dialogs.studio_settings import Section

UNIT, HEADS, PROPOSALS, PER_HEAD, TARGET, DEFAULT, EXPECTED, PROGRESS = range(8)
NUMBERS = (HEADS, PROPOSALS, PER_HEAD, TARGET, DEFAULT, EXPECTED)


class UnitTargetsSection(Section):
    """A table of units, the target column editable (0 or empty: none, the default applies)."""

    def __init__(self, ctx: Any, studio: dict[str, Any] | None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, studio, parent)
        self.view: unit_targets.TargetsView | None = None
        self._start: dict[str, Any] = {}
        self.cells: list[dict[int, QTableWidgetItem]] = []  # each row's items by column
        self.refused = QLabel()
        self.refused.setObjectName("banner")
        self.refused.setWordWrap(True)
        self.refused.hide()
        self.default = QDoubleSpinBox()
        self.default.setRange(0, alerts.MAX_TARGET)
        self.default.setDecimals(2)
        self.default.setSpecialValueText(self.tr("no target"))
        self.default.setToolTip(self.tr("A bottom unit (a crew, no unit below it) without a target of its own is "
                                        "held to this many proposals per head a year"))
        self.default.valueChanged.connect(self._refresh)
        self.default.setMinimumWidth(140)
        form = QHBoxLayout()
        form.addWidget(QLabel(self.tr("Default yearly target per head of each crew")))
        form.addWidget(self.default)
        form.addStretch(1)
        self.note = QLabel(self.tr("Counting this year's proposals…"))
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find a unit"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.behind_only = QCheckBox(self.tr("Only units behind their target"))
        self.behind_only.toggled.connect(self._filter)
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.behind_only)
        self.table = QTableWidget(0, 8)
        self.table.setHorizontalHeaderLabels([
            self.tr("Unit"), self.tr("People"), self.tr("This year"), self.tr("Per head"),
            self.tr("Target per head"), self.tr("Default"), self.tr("Due by today"), self.tr("Progress")])
        for col, tip in ((TARGET, self.tr("Type a number; 0 or empty: no target of its own (the default applies)")),
                         (EXPECTED, self.tr("Target × people × the share of the year gone, rounded down: a unit "
                                            "is warned once it is a whole proposal short"))):
            head = self.table.horizontalHeaderItem(col)
            if head is not None:
                head.setToolTip(tip)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(UNIT, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 8):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideLeft)  # a long path keeps the unit's own name
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.itemChanged.connect(self._edited)
        title = QLabel(self.tr("Yearly proposals per head by unit"))
        title.setObjectName("sectionTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.refused)
        layout.addLayout(form)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self.setEnabled(False)  # until the figures are in
        bank, actor, name = ctx.bank, ctx.actor, self.studio_name
        reader = getattr(ctx, "reader", None) or ctx.worker
        reader.submit(lambda state: unit_targets.view(bank, actor, name), done=self._loaded,
                      failed=lambda e: ctx.show_error(e, self), label=self.tr("Counting proposals by unit"))

    # -- showing ----------------------------------------------------------------------------------
    def _loaded(self, view: unit_targets.TargetsView) -> None:
        self.view = view
        self.setEnabled(True)
        self.default.blockSignals(True)
        self.default.setValue(view.default)
        self.default.blockSignals(False)
        self.default.setEnabled(view.may_edit)
        if not view.may_edit:
            self.refused.setText(view.reason)
            self.refused.show()
            self.default.setToolTip(view.reason)
            self.table.setToolTip(view.reason)
        self.table.blockSignals(True)
        self.table.setRowCount(len(view.rows))
        for i, row in enumerate(view.rows):
            name = QTableWidgetItem()
            name.setToolTip(row.path)
            cells = {UNIT: name, HEADS: QTableWidgetItem(str(row.heads)),
                     PROPOSALS: QTableWidgetItem(str(row.proposals)),
                     PER_HEAD: QTableWidgetItem("—" if row.per_head is None else f"{row.per_head:.2f}"),
                     TARGET: QTableWidgetItem(f"{row.own:g}" if row.own else "")}
            for col in (DEFAULT, EXPECTED, PROGRESS):
                cells[col] = QTableWidgetItem()
            for col, item in cells.items():
                editable = col == TARGET and view.may_edit
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | (Qt.ItemFlag.ItemIsEditable if editable else Qt.ItemFlag.NoItemFlags))
                if col in NUMBERS:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, col, item)
            self.cells.append(cells)
        self.table.blockSignals(False)
        self._start = self.values()
        self._refresh()
        self.note.setText(self.tr("%1 days of %2 gone (%3%): a target is due pro rata. A unit counts with every "
                                  "unit below it; secret projects and drafts are not counted.")
                          .replace("%1", str(view.today.timetuple().tm_yday)).replace("%2", str(view.today.year))
                          .replace("%3", f"{view.fraction * 100:.0f}"))

    def _edited(self, item: QTableWidgetItem) -> None:
        if item.column() == TARGET:
            self._refresh()

    def _typed(self) -> dict[str, float]:
        """unit id -> the target typed in its row (rows with something unreadable left out, marked)."""
        assert self.view is not None
        out: dict[str, float] = {}
        self.table.blockSignals(True)
        for i, row in enumerate(self.view.rows):
            item = self.cells[i][TARGET]
            try:
                out[row.unit_id] = alerts.target_number(item.text(), row.name)
                item.setBackground(QBrush())
                item.setToolTip("")
            except ValidationError as error:
                tint = QColor(colours.colour("error") or "red")
                tint.setAlpha(70)
                item.setBackground(tint)
                item.setToolTip(error.message)
        self.table.blockSignals(False)
        return out

    def _refresh(self) -> None:
        """Default, due by today and progress of every row, for the default and targets as typed."""
        if self.view is None:
            return
        view, typed = self.view, self._typed()
        fallback = view.in_force(self.default.value(), {})
        in_force = view.in_force(self.default.value(), typed)
        self.table.blockSignals(True)
        for i, row in enumerate(view.rows):
            self.cells[i][DEFAULT].setText(f"{fallback[row.unit_id]:g}" if row.unit_id in fallback else "—")
            target = in_force.get(row.unit_id)
            progress = self.cells[i][PROGRESS]
            if target is None:
                self.cells[i][EXPECTED].setText("—")
                progress.setText(self.tr("no target"))
                progress.setForeground(QColor(colours.colour("muted") or "gray"))
                progress.setData(Qt.ItemDataRole.UserRole, False)
                continue
            expected = view.expected(row, target)
            short = expected - row.proposals
            self.cells[i][EXPECTED].setText(str(expected))
            if short >= 1:
                progress.setText(self.tr("%1 short").replace("%1", str(short)))
                progress.setForeground(QColor(colours.colour("error") or "red"))
            else:
                progress.setText(self.tr("on track"))
                progress.setForeground(QColor(colours.colour("ok") or "green"))
            progress.setData(Qt.ItemDataRole.UserRole, short >= 1)
        self.table.blockSignals(False)
        self._filter()

    def _filter(self) -> None:
        if self.view is None:
            return
        text = self.search.text().strip()
        filtered = bool(text) or self.behind_only.isChecked()
        top = self.view.rows[0].path + "/" if self.view.rows else ""
        self.table.blockSignals(True)
        for i, row in enumerate(self.view.rows):
            behind = bool(self.cells[i][PROGRESS].data(Qt.ItemDataRole.UserRole))
            if not filtered:  # the tree, indented
                self.cells[i][UNIT].setText("　" * row.depth + row.name)
            else:  # out of the tree's order a unit is known by its path below the top unit
                self.cells[i][UNIT].setText(row.path.removeprefix(top) if i else row.name)
            self.table.setRowHidden(i, (bool(text) and text not in row.path)
                                    or (self.behind_only.isChecked() and not behind))
        self.table.blockSignals(False)

    # -- saving -----------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """What the core is asked to store: the default, and the targets typed that differ from
        those saved (0 removes one)."""
        if self.view is None:
            return {}
        targets: dict[str, Any] = {}
        for i, row in enumerate(self.view.rows):
            text = self.cells[i][TARGET].text().strip()
            try:
                if alerts.target_number(text, row.name) == row.own:
                    continue
            except ValidationError:
                pass  # kept as typed: validate() refuses it before anything is saved
            targets[row.unit_id] = text
        out: dict[str, Any] = {"proposals_per_head": self.default.value()}
        if targets:
            out["unit_targets"] = targets
        return out

    def changed(self) -> bool:
        return self.view is not None and self.view.may_edit and self.values() != self._start

    def validate(self) -> None:
        """The first unreadable target, selected, as the core's refusal."""
        assert self.view is not None
        for i, row in enumerate(self.view.rows):
            item = self.cells[i][TARGET]
            try:
                alerts.target_number(item.text(), row.name)
            except ValidationError:
                self.table.setRowHidden(i, False)
                self.table.setCurrentItem(item)
                raise

    def save(self) -> Callable[[], Changes]:
        bank, actor, name, values = self.ctx.bank, self.ctx.actor, self.studio_name, self.values()
        return lambda: alerts.set_thresholds(bank, actor, name, values)

