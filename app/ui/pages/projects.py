"""A page of projects: filters and saved views, the lazy table, and the detail pane beside it.

The same page serves 创新智慧库 (everything), 我的项目 (mine) and 待我评审 (awaiting my review):
each passes its own base filter.
"""
from __future__ import annotations

import dataclasses
import json
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core import choices, inbox
from app.core.changes import Changes
from app.core.queries import ProjectFilter, awaiting_review
from app.core.vocab import CATEGORIES, STATUSES, label
from app.ui.context import UiContext
from app.ui.pages import QT_TRANSLATE_NOOP, Page, PageSpec, register
from app.ui.widgets.detail import DetailPane
from app.ui.widgets.project_model import COLUMNS, ID_ROLE, ProjectTableModel

FILTER_KEYS = ("categories", "statuses", "studio_id", "unit_id", "year", "has_measured_benefit")
# When the table is too narrow for its columns (a 1366×768 laptop with the detail pane open), these
# are hidden first, in this order, rather than clipping the studio and scrolling sideways; the
# column menu shows them again, and a layout the user saved is kept as it is.
DROP_FIRST = ("comment_count", "vote_count", "measured_benefit", "proposer", "updated_at",
              "category")  # the last resort (English labels are long); the detail pane shows it too
MIN_TITLE = 200  # px: narrower than this, a column is hidden instead


class FilterBar(QWidget):
    sig_changed = Signal()

    def __init__(self, ctx: UiContext, views_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.views_key = views_key
        self._loading = False
        self.category = QComboBox()
        self.status = QComboBox()
        self.studio = QComboBox()
        self.unit = QComboBox()
        self.year = QComboBox()
        self.benefit = QCheckBox(self.tr("With measured benefit"))
        self.views = QComboBox()
        self.views.setMinimumContentsLength(8)
        self.save_view = QPushButton(self.tr("Save view…"))
        self.delete_view = QPushButton(self.tr("Delete view"))
        self.clear = QPushButton(self.tr("Clear filters"))
        for combo, tip in ((self.category, self.tr("Category")), (self.status, self.tr("Status")),
                           (self.studio, self.tr("Studio")), (self.unit, self.tr("Unit")), (self.year, self.tr("Year")),
                           (self.views, self.tr("Saved views"))):
            combo.setToolTip(tip)
            # Short vocabularies show whole; studio and unit names are long, so those boxes stay compact.
            if combo in (self.studio, self.unit, self.views):
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                combo.setMinimumContentsLength(7)
            else:
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.fill_choices()
        # English categories are long ("Management innovation"): no wider than "All categories", so
        # the window fits 1366 px (the list shows the whole name when opened).
        self.category.setMaximumWidth(self.category.fontMetrics().horizontalAdvance(self.category.itemText(0)) + 48)
        row1 = QHBoxLayout()
        row1.setContentsMargins(0, 0, 0, 0)
        for w in (self.category, self.status, self.studio, self.unit, self.year, self.benefit):
            row1.addWidget(w)
        row1.addStretch()
        row1.addWidget(QLabel(self.tr("View:")))
        for b in (self.views, self.save_view, self.delete_view, self.clear):
            row1.addWidget(b)
        self.setLayout(row1)
        for combo in (self.category, self.status, self.studio, self.unit, self.year):
            combo.currentIndexChanged.connect(self._changed)
        self.benefit.toggled.connect(self._changed)
        self.clear.clicked.connect(self.reset)
        self.save_view.clicked.connect(self._save_view)
        self.delete_view.clicked.connect(self._delete_view)
        self.views.activated.connect(self._apply_view)
        self._fill_views()

    def fill_choices(self) -> None:
        self._loading = True
        for combo in (self.category, self.status, self.studio, self.unit, self.year):
            combo.clear()
        self.category.addItem(self.tr("All categories"), None)
        for code in CATEGORIES:
            self.category.addItem(label(CATEGORIES, code), code)
        self.status.addItem(self.tr("All statuses"), None)
        for code in STATUSES:
            self.status.addItem(label(STATUSES, code), code)
        self.studio.addItem(self.tr("All studios"), None)
        for sid, name in choices.studios(self.ctx.bank):
            self.studio.addItem(name, sid)
        self.unit.addItem(self.tr("All units"), None)
        for uid, name, depth in choices.units(self.ctx.bank):
            self.unit.addItem("　" * depth + name, uid)
        self.year.addItem(self.tr("All years"), None)
        for y in choices.years(self.ctx.bank):
            self.year.addItem(str(y), y)
        self._loading = False

    def _changed(self) -> None:
        if not self._loading:
            self.sig_changed.emit()

    def values(self) -> dict[str, Any]:
        return {"categories": (self.category.currentData(),) if self.category.currentData() else (),
                "statuses": (self.status.currentData(),) if self.status.currentData() else (),
                "studio_id": self.studio.currentData(), "unit_id": self.unit.currentData(),
                "year": self.year.currentData(), "has_measured_benefit": True if self.benefit.isChecked() else None}

    def set_values(self, v: dict[str, Any]) -> None:
        self._loading = True

        def pick(combo: QComboBox, value: Any) -> None:
            i = combo.findData(value)
            combo.setCurrentIndex(max(0, i))
        pick(self.category, (v.get("categories") or [None])[0])
        pick(self.status, (v.get("statuses") or [None])[0])
        pick(self.studio, v.get("studio_id"))
        pick(self.unit, v.get("unit_id"))
        pick(self.year, v.get("year"))
        self.benefit.setChecked(bool(v.get("has_measured_benefit")))
        self._loading = False
        self.sig_changed.emit()

    def reset(self) -> None:
        self.set_values({})

    # -- saved views (per person, in the user's settings) -----------------------------------------
    def _store(self) -> dict[str, Any]:
        raw = QSettings().value(self.views_key, "{}")
        try:
            return json.loads(raw) if isinstance(raw, str) else {}
        except ValueError:
            return {}

    def _fill_views(self) -> None:
        self.views.clear()
        self.views.addItem(self.tr("(none)"), None)
        for name in sorted(self._store()):
            self.views.addItem(name, name)
        self.delete_view.setEnabled(self.views.count() > 1)

    def save_current_view(self, name: str) -> None:
        store = self._store()
        store[name] = {k: list(v) if isinstance(v, tuple) else v for k, v in self.values().items()}
        QSettings().setValue(self.views_key, json.dumps(store, ensure_ascii=False))
        self._fill_views()
        self.views.setCurrentIndex(self.views.findData(name))

    def _save_view(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save view"), self.tr("Name of this view:"))
        if ok and name.strip():
            self.save_current_view(name.strip())

    def apply_view(self, name: str) -> None:
        view = self._store().get(name)
        if view is not None:
            self.set_values(view)

    def _apply_view(self, index: int) -> None:
        name = self.views.itemData(index)
        if name:
            self.apply_view(name)

    def _delete_view(self) -> None:
        name = self.views.currentData()
        if name:
            store = self._store()
            store.pop(name, None)
            QSettings().setValue(self.views_key, json.dumps(store, ensure_ascii=False))
            self._fill_views()


class ProjectsPage(Page):
    sig_count = Signal(int)
    """Number of projects listed, after each load."""

    def __init__(self, ctx: UiContext, key: str, base: ProjectFilter | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.key = key
        # Every list carries the viewer, so secret projects they may not see never appear.
        self.base = dataclasses.replace(base or ProjectFilter(), viewer=ctx.actor)
        self.search_ids: list[str] | None = None
        self.search_text = ""
        self._relevance = False
        self.filters = FilterBar(ctx, f"views/{ctx.actor.employee_no}/{key}")
        self.model = ProjectTableModel(ctx.bank, self)
        self.model.runner = lambda fn, done: ctx.reader.submit(lambda state: fn(), done=done,
                                                               failed=lambda e: ctx.show_error(e, self))
        self.model.sig_complete.connect(self._complete)
        self._keep: str | None = None  # the selection to restore after a reload
        self._want: str | None = None  # a project asked for (reveal): shown once it is listed, whatever else happens
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setHighlightSections(False)
        header.sectionClicked.connect(self._header_clicked)
        widths = {"number": 150, "title": 300, "category": 90, "status": 70, "studio": 180, "proposer": 70,
                  "unit": 120, "vote_count": 50, "comment_count": 50, "expected_benefit": 110,
                  "measured_benefit": 110, "created_at": 90, "updated_at": 90}
        fm = self.table.fontMetrics()
        widths["category"] = max(fm.horizontalAdvance(label(CATEGORIES, c)) for c in CATEGORIES) + 18
        widths["status"] = max(fm.horizontalAdvance(label(STATUSES, c)) for c in STATUSES) + 18
        widths["number"] = fm.horizontalAdvance("CX-2025-ABCD-000000") + 14
        for i, (k, _, _) in enumerate(COLUMNS):
            head = fm.horizontalAdvance(self.model.headerData(i, Qt.Orientation.Horizontal)) + 24
            self.table.setColumnWidth(i, max(widths.get(k, 100), head if k not in ("expected_benefit",
                                                                                 "measured_benefit") else 0))
        for hidden in ("unit", "created_at", "expected_benefit"):
            header.hideSection([c[0] for c in COLUMNS].index(hidden))
        header.setSortIndicator([c[0] for c in COLUMNS].index("updated_at"), Qt.SortOrder.DescendingOrder)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self.detail = DetailPane(ctx)
        self.count_label = QLabel()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.table, 1)
        ll.addWidget(self.count_label)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 420])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filters)
        layout.addWidget(splitter, 1)
        self.filters.sig_changed.connect(self.reload)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.detail.sig_edit.connect(self.edit)
        self.detail.sig_review.connect(self.review)
        ctx.sig_changes.connect(self.on_changes)
        self._fitted = self._restore_layout()  # a saved layout is the user's: not refitted
        if ctx.searcher is not None and ctx.searcher.text:  # built after a search was typed: start filtered
            self.search_text, self.search_ids = ctx.searcher.text, ctx.searcher.ids
            self._relevance = self.search_ids is not None

    # -- layout memory ---------------------------------------------------------------------------
    def _restore_layout(self) -> bool:
        """Whether a saved column layout was restored."""
        s = QSettings()
        state = s.value(self._layout_key("header"))
        if state is not None:
            self.table.horizontalHeader().restoreState(state)
        split = s.value(self._layout_key("splitter"))
        if split is not None:
            self.splitter.restoreState(split)
        return state is not None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            QTimer.singleShot(0, self.fit_columns)  # once laid out, when the table's width is known

    def fit_columns(self) -> None:
        """Fit the columns to the table's width: the title takes what the others leave, and when that
        is less than MIN_TITLE the columns of DROP_FIRST are hidden one by one."""
        header = self.table.horizontalHeader()
        keys = [c[0] for c in COLUMNS]
        title = keys.index("title")
        available = self.table.viewport().width()
        if available <= 0:
            return

        def others() -> int:
            return sum(header.sectionSize(i) for i in range(len(keys)) if i != title and not header.isSectionHidden(i))
        for key in DROP_FIRST:
            if available - others() >= MIN_TITLE:
                break
            header.hideSection(keys.index(key))
        header.resizeSection(title, max(MIN_TITLE, available - others()))

    def save_state(self) -> None:
        s = QSettings()
        s.setValue(self._layout_key("header"), self.table.horizontalHeader().saveState())
        s.setValue(self._layout_key("splitter"), self.splitter.saveState())

    def _layout_key(self, part: str) -> str:
        # Column widths depend on the language's labels, so each language keeps its own layout.
        from app.core.i18n import language
        return f"table/{self.key}/{language()}/{part}"

    def _column_menu(self, pos: QPoint) -> None:
        from PySide6.QtWidgets import QMenu
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for i in range(len(COLUMNS)):
            act = menu.addAction(self.model.headerData(i, Qt.Orientation.Horizontal))
            act.setCheckable(True)
            act.setChecked(not header.isSectionHidden(i))
            act.toggled.connect(lambda on, i=i: header.setSectionHidden(i, not on))
        menu.exec(header.mapToGlobal(pos))

    # -- loading ---------------------------------------------------------------------------------
    def current_filter(self) -> ProjectFilter:
        f = dataclasses.replace(self.base, **{k: v for k, v in self.filters.values().items()
                                             if v not in (None, ()) or getattr(self.base, k) in (None, ())})
        if self.search_ids is not None:
            f = dataclasses.replace(f, ids=tuple(self.search_ids))
        return f

    def reload(self) -> None:
        """Query the ids again (filters, order or membership changed), keeping the selection."""
        self._keep = self._want or self.current_id() or self._keep
        self.model.load(self.current_filter())

    def _complete(self) -> None:
        """The list is whole: order search hits by relevance, count, restore the selection."""
        if self.search_ids is not None and self._relevance:
            listed = set(self.model.ids)
            self.model.set_ids([i for i in self.search_ids if i in listed])
        self.count_label.setText(self.tr("%n project(s)", "", len(self.model.ids)) +
                                 (self.tr(" matching “%1”").replace("%1", self.search_text) if self.search_ids is not None
                                  else ""))
        self.sig_count.emit(len(self.model.ids))
        keep, self._keep = self._want or self._keep, None
        if self._want and self.model.row_of(self._want) < 0 and self._hidden_by_filters():
            self.filters.reset()  # reloads; the project asked for is selected when that list is whole
            return
        self._want = None
        if keep:
            self.select(keep, quiet=True)
        if self.model.ids and (self.current_id() is None or
                               (self.search_ids and self.current_id() not in self.search_ids)):
            self.select(self.model.ids[0])  # the detail pane is never empty while the list is not
        if self.current_id() != self.detail.project_id:
            self.detail.show_project(self.current_id())

    def set_search(self, text: str, ids: list[str] | None) -> None:
        self.search_text = text
        self.search_ids = ids
        self._relevance = ids is not None  # search results come best first until a header is clicked
        self.reload()

    def _header_clicked(self, section: int) -> None:
        if COLUMNS[section][2] is None:
            return
        self._relevance = False
        header = self.table.horizontalHeader()
        self.model.sort(section, header.sortIndicatorOrder())
        self.reload()

    def current_id(self) -> str | None:
        idx = self.table.currentIndex()
        return self.model.ids[idx.row()] if idx.isValid() and idx.row() < len(self.model.ids) else None

    def select(self, project_id: str, quiet: bool = False) -> bool:
        row = self.model.row_of(project_id)
        if row < 0:
            if not self.model.complete:
                self._keep = project_id  # the rest of the list is on its way
                return True
            return False
        idx = self.model.index(row, 1)
        self.table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(idx)
        if not quiet or self.detail.project_id != project_id:
            self.detail.show_project(project_id)
        return True

    def reveal(self, project_id: str) -> None:
        """Select and show this project (e.g. the one just proposed): after the list now loading has
        arrived, and with the filters cleared if they hide it. The previous selection never wins."""
        self._want = project_id
        if self.model.complete:
            self.reload()

    def _hidden_by_filters(self) -> bool:
        return any(v not in (None, ()) for v in self.filters.values().values())

    def select_record(self, entity: str, entity_id: str) -> bool:
        if entity == "studio":  # a studio is shown as the list of its projects
            self.filters.set_values({"studio_id": entity_id})
            return True
        return entity == "project" and self.select(entity_id)

    def current_project_id(self) -> str | None:
        return self.detail.project_id

    def edit(self, project_id: str) -> None:
        from app.ui.dialogs.propose import ProposeDialog
        ProposeDialog(self.ctx, project_id, parent=self.window()).exec()

    def review(self, project_id: str) -> None:
        from app.ui.dialogs.review import ReviewDialog
        ReviewDialog(self.ctx, project_id, parent=self.window()).exec()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.detail.show_project(self.model.data(current, ID_ROLE) if current.isValid() else None)

    def on_changes(self, changes: Changes) -> None:
        if changes.people:
            self.filters.fill_choices()
        if changes.membership:
            self.reload()
        elif changes.project_ids:
            self.model.refresh_ids(changes.project_ids)



register(PageSpec("bank", QT_TRANSLATE_NOOP("Pages", "Idea bank"), lambda ctx: ProjectsPage(ctx, "bank"), order=10,
                  follows_search=True, entities=frozenset({"project", "studio"}), icon="bulb"))
register(PageSpec("mine", QT_TRANSLATE_NOOP("Pages", "My projects"),
                  lambda ctx: ProjectsPage(ctx, "mine", ProjectFilter(member_id=ctx.actor.id)), order=20,
                  follows_search=True, icon="user"))
register(PageSpec("review", QT_TRANSLATE_NOOP("Pages", "Awaiting my review"),
                  lambda ctx: ProjectsPage(ctx, "review", awaiting_review(ctx.bank, ctx.actor)), order=30,
                  roles=frozenset({"leader", "admin"}), follows_search=True, counts=True,
                  badge=lambda ctx: inbox.awaiting_review_count(ctx.bank, ctx.actor), icon="clipboard-check"))
