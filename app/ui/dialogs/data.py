"""Dialogs that look after the data: check (and repair), restore from a backup, unlock accounts,
and the offer to restore when the database failed its check.

The work itself is the core's (app/core/integrity.py, repair.py, backups.py, auth.py); it runs on
the worker with progress, so the window never waits.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import auth, backups
from app.core.errors import IdeaBankError
from app.core.integrity import check_bank
from app.core.repair import repair
from app.ui import fmt
from app.ui.context import UiContext
from app.ui.worker import TaskState

REPAIRABLE = {"index", "counter", "file_missing", "file_damaged", "file_size"}


def _progress(state: TaskState) -> Callable[[int, int, str], None]:
    def tick(done: int, total: int, what: str) -> None:
        state.check()  # Cancel in the status bar stops between steps
        state.progress(done, total, what)
    return tick


class CheckDialog(QDialog):
    """What the check found, with Repair for what can be repaired."""

    def __init__(self, ctx: UiContext, problems: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Check database"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.repair_button = QPushButton(self.tr("Repair…"))
        self.repair_button.setToolTip(self.tr("Repair what can be repaired; you may name a folder holding good "
                                              "copies of damaged or missing files"))
        self.repair_button.clicked.connect(self.start_repair)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.repair_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self.show_problems(problems, [])

    def show_problems(self, problems: list[Any], repaired: list[str]) -> None:
        self.problems = problems
        self.list.clear()
        for line in repaired:
            QListWidgetItem(self.tr("Repaired: %1").replace("%1", line), self.list)
        for p in problems:
            QListWidgetItem(p.message, self.list)
        if not problems:
            self.summary.setText(self.tr("Check passed: the database is sound."))
        else:
            self.summary.setText(self.tr("%n problem(s) found.", "", len(problems)))
        self.repair_button.setVisible(any(p.code in REPAIRABLE or p.kind == "counter" for p in problems))

    def start_repair(self) -> None:
        sources: list[Path] = []
        if any(p.code in ("file_missing", "file_damaged") for p in self.problems):
            folder = QFileDialog.getExistingDirectory(self, self.tr("Folder with good copies of the files (Cancel: none)"))
            if folder:
                sources.append(Path(folder))
        bank, actor = self.ctx.bank, self.ctx.actor
        self.repair_button.setEnabled(False)
        self.ctx.run(lambda st: repair(bank, actor, sources=sources, progress=_progress(st)),
                     done=self._repaired, failed=self._failed, label=self.tr("Repairing the database"))

    def _repaired(self, report: Any) -> None:
        self.repair_button.setEnabled(True)
        self.show_problems(report.remaining, report.repaired)

    def _failed(self, error: BaseException) -> None:
        self.repair_button.setEnabled(True)
        self.ctx.show_error(error, self)


def check_database(ctx: UiContext, parent: QWidget) -> TaskState:
    """Run the check on the worker (progress and Cancel in the status bar), then show what it found."""
    bank, actor = ctx.bank, ctx.actor

    def show(problems: list[Any]) -> None:
        dlg = CheckDialog(ctx, problems, parent)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
    return ctx.run(lambda st: check_bank(bank, actor, progress=_progress(st)), done=show,
                   label=QCoreApplication.translate("CheckDialog", "Checking the database"))


class RestoreDialog(QDialog):
    """The backups in the data folder, newest first, or a file chosen elsewhere."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.chosen: Path | None = None
        self.setWindowTitle(self.tr("Restore from a backup"))
        intro = QLabel(self.tr("Choose the backup to restore. It is checked first; the current database is "
                               "backed up before it is replaced, and everyone is signed out afterwards."))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Taken"), self.tr("Kind"), self.tr("File")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        kinds = {"auto": self.tr("automatic"), "before-restore": self.tr("before a restore")}
        for info in backups.list_backups(ctx.bank.data_dir):
            row = self.table.rowCount()
            self.table.insertRow(row)
            when = QTableWidgetItem(info.label)
            when.setData(Qt.ItemDataRole.UserRole, str(info.path))
            kind = kinds.get(info.kind, self.tr("before an upgrade") if info.kind.startswith("before-migration")
                             else info.kind)
            for col, item in enumerate((when, QTableWidgetItem(kind), QTableWidgetItem(info.path.name))):
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        if self.table.rowCount():
            self.table.selectRow(0)
        self.file_button = QPushButton(self.tr("Other file…"))
        self.file_button.clicked.connect(self._pick_file)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(self.tr("Restore…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def _pick_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Backup file"), str(self.ctx.bank.data_dir),
                                              self.tr("Idea Bank backups (*.sqlite);;All files (*)"))
        if name:
            self.chosen = Path(name)
            self.accept()

    def _accept(self) -> None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            return
        self.chosen = Path(item.data(Qt.ItemDataRole.UserRole))
        self.accept()


def restore_backup(ctx: UiContext, parent: QWidget, path: Path | None = None, *, confirm: bool = True) -> None:
    """Check `path` (or the one chosen in RestoreDialog), confirm, restore on the worker, sign out."""
    if path is None:
        dlg = RestoreDialog(ctx, parent)
        if dlg.exec() != QDialog.DialogCode.Accepted or dlg.chosen is None:
            return
        path = dlg.chosen
    try:
        projects = backups.check_restorable(path)  # a quick look (SQLite's check) before asking anything
    except IdeaBankError as exc:
        ctx.show_error(exc, parent)
        return
    title = QCoreApplication.translate("RestoreDialog", "Restore from a backup")
    question = QCoreApplication.translate(
        "RestoreDialog", "Replace the current data with %1 (%n project(s))? The current database is backed up "
        "first. Everyone is signed out afterwards.", "", projects).replace("%1", path.name)
    if confirm and QMessageBox.question(parent, title, question) != QMessageBox.StandardButton.Yes:
        return
    bank = ctx.bank

    def done(result: Any) -> None:
        text = QCoreApplication.translate("RestoreDialog", "Restored %n project(s) from %1. Please sign in again.",
                                          "", result.projects).replace("%1", path.name)
        QMessageBox.information(parent, title, text)
        if hasattr(parent, "sign_out"):
            parent.sign_out()
    ctx.run(lambda st: bank.restore(path), done=done, failed=lambda e: ctx.show_error(e, parent),
            label=QCoreApplication.translate("RestoreDialog", "Restoring from a backup"))


class UnlockDialog(QDialog):
    """Accounts locked after repeated wrong passwords, with Unlock."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Locked accounts"))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Employee number"), self.tr("Name"), self.tr("Failures"),
                                              self.tr("Locked until")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = QLabel(self.tr("No account is locked."))
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.clicked.connect(self.unlock_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.empty)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(560, 320)
        self.reload()

    def reload(self) -> None:
        locked = auth.locked_accounts(self.ctx.bank)
        self.table.setRowCount(len(locked))
        for i, a in enumerate(locked):
            for col, key in enumerate(("employee_no", "name", "failures", "locked_until")):
                value = a[key]
                if key == "locked_until":
                    value = fmt.datetime(value)
                self.table.setItem(i, col, QTableWidgetItem(str(value)))
        self.table.resizeColumnsToContents()
        if locked:
            self.table.selectRow(0)
        self.empty.setVisible(not locked)
        self.unlock_button.setEnabled(bool(locked))

    def unlock_selected(self) -> None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            return
        number = item.text()
        bank, actor = self.ctx.bank, self.ctx.actor
        self.ctx.write(lambda: auth.unlock(bank, actor, number), done=lambda _ch: self.reload(), parent=self)


def offer_restore(parent: QWidget | None, error: Any, *, allow_fresh: bool) -> str:
    """The database failed its check: "restore" (the newest sound backup), "fresh" (an empty bank,
    when allowed) or "quit". The damaged file was moved aside, never deleted; the message says where."""
    title = QCoreApplication.translate("DamagedOffer", "The database is damaged")
    box = QMessageBox(QMessageBox.Icon.Warning, title, error.message, parent=parent)
    restore = fresh = None
    if error.backup is not None:
        text = QCoreApplication.translate("DamagedOffer", "Restore the backup of %1").replace("%1", error.backup.label)
        restore = box.addButton(text, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(restore)
    if allow_fresh:
        fresh = box.addButton(QCoreApplication.translate("DamagedOffer", "Start with an empty bank"),
                              QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QCoreApplication.translate("DamagedOffer", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return "restore"
    if fresh is not None and clicked is fresh:
        return "fresh"
    return "quit"
