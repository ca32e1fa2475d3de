"""Backups of the SQLite store: on demand, automatic and rolling, and restore.

Every backup goes through SQLite's backup API and is checked on both ends (db/backup.py). They live
in `<data>/backups/` as `<kind>-<YYYYmmdd-HHMMSS>.sqlite` (local time: people read these names):

- `auto`: taken by `maybe_backup` when the data changed since the last one and at least
  `backup_every_minutes` (site setting, default 120; 0 turns them off) have passed; the window
  calls it on a timer and when it closes, the CLI when a command that wrote closes the bank.
  Thinned after Anki's and Zotero's example: every one of the last day, the newest of each day for
  a week, of each week for five weeks, of each month for a year.
- `before-migration-<rev>`: before every schema upgrade (db/migrate.py); `before-restore`: before
  every restore. Neither is thinned.

`restore` checks the file it is given (SQLite's check, a schema this program knows) before
anything is replaced, backs up the current store (or moves a damaged one aside), puts the copy in
place and drops the search index, which rebuilds itself from the restored store.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import StorageError, ValidationError
from app.core.i18n import t
from app.core.paths import DB_FILE
from db.backup import BackupError, CopyDamaged, SourceDamaged, backup_sqlite, quick_check
from db.files import fsync_dir

BACKUP_DIR = "backups"
DEFAULT_EVERY_MINUTES = 120
STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<kind>.+?)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.sqlite$")
DAMAGED = ".damaged-"  # ideabank.sqlite.damaged-<stamp>: a store that failed its check, kept as it was


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str            # auto | before-restore | before-migration-<rev> | ...
    taken_at: dt.datetime  # local time, from the name

    @property
    def label(self) -> str:
        return self.taken_at.strftime("%Y-%m-%d %H:%M")


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def stamp(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now()).strftime(STAMP)


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """The backups in the data folder, newest first."""
    found: list[tuple[dt.datetime, int, BackupInfo]] = []
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    for path in folder.glob("*.sqlite"):
        m = _NAME.match(path.name)
        if m is None:
            continue
        try:
            taken = dt.datetime.strptime(m["stamp"], STAMP)
        except ValueError:
            continue
        found.append((taken, int(m["n"] or 0), BackupInfo(path, m["kind"], taken)))
    return [info for _t, _n, info in sorted(found, key=lambda x: (x[0], x[1]), reverse=True)]


def newest_sound_backup(data_dir: Path) -> BackupInfo | None:
    """The newest backup that passes SQLite's check now (a backup can be damaged later, on disk)."""
    for info in list_backups(data_dir):
        if quick_check(info.path) is None:
            return info
    return None


def _worded(exc: BaseException, target: Path) -> StorageError:
    if isinstance(exc, SourceDamaged):
        return StorageError(t("数据库未通过检查（{m}），已拒绝备份，以免把损坏带进备份。请关闭程序后重新打开，按提示恢复。",
                              "The database fails its check ({m}); it was not backed up, so the damage does "
                              "not spread into the backups. Close the program and open it again to restore.",
                              m=exc))
    if isinstance(exc, CopyDamaged):
        return StorageError(t("写出的备份 {p} 未通过检查（{m}），已删除。请检查磁盘后重试。",
                              "The backup written to {p} fails its check ({m}) and was removed. Check the disk "
                              "and try again.", p=target, m=exc))
    from app.core.storage_errors import translate
    return translate(exc) or StorageError(t("无法写入备份 {p}：{e}", "Cannot write the backup {p}: {e}", p=target,
                                            e=getattr(exc, "strerror", None) or exc))


def backup_file(source: Path, target: Path) -> Path:
    """A checked backup of `source` at `target` (StorageError otherwise; no file left behind)."""
    try:
        return backup_sqlite(source, target)
    except (BackupError, OSError, sqlite3.Error) as exc:
        raise _worded(exc, target) from None


def take(data_dir: Path, kind: str, now: dt.datetime | None = None) -> Path:
    """A checked backup of this data folder's store into its backups folder."""
    target = backup_dir(data_dir) / f"{kind}-{stamp(now)}.sqlite"
    n = 1
    while target.exists():  # two in the same second
        target = target.with_name(f"{kind}-{stamp(now)}-{n}.sqlite")
        n += 1
    return backup_file(data_dir / DB_FILE, target)


def _last_change(db: Path) -> float:
    return max((p.stat().st_mtime for p in (db, db.with_name(db.name + "-wal")) if p.exists()), default=0.0)


def due(data_dir: Path, every_minutes: int, now: dt.datetime | None = None) -> bool:
    """Data changed since the newest automatic backup, and it is at least `every_minutes` old."""
    if every_minutes <= 0 or not (data_dir / DB_FILE).exists():
        return False
    now = now or dt.datetime.now()
    last = next((b for b in list_backups(data_dir) if b.kind == "auto"), None)
    if last is None:
        return True
    if now - last.taken_at < dt.timedelta(minutes=every_minutes):
        return False
    return _last_change(data_dir / DB_FILE) > last.path.stat().st_mtime


def every_minutes(setting: object) -> int:
    try:
        return max(0, int(setting)) if isinstance(setting, (str, int, float)) else DEFAULT_EVERY_MINUTES
    except (TypeError, ValueError):
        return DEFAULT_EVERY_MINUTES


def maybe_backup(data_dir: Path, every: int = DEFAULT_EVERY_MINUTES, now: dt.datetime | None = None) -> Path | None:
    """Take an automatic backup if one is due, then thin the old ones; the new path or None."""
    if not due(data_dir, every, now):
        return None
    path = take(data_dir, "auto", now)
    thin(data_dir, now)
    return path


def to_keep(backups: Iterable[BackupInfo], now: dt.datetime) -> set[Path]:
    """Rolling retention of automatic backups: all of the last day, then the newest of each day
    for 7 days, of each ISO week for 5 weeks, of each month for 12 months."""
    keep: set[Path] = set()
    seen: set[tuple[str, object]] = set()
    for b in sorted(backups, key=lambda x: x.taken_at, reverse=True):
        age = now - b.taken_at
        if age <= dt.timedelta(days=1):
            keep.add(b.path)
            continue
        for bucket, span, key in (("day", dt.timedelta(days=7), b.taken_at.date()),
                                  ("week", dt.timedelta(weeks=5), tuple(b.taken_at.isocalendar())[:2]),
                                  ("month", dt.timedelta(days=366), (b.taken_at.year, b.taken_at.month))):
            if age <= span and (bucket, key) not in seen:
                seen.add((bucket, key))
                keep.add(b.path)
    return keep


def thin(data_dir: Path, now: dt.datetime | None = None) -> list[Path]:
    """Delete the automatic backups the rolling retention no longer keeps; returns them."""
    now = now or dt.datetime.now()
    autos = [b for b in list_backups(data_dir) if b.kind == "auto"]
    keep = to_keep(autos, now)
    gone = []
    for b in autos:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            gone.append(b.path)
    return gone


# -- damaged stores ----------------------------------------------------------------------------

def _companions(db: Path) -> list[Path]:
    return [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]


def move_aside(db: Path, now: dt.datetime | None = None) -> Path:
    """Rename a store that failed its check (with its -wal and -shm, which belong to it) to
    `<name>.damaged-<stamp>`: never deleted, never written again."""
    suffix = DAMAGED + stamp(now)
    aside = db.with_name(db.name + suffix)
    for part in _companions(db):
        if part.exists():
            part.replace(part.with_name(db.name + suffix + part.name[len(db.name):]))
    fsync_dir(db.parent)
    return aside


def damaged_stores(data_dir: Path) -> list[Path]:
    """Stores moved aside after failing their check, newest first."""
    return sorted((p for p in data_dir.glob(DB_FILE + DAMAGED + "*") if not p.name.endswith(("-wal", "-shm"))),
                  reverse=True)


def damaged_message(moved_to: Path, problem: str | None, backup: BackupInfo | None) -> str:
    head = t("数据库未通过检查{m}，已移到 {p}（没有删除任何东西）。", "The database failed its check{m_en} and was moved "
             "aside to {p} (nothing was deleted).", m=f"（{problem}）" if problem else "",
             m_en=f" ({problem})" if problem else "", p=moved_to)
    if backup is not None:
        return head + t("最近的完好备份是 {d} 的 {b}：用 `ideabank restore {b}` 或窗口中的“恢复”恢复它。",
                        " The newest sound backup is from {d}: {b}. Restore it with `ideabank restore {b}` or "
                        "Restore in the window.", d=backup.label, b=backup.path)
    return head + t("没有找到完好的备份。`ideabank init` 会新建一个空库；损坏的文件可用 `sqlite3 {p} .recover` 尝试抢救。",
                    " No sound backup was found. `ideabank init` starts an empty bank; `sqlite3 {p} .recover` may "
                    "salvage some of the damaged file.", p=moved_to)


# -- restore -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous: Path | None   # the backup of the store that was replaced (or where a damaged one went)
    projects: int


def check_restorable(source: Path) -> int:
    """ValidationError unless `source` is a sound Idea Bank database this program can open;
    the number of projects in it."""
    from db import migrate

    source = Path(source)
    if not source.is_file():
        raise ValidationError(t("找不到备份文件 {p}。", "No backup file {p}.", p=source))
    problem = quick_check(source)
    if problem:
        raise ValidationError(t("{p} 未通过检查（{m}），不能用来恢复。", "{p} fails its check ({m}) and cannot be restored.",
                                p=source, m=problem))
    try:
        conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            projects = conn.execute("SELECT count(*) FROM projects").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise ValidationError(t("{p} 不是创新智慧库的数据库。", "{p} is not an Idea Bank database.", p=source)) from None
    if not revision or not migrate.is_known(revision[0]):
        raise ValidationError(t("{p} 由更新版本的创新智慧库写成（{r}），请先升级本程序。",
                                "{p} was written by a newer Idea Bank ({r}); upgrade this program first.",
                                p=source, r=revision[0] if revision else "?"))
    return int(projects)


def restore(data_dir: Path, source: Path, now: dt.datetime | None = None) -> RestoreResult:
    """Replace the store of `data_dir` with a checked copy of `source`. The bank must be closed
    (the window and every other program using this folder)."""
    data_dir, source = Path(data_dir), Path(source)
    projects = check_restorable(source)
    db = data_dir / DB_FILE
    if db.exists() and source.resolve() == db.resolve():
        raise ValidationError(t("不能用数据库本身来恢复。", "The database cannot be restored from itself."))
    incoming = data_dir / (DB_FILE + ".restoring")
    backup_file(source, incoming)  # checked again on the way in, so what is put in place is sound
    previous: Path | None = None
    try:
        if db.exists():
            if quick_check(db) is None:
                _checkpoint(db)
                previous = take(data_dir, "before-restore", now)
            else:
                previous = move_aside(db, now)
        for part in _companions(db)[1:]:
            part.unlink(missing_ok=True)  # empty after the checkpoint; they must not meet the new file
        os.replace(incoming, db)
        fsync_dir(data_dir)
    finally:
        incoming.unlink(missing_ok=True)
    # The search index was derived from the old store (its cursor counts the old store's changes):
    # it goes, and rebuilds itself from the restored one at the next search.
    for derived in ("search", "index"):
        shutil.rmtree(data_dir / derived, ignore_errors=True)
    return RestoreResult(source, previous, projects)


def _checkpoint(db: Path) -> None:
    """Fold the write-ahead log into the file, so removing the log loses nothing."""
    conn = sqlite3.connect(db, timeout=5)
    try:
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()
    if busy:
        raise StorageError(t("数据库正被另一个程序使用，请先关闭它（窗口或 ideabank 命令）再恢复。",
                             "Another program is using the database: close it (the window or an ideabank "
                             "command) before restoring."))
