"""Online backups of the SQLite store through SQLite's backup API (never a file copy, which can
catch the database half-written), checked on both ends: a damaged source is refused (so damage
never spreads into the backups), and the copy is reopened and checked before it takes its name."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from db.files import fsync_dir


class BackupError(Exception):
    """The backup was not made; `str()` says why (the core words it for people)."""


class SourceDamaged(BackupError):
    pass


class CopyDamaged(BackupError):
    pass


def _problem(conn: sqlite3.Connection) -> str | None:
    rows = conn.execute("PRAGMA quick_check(5)").fetchall()
    bad = [str(r[0]) for r in rows if r[0] != "ok"]
    # SQLite starts with "*** in database main ***" on a line of its own: keep one line to show.
    lines = [line.strip() for text in bad for line in text.splitlines() if line.strip() and not line.startswith("***")]
    return "; ".join(lines[:2]) if bad else None


def quick_check(path: Path) -> str | None:
    """None when SQLite's quick_check passes on this file, otherwise the first problem it names
    (or why the file cannot be read as a database at all)."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            return _problem(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)


def backup_sqlite(source: Path, target: Path) -> Path:
    """Copy the live database `source` to `target`, checked on both ends; BackupError or OSError
    (the disk) otherwise, and no file is left behind."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
        try:
            try:
                problem = _problem(src)
            except sqlite3.DatabaseError as exc:
                problem = str(exc)
            if problem:
                raise SourceDamaged(problem)
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
            finally:
                dst.close()
        finally:
            src.close()
        problem = quick_check(tmp)
        if problem:
            raise CopyDamaged(problem)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        tmp.replace(target)  # atomic: a half-written or unchecked backup never carries the final name
        fsync_dir(target.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
