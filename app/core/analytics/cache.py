"""Reports kept on disk until the bank changes, so opening the analytics again, or asking
`ideabank stats` twice, costs a file read instead of four scans of every project.

A kept report is found by a key that names everything its figures depend on: the scope (who asks,
with the role and studio the visibility rule reads, and every filter), the database's change counter
and clock (every write transaction moves them, db/sequence.py; the clock also tells a restored older
copy from the store that reached the same number), the site's offset from UTC (months are cut by
it), the language (a few labels are worded) and the version of the program and of this format. A
report is never updated: a new key gets a new file and the oldest files beyond `KEEP` are removed.

The files hold figures the asker may see (secret projects for an administrator), so they live in a
folder only the account can open (0700, files 0600) inside the data folder, like the database itself.
Anything wrong with the cache (a full disk, a damaged file, a read-only folder) only means the report
is computed again.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import text

from app import __version__
from app.core import i18n
from app.core.analytics.scope import Frame, Scope
from app.core.bank import Bank

FORMAT = 1  # raise when the report's shape changes
KEEP = 64  # files: a few filters each for a handful of people on this computer
FOLDER = Path("cache") / "analytics"
log = logging.getLogger(__name__)


def key(bank: Bank, frame: Frame, top: int) -> str | None:
    """The key of this question against the data as it is now; None when it cannot be kept."""
    if bank.read_only:
        return None
    seq, ms, n = frame.s.execute(text("SELECT seq, hlc_ms, hlc_n FROM sync_counter WHERE id = 1")).one()
    scope: Scope = frame.scope
    viewer = scope.viewer
    parts = [FORMAT, __version__, bank.site_id, seq, ms, n, frame.offset_minutes, i18n.language(),
             viewer.id, viewer.role, viewer.studio_id, scope.date_from and scope.date_from.isoformat(),
             scope.date_to and scope.date_to.isoformat(), scope.studio_id, scope.unit_id, list(scope.categories), top]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _folder(bank: Bank) -> Path:
    return bank.data_dir / FOLDER


def load(bank: Bank, name: str) -> dict[str, Any] | None:
    try:
        with open(_folder(bank) / f"{name}.json", encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:  # damaged or unreadable: computed again (and written anew)
        log.warning("analytics cache %s unreadable: %s", name, exc)
        return None
    return data if isinstance(data, dict) else None


def save(bank: Bank, name: str, report: dict[str, Any]) -> None:
    folder = _folder(bank)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")  # created 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(report, f, ensure_ascii=False)
            os.replace(tmp, folder / f"{name}.json")  # whole or not at all, whatever happens
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(folder)
    except OSError as exc:
        log.warning("analytics cache not written: %s", exc)


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        old.unlink(missing_ok=True)
