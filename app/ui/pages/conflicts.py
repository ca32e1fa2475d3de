"""Synchronisation conflicts (同步冲突): what two sites changed at once, edits that met a deletion,
and changes the hub refused, with both values, who and when; leaders settle their studio's."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.sync import conflicts
from app.ui import fmt
from app.ui.context import UiContext
from app.ui.pages import QT_TRANSLATE_NOOP, Page, PageSpec, register


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):  # amounts: 52,000 whether they came as 52000 or 52000.0
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    if isinstance(value, list):
        return "；".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}: {_text(v)}" for k, v in value.items() if v not in (None, ""))
    return str(value)


def _who_when(who: str | None, when: str | None) -> str:
    return " · ".join(x for x in (who or "", fmt.datetime(when) if when else "") if x)


class ConflictsPage(Page):
    """Its badge is the number of open conflicts this person sees."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.found: list[conflicts.ConflictView] = []
        self.header = QLabel()
        self.header.setObjectName("sectionTitle")
        self.closed = QCheckBox(self.tr("Show settled ones"))
        self.closed.toggled.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.closed)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Project"), self.tr("Field"),
                                              self.tr("Current value"), self.tr("Other value"), self.tr("Status")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.table.cellDoubleClicked.connect(lambda *_: self._open_project())

        self.current = QPlainTextEdit()
        self.current.setReadOnly(True)
        self.current.setMaximumHeight(110)
        self.current_who = QLabel()
        self.other = QPlainTextEdit()
        self.other.setReadOnly(True)
        self.other.setMaximumHeight(110)
        self.other_who = QLabel()
        self.keep_btn = QPushButton(self.tr("Keep the current value"))
        self.take_btn = QPushButton(self.tr("Use the other value"))
        self.delete_btn = QPushButton(self.tr("Delete the record"))
        self.open_btn = QPushButton(self.tr("Open the project"))
        self.keep_btn.clicked.connect(lambda: self._resolve("keep"))
        self.take_btn.clicked.connect(lambda: self._resolve("take"))
        self.delete_btn.clicked.connect(lambda: self._resolve("delete"))
        self.open_btn.clicked.connect(self._open_project)
        detail = QWidget()
        form = QFormLayout(detail)
        form.addRow(self.tr("Current value"), self.current)
        form.addRow("", self.current_who)
        form.addRow(self.tr("Other value"), self.other)
        form.addRow("", self.other_who)
        buttons = QHBoxLayout()
        for b in (self.keep_btn, self.take_btn, self.delete_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.open_btn)
        form.addRow(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        hint = QLabel(self.tr("When two places changed the same thing before synchronising, the later change is "
                              "kept and the other is listed here, so nothing typed is lost. Leaders settle their "
                              "studio's conflicts; everyone sees the changes of theirs the hub refused."))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(hint)
        ctx.sig_changes.connect(lambda _changes: self.reload())
        self.reload()

    def reload(self) -> None:
        self.found = conflicts.list_conflicts(self.ctx.bank, self.ctx.actor, include_closed=self.closed.isChecked())
        self.table.setRowCount(len(self.found))
        for row, c in enumerate(self.found):
            project = " ".join(x for x in (c.project_number, c.project_title) if x) or c.entity_id[:8]
            status = self.tr("Open") if c.status == "open" else self.tr("Settled")
            for col, text in enumerate((c.kind_label, project, c.field_label, _text(c.current), _text(c.value), status)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                self.table.setItem(row, col, item)
        open_count = sum(1 for c in self.found if c.status == "open")
        self.header.setText(self.tr("%n open conflict(s)", "", open_count))
        self.sig_badge.emit(open_count)
        self._show_selected()

    def selected(self) -> conflicts.ConflictView | None:
        row = self.table.currentRow()
        return self.found[row] if 0 <= row < len(self.found) and self.table.selectedItems() else None

    def select_record(self, entity: str, entity_id: str) -> bool:
        for row, c in enumerate(self.found):
            if c.id == entity_id:
                self.table.selectRow(row)
                return True
        return False

    def _show_selected(self) -> None:
        c = self.selected()
        self.current.setPlainText(_text(c.current) if c else "")
        self.other.setPlainText(_text(c.value) if c else "")
        self.current_who.setText(_who_when(c.current_by, c.current_at) if c else "")
        self.other_who.setText(_who_when(c.value_by, c.value_at) if c else "")
        actions = c.actions if c else ()
        self.keep_btn.setEnabled("keep" in actions)
        self.take_btn.setEnabled("take" in actions)
        self.delete_btn.setVisible("delete" in actions)
        self.open_btn.setEnabled(bool(c and c.project_number))

    def _resolve(self, action: str) -> None:
        c = self.selected()
        if c is None:
            return
        bank, actor = self.ctx.bank, self.ctx.actor
        self.ctx.write(lambda: conflicts.resolve(bank, actor, c.id, action), parent=self)

    def _open_project(self) -> None:
        c = self.selected()
        if c is not None and c.project_id and c.project_number:
            self.ctx.sig_open_project.emit(c.project_id)


register(PageSpec("conflicts", QT_TRANSLATE_NOOP("Pages", "Conflicts"), ConflictsPage, order=90, icon="git-compare", counts=True,
                  entities=frozenset({"conflict"})))
