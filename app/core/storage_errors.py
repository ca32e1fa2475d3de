"""What the database or the disk said, as one line a person can act on.

SQLite reports a held lock, a full disk, an I/O error, a damaged file or a read-only folder as
exceptions of the driver; `translate` turns the ones a person can do something about into the
core's StorageError family. The transaction that met them has rolled back: the message says so.
"""
from __future__ import annotations

import errno
import sqlite3

from sqlalchemy.exc import DBAPIError

from app.core.errors import Busy, StorageError
from app.core.i18n import t

UNCHANGED = ("数据未作任何改动。", "Nothing was changed.")


def _driver_message(exc: BaseException) -> str:
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    return str(orig).lower()


def is_corruption(exc: BaseException) -> bool:
    """The file is damaged (as opposed to busy, full, missing or read-only)."""
    if not isinstance(exc, (DBAPIError, sqlite3.Error)):
        return False
    msg = _driver_message(exc)
    return "malformed" in msg or "not a database" in msg or "file is encrypted" in msg


def translate(exc: BaseException, busy_seconds: float | None = None) -> StorageError | None:
    """The StorageError for this database exception, or None when it is not one of these."""
    if isinstance(exc, OSError):
        return disk_error(exc)
    if not isinstance(exc, (DBAPIError, sqlite3.Error)):
        return None
    msg = _driver_message(exc)
    if "database is locked" in msg or "database is busy" in msg or "database table is locked" in msg:
        return Busy(t("数据库正被另一个程序（另一个窗口或 ideabank 命令）占用，等待 {s:g} 秒后仍未释放。"
                      "请等它完成或将其关闭后重试。{u}",
                      "Another program (another window or ideabank command) has held the database for "
                      "{s:g} s. Wait for it to finish, or close it, and try again. {u_en}",
                      s=busy_seconds or 30, u=UNCHANGED[0], u_en=UNCHANGED[1]))
    if "database or disk is full" in msg or "disk is full" in msg:
        return StorageError(t("磁盘已满，无法写入数据库。请腾出磁盘空间后重试。{u}",
                              "The disk is full: the database cannot be written. Free some space and try "
                              "again. {u_en}", u=UNCHANGED[0], u_en=UNCHANGED[1]))
    if "disk i/o error" in msg:
        return StorageError(t("读写磁盘时出错（磁盘故障、U 盘被拔出或网络断开？）。{u}请检查磁盘后重试，"
                              "并运行 ideabank check。",
                              "The disk reported an input/output error (a failing disk, a removed USB stick, "
                              "a lost network?). {u_en} Check the disk, try again, and run ideabank check.",
                              u=UNCHANGED[0], u_en=UNCHANGED[1]))
    if "readonly" in msg or "read-only" in msg:
        return StorageError(t("数据库是只读的（只读的文件夹或介质），不能修改。{u}",
                              "The database is read-only (a read-only folder or medium) and cannot be "
                              "changed. {u_en}", u=UNCHANGED[0], u_en=UNCHANGED[1]))
    if "malformed" in msg or "not a database" in msg or "file is encrypted" in msg:
        return StorageError(t("数据库文件已损坏（{m}）。请关闭程序后重新打开：程序会检查它并提供最近的完好备份。",
                              "The database file is damaged ({m}). Close the program and open it again: it "
                              "checks the file and offers the newest sound backup.", m=msg.splitlines()[0]))
    return None


def disk_error(exc: OSError) -> StorageError:
    if exc.errno == errno.ENOSPC:
        return StorageError(t("磁盘已满（{p}），请腾出磁盘空间后重试。", "The disk is full ({p}). Free some space and try again.",
                              p=exc.filename or ""))
    return StorageError(t("无法读写 {p}：{e}", "Cannot read or write {p}: {e}", p=exc.filename or "",
                          e=exc.strerror or exc))
