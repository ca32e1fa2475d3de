"""The project table: a model over ids with a lazy row cache (after Anki's browser table).

The model holds only the ordered list of ids. Row contents are fetched in blocks by id when the
view first asks for them, and kept in a bounded cache; `refresh_ids` drops the cached rows of
changed projects and repaints just those rows (calibre's refresh_ids). 100,000 ids cost a few MB.
"""
from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.core import queries
from app.core.bank import Bank
from app.core.queries import ProjectFilter, ProjectRow
from app.core.vocab import CATEGORIES, STATUSES, label
from app.ui import colours, fmt
from app.ui.i18n import QT_TRANSLATE_NOOP

# (key, header source text, sort key understood by queries.list_ids or None)
COLUMNS: list[tuple[str, str, str | None]] = [
    ("number", QT_TRANSLATE_NOOP("ProjectTable", "No."), "number"),
    ("title", QT_TRANSLATE_NOOP("ProjectTable", "Title"), "title"),
    ("category", QT_TRANSLATE_NOOP("ProjectTable", "Category"), "category"),
    ("status", QT_TRANSLATE_NOOP("ProjectTable", "Status"), "status"),
    ("studio", QT_TRANSLATE_NOOP("ProjectTable", "Studio"), None),
    ("proposer", QT_TRANSLATE_NOOP("ProjectTable", "Proposer"), None),
    ("unit", QT_TRANSLATE_NOOP("ProjectTable", "Unit"), None),
    ("vote_count", QT_TRANSLATE_NOOP("ProjectTable", "Votes"), "votes"),
    ("comment_count", QT_TRANSLATE_NOOP("ProjectTable", "Comments"), "comments"),
    ("expected_benefit", QT_TRANSLATE_NOOP("ProjectTable", "Expected benefit (yuan/yr)"), "expected_benefit"),
    ("measured_benefit", QT_TRANSLATE_NOOP("ProjectTable", "Measured benefit (yuan/yr)"), "benefit"),
    ("created_at", QT_TRANSLATE_NOOP("ProjectTable", "Created"), "created"),
    ("updated_at", QT_TRANSLATE_NOOP("ProjectTable", "Updated"), "updated"),
]
NUMERIC = {"vote_count", "comment_count", "expected_benefit", "measured_benefit"}
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ProjectTableModel(QAbstractTableModel):
    BLOCK = 150  # rows fetched per query: a screenful and a half
    CACHE = 6000  # rows kept; older ones are dropped and fetched again if scrolled back to

    FIRST = 200  # rows of the first screen, fetched with their contents in one indexed query

    sig_fetched = Signal(int, float)
    """(rows fetched, seconds) after each block, for the benchmark and the status bar."""
    sig_complete = Signal()
    """All ids of the current filter and order are in the model (after a progressive load)."""

    def __init__(self, bank: Bank, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bank = bank
        self.ids: list[str] = []
        self._cache: OrderedDict[str, ProjectRow] = OrderedDict()
        self._pos: dict[str, int] | None = None
        self.filter = ProjectFilter()
        self.sort_key = "updated"
        self.descending = True
        self.complete = True
        self._generation = 0
        # runner(fn, done): runs fn off the GUI thread and calls done(result) on it; None: inline.
        self.runner: Callable[[Callable[[], list[str]], Callable[[list[str]], None]], object] | None = None

    # -- contents ------------------------------------------------------------------------------
    def set_ids(self, ids: list[str]) -> None:
        self.beginResetModel()
        self.ids = list(ids)
        self._pos = None
        self.endResetModel()

    def load(self, f: ProjectFilter | None = None, sort: str | None = None, descending: bool | None = None) -> None:
        """Show the first screen at once (one LIMIT query with the rows' contents), then the
        full id list, fetched by the runner off the GUI thread, is appended behind it: at
        100,000 projects the full list takes a few hundred ms, the first screen a few tens."""
        if f is not None:
            self.filter = f
        if sort is not None:
            self.sort_key = sort
        if descending is not None:
            self.descending = descending
        self._generation += 1
        first = queries.page(self.bank, self.filter, sort=self.sort_key, descending=self.descending, limit=self.FIRST)
        for r in first:
            self._cache[r.id] = r
        self.set_ids([r.id for r in first])
        self.complete = len(first) < self.FIRST
        if self.complete:
            self.sig_complete.emit()
            return
        generation, args = self._generation, (self.bank, self.filter, self.sort_key, self.descending)
        if self.runner is None:
            self._append(queries.list_ids(*args))
        else:
            self.runner(lambda: queries.list_ids(*args),
                        lambda ids: self._append(ids) if generation == self._generation else None)

    def _append(self, ids: list[str]) -> None:
        head = len(self.ids)
        if ids[:head] != self.ids:  # the data moved meanwhile: show the full list as it is now
            self.set_ids(ids)
        elif len(ids) > head:
            self.beginInsertRows(QModelIndex(), head, len(ids) - 1)
            self.ids = list(ids)
            self._pos = None
            self.endInsertRows()
        self.complete = True
        self.sig_complete.emit()

    def row_of(self, project_id: str) -> int:
        if self._pos is None:
            self._pos = {pid: i for i, pid in enumerate(self.ids)}
        return self._pos.get(project_id, -1)

    def refresh_ids(self, project_ids: Iterable[str]) -> None:
        """Forget the cached rows of these projects and repaint only their rows."""
        last = self.columnCount() - 1
        for pid in project_ids:
            self._cache.pop(pid, None)
            row = self.row_of(pid)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def clear_cache(self) -> None:
        self._cache.clear()
        if self.ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, self.columnCount() - 1))

    def project_row(self, row: int) -> ProjectRow | None:
        if not 0 <= row < len(self.ids):
            return None
        pid = self.ids[row]
        cached = self._cache.get(pid)
        if cached is None:
            self._fetch_around(row)
            cached = self._cache.get(pid)
        return cached

    def _fetch_around(self, row: int) -> None:
        start = max(0, row - self.BLOCK // 3)
        wanted = [pid for pid in self.ids[start:start + self.BLOCK] if pid not in self._cache]
        started = time.perf_counter()
        fetched = queries.rows(self.bank, wanted)
        for pid in wanted:
            if pid in fetched:
                self._cache[pid] = fetched[pid]
        while len(self._cache) > self.CACHE:
            self._cache.popitem(last=False)
        self.sig_fetched.emit(len(fetched), time.perf_counter() - started)

    # -- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("ProjectTable", COLUMNS[section][1])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self.ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
                        Qt.ItemDataRole.ForegroundRole):
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if key in NUMERIC else None
        r = self.project_row(index.row())
        if r is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = colours.colour(f"status.{r.status}") if key == "status" else None
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.title if key == "title" else None
        return display(key, r)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][2] if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        self.load(sort=key, descending=order == Qt.SortOrder.DescendingOrder)


def display(key: str, r: ProjectRow) -> str:
    if key == "category":
        return label(CATEGORIES, r.category)
    if key == "status":
        return label(STATUSES, r.status)
    if key in ("expected_benefit", "measured_benefit"):
        return fmt.money(getattr(r, key))
    if key in ("vote_count", "comment_count"):
        return fmt.integer(getattr(r, key))
    if key in ("created_at", "updated_at"):
        return fmt.date(getattr(r, key))
    value = getattr(r, key)
    return "" if value is None else str(value)
