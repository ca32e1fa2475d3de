"""The main window: navigation, toolbar search, pages, status bar with the worker's progress."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from app.core.changes import Changes
from app.core.vocab import ROLES, label
from app.ui import icons, pages, tools
from app.ui.context import UiContext
from app.ui.dialogs.export import Exporter
from app.ui.pages import Page
from app.ui.search_box import Searcher, make_service
from app.ui.worker import TaskState
from db.engine import BUSY_TIMEOUT_S

if TYPE_CHECKING:
    from app.search.service import SearchService

# Closing waits for the writes still queued; a few of them may each wait out another program's lock.
CLOSE_WAIT_MS = int(3 * BUSY_TIMEOUT_S * 1000)


class MainWindow(QMainWindow):
    sig_sign_out = Signal()
    """The user signed out (or was signed out after idle time)."""
    sig_closed = Signal()
    """The window was closed by its user (not by signing out): the program ends."""

    def __init__(self, ctx: UiContext, *, start_search: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("Idea Bank"))
        self.specs = pages.specs(ctx.actor.role)
        self.widgets: dict[str, Page] = {}
        self._page_actions: list[QAction] = []
        self.searcher = Searcher(ctx, self)
        ctx.searcher = self.searcher
        self.searcher.sig_results.connect(self._search_results)

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.stack = QStackedWidget()
        for spec in self.specs:
            item = QListWidgetItem(icons.icon(spec.icon or "point"), spec.label())
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # built on first visit
        self.nav.currentRowChanged.connect(self.show_page_at)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.ensurePolished()  # the style sheet's font, not the default one, measures the labels
        widest = max((self.nav.fontMetrics().horizontalAdvance(s.label() + " (99)") for s in self.specs), default=100)
        self.nav.setFixedWidth(widest + 76)  # item padding and margins (the style sheet), the icon and its gap
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_toolbar()
        self._build_status()
        self._build_shortcuts()
        ctx.sig_changes.connect(self.on_changes)
        ctx.sig_message.connect(lambda m: self.statusBar().showMessage(m, 5000))
        ctx.sig_open_project.connect(self.open_project)
        ctx.sig_export.connect(self._export_requested)
        self._restore_geometry()
        self.nav.setCurrentRow(0)
        self.refresh_badges()
        self._start_search = start_search
        self._mention_draft()

    def _mention_draft(self) -> None:
        """An idea typed but never sent (the window closed, the power failed) is waiting: say so."""
        from app.core import drafts
        found = drafts.latest(self.ctx.bank, self.ctx.actor)
        if found is not None and any(v for k, v in found.form.items() if k != "category"):
            self.statusBar().showMessage(self.tr("You have an idea that was not sent yet: press Ctrl+N to go on "
                                                 "where you stopped."), 30000)

    # -- building ------------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        tb = QToolBar(self.tr("Main"))
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.setIconSize(QSize(18, 18))
        self.addToolBar(tb)
        self.propose_action = QAction(icons.icon("bulb", "#ffffff"), self.tr("Propose idea"), self)  # on blue
        self.propose_action.setShortcut(QKeySequence.StandardKey.New)
        self.propose_action.setToolTip(self.tr("Propose a new idea (Ctrl+N)"))
        self.propose_action.triggered.connect(self.propose)
        tb.addAction(self.propose_action)
        tb.widgetForAction(self.propose_action).setObjectName("primary")
        self.refresh_action = QAction(icons.icon("refresh"), self.tr("Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.setToolTip(self.tr("Reload the lists (F5)"))
        self.refresh_action.triggered.connect(self.refresh)
        tb.addAction(self.refresh_action)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search ideas (Ctrl+F): words, numbers, people…"))
        self.search.textChanged.connect(self.searcher.set_text)
        self.search.returnPressed.connect(self.searcher.search_now)
        tb.addWidget(self.search)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        who = QLabel(self.tr("%1 (%2)").replace("%1", self.ctx.actor.name).replace("%2", label(ROLES, self.ctx.actor.role)))
        who.setObjectName("userBadge")
        tb.addWidget(who)
        self.exporter = Exporter(self.ctx, self)
        self.export_menu = QMenu(self)
        self.export_dossier_action = self.export_menu.addAction(self.tr("Export dossier…"), self.export_dossier)
        self.export_dossier_action.setToolTip(self.tr("Export the selected project's dossier as a PDF"))
        self.export_batch_action = self.export_menu.addAction(self.tr("Export the listed projects…"), self.export_batch)
        self.export_report_action = self.export_menu.addAction(self.tr("Studio annual report…"), self.export_report)
        self.export_batch_action.setVisible(self.exporter.may_batch)
        self.export_report_action.setVisible(self.exporter.may_batch)
        self.export_button = QToolButton()
        self.export_button.setObjectName("menuButton")
        self.export_button.setIcon(icons.icon("file-export"))
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_button.setText(self.tr("Export"))
        self.export_button.setMenu(self.export_menu)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setToolTip(self.tr("Dossiers (成果档案) and annual reports as PDF"))
        tb.addWidget(self.export_button)
        self._build_tools(tb)
        self.settings_action = QAction(icons.icon("settings"), self.tr("Settings"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings)
        tb.addAction(self.settings_action)
        self.sign_out_action = QAction(icons.icon("logout"), self.tr("Sign out"), self)
        self.sign_out_action.triggered.connect(self.sign_out)
        tb.addAction(self.sign_out_action)

    def _build_tools(self, tb: QToolBar) -> None:
        """The Tools menu, from the tools registered in app/ui/tools (hidden when there are none)."""
        self.tools_menu = QMenu(self)
        for spec in tools.specs(self.ctx.actor.role):
            action = self.tools_menu.addAction(spec.label())
            action.setObjectName(f"tool_{spec.key}")
            if spec.tooltip:
                action.setToolTip(QCoreApplication.translate("Tools", spec.tooltip))
            if spec.shortcut:
                action.setShortcut(QKeySequence(spec.shortcut))
                self.addAction(action)  # the shortcut works while the menu is closed
            action.triggered.connect(lambda _=False, spec=spec: spec.run(self.ctx, self))
        self.tools_button = QToolButton()
        self.tools_button.setObjectName("menuButton")
        self.tools_button.setIcon(icons.icon("tools"))
        self.tools_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.tools_button.setText(self.tr("Tools"))
        self.tools_button.setMenu(self.tools_menu)
        self.tools_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.tools_action = tb.addWidget(self.tools_button)
        self.tools_action.setVisible(not self.tools_menu.isEmpty())
        self.page_actions_separator = tb.addSeparator()
        self.page_actions_separator.setVisible(False)
        self._toolbar = tb

    def _build_status(self) -> None:
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress_label = QLabel()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setFlat(True)
        self._task: TaskState | None = None
        self.cancel_button.clicked.connect(lambda: self._task.cancel() if self._task else None)
        bar = self.statusBar()
        for w in (self.progress_label, self.progress, self.cancel_button):
            bar.addPermanentWidget(w)
            w.hide()
        for spec in tools.specs(self.ctx.actor.role):  # tools that keep something in the status bar
            if spec.status is not None:
                bar.addPermanentWidget(spec.status(self.ctx, self))
        for worker in (self.ctx.worker, self.ctx.indexer, self.ctx.exporter):
            worker.sig_task_started.connect(self._task_started)
            worker.sig_busy.connect(self._busy)

    def _build_shortcuts(self) -> None:
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        QShortcut(QKeySequence("Esc"), self.search, lambda: self.search.clear(),
                  context=Qt.ShortcutContext.WidgetShortcut)
        for i in range(min(9, len(self.specs))):
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, lambda i=i: self.nav.setCurrentRow(i))

    # -- pages ---------------------------------------------------------------------------------
    def page(self, key: str) -> Page | None:
        for i, spec in enumerate(self.specs):
            if spec.key == key:
                self._ensure_page(i)
                return self.widgets[key]
        return None

    def _ensure_page(self, row: int) -> Page:
        spec = self.specs[row]
        if spec.key not in self.widgets:
            widget = spec.factory(self.ctx)
            old = self.stack.widget(row)
            self.stack.insertWidget(row, widget)
            if old is not None:  # the placeholder put there as the window was built
                self.stack.removeWidget(old)
                old.deleteLater()
            self.widgets[spec.key] = widget
            if spec.counts:
                widget.sig_badge.connect(lambda n, row=row: self._set_badge(row, n))
            widget.sig_open_record.connect(self.open_record)
            if spec.follows_search:
                widget.reload()
        return self.widgets[spec.key]

    def show_page_at(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            widget = self._ensure_page(row)
            self.stack.setCurrentWidget(widget)
            self._show_page_actions(widget)

    def _show_page_actions(self, page: Page) -> None:
        """The current page's own actions sit in the toolbar, after the window's."""
        for action in self._page_actions:
            self._toolbar.removeAction(action)
        self._page_actions = page.page_actions()
        self._toolbar.insertActions(self.page_actions_separator, self._page_actions)
        self.page_actions_separator.setVisible(bool(self._page_actions))

    def show_page(self, key: str) -> None:
        for i, spec in enumerate(self.specs):
            if spec.key == key:
                self.nav.setCurrentRow(i)

    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)  # the first page is shown as the window is built, and a page before it is shown
        return page

    # -- counts in the navigation (unread notices, projects awaiting review) ------------------------
    def refresh_badges(self) -> None:
        for i, spec in enumerate(self.specs):
            if spec.badge is not None:
                self._set_badge(i, spec.badge(self.ctx))

    def _set_badge(self, row: int, n: int) -> None:
        label_ = self.specs[row].label()
        self.nav.item(row).setText(f"{label_} ({n})" if n else label_)

    # -- actions -------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def propose(self) -> None:
        from app.ui.dialogs.propose import ProposeDialog
        dlg = ProposeDialog(self.ctx, parent=self)
        saved: list[str] = []
        dlg.sig_saved.connect(saved.append)
        dlg.exec()
        if saved:
            self.open_project(saved[-1])  # show what was just proposed

    def export_dossier(self, project_id: str | None = None) -> None:
        """The dossier of a project (by default the one the current page shows)."""
        project_id = project_id or self.current_page().current_project_id()
        if not project_id:
            self.statusBar().showMessage(self.tr("Select a project first, then export its dossier."), 5000)
            return
        self.exporter.ask_dossier(project_id)

    def export_batch(self) -> None:
        """Every project of the list shown (filters and search applied)."""
        from app.ui.pages.projects import ProjectsPage
        page: Page | None = self.current_page()
        page = page if isinstance(page, ProjectsPage) else self.page("bank")
        if isinstance(page, ProjectsPage):
            self.exporter.ask_batch(page)

    def export_report(self, studio_id: str | None = None) -> None:
        self.exporter.ask_report(studio_id or self.ctx.actor.studio_id)

    def _export_requested(self, kind: str, record_id: str) -> None:
        if kind == "dossier":
            self.export_dossier(record_id)
        elif kind == "report":
            self.export_report(record_id or None)

    def open_record(self, entity: str, entity_id: str) -> bool:
        """Show a record on the page that lists it (projects and studios on the bank page)."""
        if entity == "project":
            self.open_project(entity_id)
            return True
        for i, spec in enumerate(self.specs):
            if entity in spec.entities:
                self.nav.setCurrentRow(i)
                if self.widgets[spec.key].select_record(entity, entity_id):
                    return True
        return False

    def open_project(self, project_id: str) -> None:
        """Show a project in the bank page, clearing the search and filters that would hide it."""
        self.show_page("bank")
        from app.ui.pages.projects import ProjectsPage
        page = self.page("bank")
        if not isinstance(page, ProjectsPage):
            return
        if page.search_ids is not None and project_id not in page.search_ids:
            self.search.clear()  # tells the pages at once (no search: every project)
        page.reveal(project_id)

    def refresh(self) -> None:
        for w in self.widgets.values():
            w.reload()
        self.refresh_badges()
        self.statusBar().showMessage(self.tr("Refreshed."), 3000)

    def on_changes(self, changes: Changes) -> None:
        if changes.notifications or changes.membership or changes.reviews:
            self.refresh_badges()

    def open_settings(self) -> None:
        from app.ui.dialogs.settings import SettingsDialog
        SettingsDialog(self.ctx, self).exec()

    def sign_out(self) -> None:
        self._signing_out = True
        self.close()
        self.sig_sign_out.emit()

    # -- search --------------------------------------------------------------------------------
    def _search_results(self, text: str, ids: list[str] | None) -> None:
        following = {s.key for s in self.specs if s.follows_search}
        for key, w in self.widgets.items():
            if key in following:
                w.set_search(text, ids)
        current = next((k for k, w in self.widgets.items() if w is self.current_page()), None)
        if ids is not None and current not in following:
            self.show_page("bank")

    def start_search_service(self) -> None:
        """Build or update the search index on the worker, after the window is shown."""
        bank = self.ctx.bank

        def prepare(state: TaskState) -> SearchService | None:
            service = make_service(bank)
            if service is None:
                return None
            service.ensure_ready(progress=lambda done, total: state.progress(
                                     done, total, "" if total else self.tr("Writing the search index…")),
                                 cancel=lambda: state.cancelled)
            return service

        def ready(service: SearchService | None) -> None:
            if service is not None:
                self.searcher.service, self.searcher.ready = service, True
                if self.searcher.text:
                    self.searcher.search_now()
        self.ctx.indexer.submit(prepare, done=ready, failed=lambda e: self.statusBar().showMessage(str(e), 8000),
                                label=self.tr("Preparing the search index"))

    # -- progress ------------------------------------------------------------------------------
    def _task_started(self, state: TaskState) -> None:
        if not state.label or state.label in ("search", "similar"):
            return
        self._task = state
        self.progress_label.setText(state.label)
        self.progress.setRange(0, 0)
        state.sig_progress.connect(self._task_progress)
        for w in (self.progress_label, self.progress, self.cancel_button):
            w.show()

    def _task_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        else:  # work whose end cannot be measured: a busy bar, not one stuck at its last value
            self.progress.setRange(0, 0)
        if text:
            self.progress_label.setText(text)

    def _busy(self, busy: bool) -> None:
        if not busy and not (self.ctx.worker.busy or self.ctx.indexer.busy or self.ctx.exporter.busy):
            self._task = None
            for w in (self.progress_label, self.progress, self.cancel_button):
                w.hide()

    # -- window state --------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        s = QSettings()
        geometry = s.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 760)
        state = s.value("window/state")
        if state is not None:
            self.restoreState(state)

    def showEvent(self, e: QShowEvent) -> None:
        super().showEvent(e)
        if self._start_search:
            self._start_search = False
            self.start_search_service()

    def closeEvent(self, e: QCloseEvent) -> None:
        s = QSettings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        for w in self.widgets.values():
            w.save_state()
        # Long work (an index build, an export, a sync) stops at its next check first: the index is
        # rebuilt later, an export or import is redone. Then every write still queued lands (a draft
        # saved as its form closed) before the program may end; each waits at most the busy timeout.
        for worker in (self.ctx.worker, self.ctx.indexer, self.ctx.reader, self.ctx.exporter):
            worker.cancel_running()
        self.ctx.worker.wait(CLOSE_WAIT_MS)
        self.ctx.exporter.wait(CLOSE_WAIT_MS)  # a cancelled export leaves no half-written file
        super().closeEvent(e)
        if not getattr(self, "_signing_out", False):
            self.sig_closed.emit()

