"""Tools that look after the data: check (and repair) the database, back up now, restore from a
backup, unlock accounts. Administrators only (the core checks again)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core import backups
from app.core.errors import StorageError
from app.core.i18n import t
from app.ui.context import UiContext
from app.ui.dialogs import data as dialogs
from app.ui.i18n import QT_TRANSLATE_NOOP
from app.ui.tools import ToolSpec, register

ADMINS = frozenset({"admin"})


def back_up(ctx: UiContext, parent: QWidget) -> None:
    name, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("Tools", "Back up the database"),
                                          str(Path.home() / f"ideabank-{backups.stamp()}.sqlite"),
                                          QCoreApplication.translate("Tools", "Idea Bank backups (*.sqlite)"))
    if not name:
        return
    bank = ctx.bank

    def run(_state: Any) -> Path:
        source = bank.db_path
        if source is None:  # no SQLite file: a PostgreSQL hub (the CLI's backup says the same)
            raise StorageError(t("这是 PostgreSQL 数据库，请用 pg_dump 备份，例如：pg_dump -Fc -f ideabank.dump 数据库名",
                                 "This is a PostgreSQL database: back it up with pg_dump, e.g. pg_dump -Fc -f "
                                 "ideabank.dump DBNAME"))
        bank.verify()  # a store that fails its check is never copied into a backup
        return backups.backup_file(source, Path(name))
    def done(path: Path) -> None:
        ctx.sig_message.emit(QCoreApplication.translate("Tools", "Backed up to %1 (checked).").replace("%1", str(path)))
    ctx.run(run, done=done, label=QCoreApplication.translate("Tools", "Backing up the database"))


def unlock(ctx: UiContext, parent: QWidget) -> None:
    dialogs.UnlockDialog(ctx, parent).exec()


register(ToolSpec("check_database", QT_TRANSLATE_NOOP("Tools", "Check database…"), dialogs.check_database, order=50,
                  roles=ADMINS, tooltip=QT_TRANSLATE_NOOP("Tools", "Check the database, its attached files and its "
                                                                   "audit log; repair what can be repaired")))
register(ToolSpec("back_up", QT_TRANSLATE_NOOP("Tools", "Back up now…"), back_up, order=51, roles=ADMINS,
                  tooltip=QT_TRANSLATE_NOOP("Tools", "A checked copy of the database in a file of your choice")))
register(ToolSpec("restore", QT_TRANSLATE_NOOP("Tools", "Restore from a backup…"),
                  lambda ctx, parent: dialogs.restore_backup(ctx, parent), order=52, roles=ADMINS,
                  tooltip=QT_TRANSLATE_NOOP("Tools", "Replace the data with a backup (checked first; the current "
                                                     "data is backed up)")))
register(ToolSpec("unlock_accounts", QT_TRANSLATE_NOOP("Tools", "Locked accounts…"), unlock, order=60, roles=ADMINS,
                  tooltip=QT_TRANSLATE_NOOP("Tools", "Unlock accounts locked after repeated wrong passwords")))
