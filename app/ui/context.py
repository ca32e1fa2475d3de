"""What every page and dialog shares: the bank, who is signed in, the worker, and change signals.

A write is a one-liner (`ctx.write(lambda: projects.vote(bank, actor, pid))`): it runs on the
worker, and the returned Changes is broadcast so each view refreshes only what changed.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.errors import Cancelled, IdeaBankError
from app.core.permissions import can
from app.ui.worker import TaskState, Worker


class UiContext(QObject):
    sig_changes = Signal(object)
    """A Changes after any successful write: views refresh what it names."""
    sig_message = Signal(str)
    """A short message for the status bar."""
    sig_open_project = Signal(str)
    """Someone asked to show a project (by id), e.g. from the inbox."""
    sig_export = Signal(str, str)
    """Someone asked for a PDF: ("dossier", project id) or ("report", studio id or "")."""

    def __init__(self, bank: Bank, actor: Actor, worker: Worker | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bank = bank
        self.actor = actor
        self.worker = worker or Worker(self)
        # Read-only queries (search) get their own single thread: they never wait behind a write.
        self.reader = Worker(self)
        # Building the search index takes minutes at 100,000 projects; on its own thread it never
        # holds up a write (the index is fed from the database, which stays the source of truth).
        self.indexer = Worker(self)
        # Exports (dossier PDFs, workbooks, templates) read the bank and write files for a while: on
        # their own thread, so a write (a draft saved, a vote) never waits behind a batch of dossiers.
        self.exporter = Worker(self)
        self.searcher: Any = None  # the window's Searcher (the toolbar search), once the window exists

    # -- permissions (asked of the core's table: app/core/permissions.py) -------------------------
    def can(self, use_case: str) -> bool:
        """A use case without a record (site settings, posting calls…)."""
        return can(self.actor, use_case)

    # -- running work --------------------------------------------------------------------------
    def write(self, fn: Callable[[], Any], *, done: Callable[[Any], None] | None = None,
              parent: QWidget | None = None, label: str = "", failed: Callable[[BaseException], None] | None = None
              ) -> TaskState:
        """Run a core write on the worker; broadcast the Changes it returns (a write that returns
        something else, a draft's id, only hands it to `done`); show a user error in a dialog.
        Every write of the window goes through here, never on the GUI thread: a database another
        program holds locked must not freeze the window."""
        def ok(changes: Any) -> None:
            if isinstance(changes, Changes):
                self.sig_changes.emit(changes)
            if done:
                done(changes)

        def bad(error: BaseException) -> None:
            if failed:
                failed(error)
            else:
                self.show_error(error, parent)

        return self.worker.submit(lambda state: fn(), done=ok, failed=bad, label=label)

    def run(self, fn: Callable[[TaskState], Any], *, done: Callable[[Any], None] | None = None,
            failed: Callable[[BaseException], None] | None = None, label: str = "") -> TaskState:
        """Run any long task (reads, exports, demo data) on the worker with progress and cancel."""
        return self.worker.submit(fn, done=done, failed=failed or (lambda e: self.show_error(e, None)), label=label)

    def export(self, fn: Callable[[TaskState], Any], *, done: Callable[[Any], None] | None = None,
               failed: Callable[[BaseException], None] | None = None, label: str = "") -> TaskState:
        """Run an export (reads the bank, writes a file; never writes the bank) on the export thread,
        with progress and cancel."""
        return self.exporter.submit(fn, done=done, failed=failed or (lambda e: self.show_error(e, None)), label=label)

    def show_error(self, error: BaseException, parent: QWidget | None) -> None:
        if isinstance(error, Cancelled):
            self.sig_message.emit(self.tr("Cancelled."))
            return
        if isinstance(error, IdeaBankError):
            text = error.message
            if error.details and len(error.details) > 1:
                text += "\n\n" + "\n".join(f"• {d}" for d in error.details[:20])
            QMessageBox.warning(parent, self.tr("Cannot do that"), text)
        else:
            detail = getattr(error, "__traceback_text__", "") or repr(error)
            box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Unexpected error"),
                              self.tr("Something went wrong inside the program. Your data is safe; "
                                      "please report this to the administrator."), parent=parent)
            box.setDetailedText(detail)
            box.exec()
