"""The main window: navigation, toolbar search, pages, status bar with the worker's progress."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (QLabel, QLineEdit, QListWidget, QListWidgetItem, QMainWindow, QMenu, QProgressBar,
                               QPushButton, QSizePolicy, QHBoxLayout, QStackedWidget, QToolBar, QToolButton, QWidget)

from app.core.changes import Changes
from app.core.queries import ProjectFilter, awaiting_review
from app.core.vocab import ROLES, label
from app.ui import pages
from app.ui.context import UiContext
from app.ui.export_actions import Exporter
from app.ui.inbox_page import InboxPage
from app.ui.pages import PageSpec, Placeholder
from app.ui.projects_page import ProjectsPage
from app.ui.search_box import Searcher, make_service

pages.register(PageSpec("bank", QT_TRANSLATE_NOOP("Pages", "Idea bank"),
                        lambda ctx: ProjectsPage(ctx, "bank"), order=10))
pages.register(PageSpec("mine", QT_TRANSLATE_NOOP("Pages", "My projects"),
                        lambda ctx: ProjectsPage(ctx, "mine", ProjectFilter(member_id=ctx.actor.id)), order=20))
pages.register(PageSpec("review", QT_TRANSLATE_NOOP("Pages", "Awaiting my review"),
                        lambda ctx: ProjectsPage(ctx, "review", awaiting_review(ctx.bank, ctx.actor)), order=30,
                        roles=frozenset({"leader", "admin"})))
pages.register(PageSpec("inbox", QT_TRANSLATE_NOOP("Pages", "Notices"), InboxPage, order=35, counts=True))


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
        self.widgets: dict[str, QWidget] = {}
        self.searcher = Searcher(ctx, self)
        ctx.searcher = self.searcher
        self.searcher.sig_results.connect(self._search_results)

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.stack = QStackedWidget()
        for spec in self.specs:
            item = QListWidgetItem(spec.label())
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # built on first visit
        self.nav.currentRowChanged.connect(self.show_page_at)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widest = max((self.nav.fontMetrics().horizontalAdvance(s.label() + " (999)") for s in self.specs), default=100)
        self.nav.setFixedWidth(int(widest * 1.15) + 40)
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
        self._restore_geometry()
        self.nav.setCurrentRow(0)
        self.refresh_unread()
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
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tb.setIconSize(QSize(18, 18))
        self.addToolBar(tb)
        self.propose_action = QAction(self.tr("Propose idea"), self)
        self.propose_action.setShortcut(QKeySequence.StandardKey.New)
        self.propose_action.setToolTip(self.tr("Propose a new idea (Ctrl+N)"))
        self.propose_action.triggered.connect(self.propose)
        tb.addAction(self.propose_action)
        tb.widgetForAction(self.propose_action).setObjectName("primary")
        self.refresh_action = QAction(self.tr("Refresh"), self)
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
        self.export_button.setText(self.tr("Export"))
        self.export_button.setMenu(self.export_menu)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setToolTip(self.tr("Dossiers (成果档案) and annual reports as PDF"))
        tb.addWidget(self.export_button)
        self.settings_action = QAction(self.tr("Settings"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings)
        tb.addAction(self.settings_action)
        self.sign_out_action = QAction(self.tr("Sign out"), self)
        self.sign_out_action.triggered.connect(self.sign_out)
        tb.addAction(self.sign_out_action)

    def _build_status(self) -> None:
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress_label = QLabel()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setFlat(True)
        self._task = None
        self.cancel_button.clicked.connect(lambda: self._task.cancel() if self._task else None)
        bar = self.statusBar()
        for w in (self.progress_label, self.progress, self.cancel_button):
            bar.addPermanentWidget(w)
            w.hide()
        for worker in (self.ctx.worker, self.ctx.indexer):
            worker.sig_task_started.connect(self._task_started)
            worker.sig_busy.connect(self._busy)

    def _build_shortcuts(self) -> None:
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)
        QShortcut(QKeySequence("Esc"), self.search, activated=lambda: self.search.clear(),
                  context=Qt.ShortcutContext.WidgetShortcut)
        for i in range(min(9, len(self.specs))):
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, activated=lambda i=i: self.nav.setCurrentRow(i))

    # -- pages ---------------------------------------------------------------------------------
    def page(self, key: str) -> QWidget | None:
        for i, spec in enumerate(self.specs):
            if spec.key == key:
                self._ensure_page(i)
                return self.widgets[key]
        return None

    def _ensure_page(self, row: int) -> QWidget:
        spec = self.specs[row]
        if spec.key not in self.widgets:
            widget = spec.factory(self.ctx) if spec.factory else Placeholder(spec, self.ctx)
            old = self.stack.widget(row)
            self.stack.insertWidget(row, widget)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.widgets[spec.key] = widget
            if isinstance(widget, ProjectsPage):
                widget.detail.sig_edit.connect(self.edit)
                widget.detail.sig_review.connect(self.review)
                widget.detail.sig_export.connect(self.export_dossier)
                if self.searcher._text:
                    widget.search_text, widget.search_ids = self.searcher._text, getattr(self, "_last_ids", None)
                    widget._relevance = widget.search_ids is not None
                widget.reload()
            if isinstance(widget, InboxPage):
                widget.sig_unread.connect(self._set_unread)
            if spec.key == "warnings" and hasattr(widget, "sig_open"):
                widget.sig_open.connect(self.open_record)
        return self.widgets[spec.key]

    def show_page_at(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            widget = self._ensure_page(row)
            self.stack.setCurrentWidget(widget)

    def show_page(self, key: str) -> None:
        for i, spec in enumerate(self.specs):
            if spec.key == key:
                self.nav.setCurrentRow(i)

    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    def projects_page(self) -> ProjectsPage | None:
        w = self.current_page()
        return w if isinstance(w, ProjectsPage) else None

    # -- unread count in the navigation -----------------------------------------------------------
    def refresh_unread(self) -> None:
        from app.core import inbox
        self._set_unread(inbox.unread_count(self.ctx.bank, self.ctx.actor))

    def _set_unread(self, n: int) -> None:
        for i, spec in enumerate(self.specs):
            if spec.counts:
                self.nav.item(i).setText(f"{spec.label()} ({n})" if n else spec.label())

    # -- actions -------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def propose(self) -> None:
        from app.ui.propose import ProposeDialog
        dlg = ProposeDialog(self.ctx, parent=self)
        saved: list[str] = []
        dlg.sig_saved.connect(saved.append)
        dlg.exec()
        if saved:
            self.open_project(saved[-1])  # show what was just proposed

    def edit(self, project_id: str) -> None:
        from app.ui.propose import ProposeDialog
        dlg = ProposeDialog(self.ctx, project_id, parent=self)
        dlg.exec()

    def review(self, project_id: str) -> None:
        from app.ui.review import ReviewDialog
        ReviewDialog(self.ctx, project_id, parent=self).exec()

    def export_dossier(self, project_id: str | None = None) -> None:
        """The dossier of a project (by default the one shown in the current list)."""
        page = self.projects_page() or self.page("bank")
        detail = page.detail if isinstance(page, ProjectsPage) else None
        project_id = project_id or (detail.project_id if detail else None)
        if not project_id:
            self.statusBar().showMessage(self.tr("Select a project first, then export its dossier."), 5000)
            return
        data = detail.data if detail and detail.project_id == project_id and detail.data else {}
        self.exporter.ask_dossier(project_id, data.get("number", ""), data.get("title", ""))

    def export_batch(self) -> None:
        """Every project of the list shown (filters and search applied)."""
        page = self.projects_page() or self.page("bank")
        if isinstance(page, ProjectsPage):
            self.exporter.ask_batch(page)

    def export_report(self, studio_id: str | None = None) -> None:
        self.exporter.ask_report(studio_id or self.ctx.actor.studio_id)

    def open_record(self, entity: str, entity_id: str) -> bool:
        """Show the incubation request or open call a warning is about (projects go through open_project)."""
        if entity == "incubation":
            self.show_page("incubation")
            board = self.page("incubation")
            for col in getattr(board, "columns", {}).values():
                for i in range(col.count()):
                    if col.item(i).data(Qt.ItemDataRole.UserRole) == entity_id:
                        col.setCurrentRow(i)
                        col.scrollToItem(col.item(i))
                        col.setFocus()
                        board.select(entity_id)
                        return True
        elif entity == "call":
            self.show_page("teams")
            teams = self.page("teams")
            calls = getattr(teams, "calls", None)
            if calls is not None:
                teams.tabs.setCurrentWidget(calls)
                for i in range(calls.list.count()):
                    if calls.list.item(i).data(Qt.ItemDataRole.UserRole) == entity_id:
                        calls.list.setCurrentRow(i)
                        calls.list.scrollToItem(calls.list.item(i))
                        return True
        return False

    def open_project(self, project_id: str) -> None:
        """Show a project in the bank page, clearing filters that would hide it."""
        self.show_page("bank")
        page = self.page("bank")
        if isinstance(page, ProjectsPage) and not page.select(project_id):
            self.search.clear()
            page.filters.reset()
            page.set_search("", None)
            page.select(project_id)

    def refresh(self) -> None:
        for w in self.widgets.values():
            if isinstance(w, ProjectsPage):
                w.model.clear_cache()
                w.reload()
                w.detail.reload()
            elif hasattr(w, "reload"):
                w.reload()
        self.refresh_unread()
        self.statusBar().showMessage(self.tr("Refreshed."), 3000)

    def on_changes(self, changes: Changes) -> None:
        if changes.notifications:
            self.refresh_unread()

    def open_settings(self) -> None:
        from app.ui.settings_dialog import SettingsDialog
        SettingsDialog(self.ctx, self).exec()

    def sign_out(self) -> None:
        self._signing_out = True
        self.close()
        self.sig_sign_out.emit()

    # -- search --------------------------------------------------------------------------------
    def _search_results(self, text: str, ids) -> None:  # type: ignore[no-untyped-def]
        self._last_ids = ids
        for w in self.widgets.values():
            if isinstance(w, ProjectsPage):
                w.set_search(text, ids)
        if ids is not None and self.projects_page() is None:
            self.show_page("bank")

    def start_search_service(self) -> None:
        """Build or update the search index on the worker, after the window is shown."""
        bank = self.ctx.bank

        def prepare(state):  # type: ignore[no-untyped-def]
            service = make_service(bank)
            if service is None:
                return None
            service.ensure_ready(progress=lambda done, total: state.progress(done, total),
                                 cancel=lambda: state.cancelled)
            return service

        def ready(service) -> None:  # type: ignore[no-untyped-def]
            if service is not None:
                self.searcher.service, self.searcher.ready = service, True
                if self.searcher._text:
                    self.searcher.search_now()
        self.ctx.indexer.submit(prepare, done=ready, failed=lambda e: self.statusBar().showMessage(str(e), 8000),
                                label=self.tr("Preparing the search index"))

    # -- progress ------------------------------------------------------------------------------
    def _task_started(self, state) -> None:  # type: ignore[no-untyped-def]
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
        if text:
            self.progress_label.setText(text)

    def _busy(self, busy: bool) -> None:
        if not busy and not (self.ctx.worker.busy or self.ctx.indexer.busy):
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

    def showEvent(self, e) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(e)
        if self._start_search:
            self._start_search = False
            self.start_search_service()

    def closeEvent(self, e) -> None:  # type: ignore[no-untyped-def]
        s = QSettings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        for w in self.widgets.values():
            if isinstance(w, ProjectsPage):
                w.save_layout()
        self.ctx.worker.wait(10000)  # let a running write finish before the program may end
        if self._task is not None:
            self._task.cancel()  # an index build stops at its next batch; the index is rebuilt later
        super().closeEvent(e)
        if not getattr(self, "_signing_out", False):
            self.sig_closed.emit()

