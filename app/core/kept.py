"""Answers kept on disk until the bank changes: opening the analytics again, asking `ideabank stats`
twice or looking at a campaign's board once more costs a file read instead of scans of every project.

An answer is found by a key that names everything it depends on: the question (its kind and every
filter), who asks (with the role and studio the visibility rule reads), the database's change counter
and clock (every write transaction moves them, db/sequence.py; the clock also tells a restored older
copy from the store that reached the same number), the site's time zone (days and months are cut by
it), the language (a few labels are worded) and the program itself (its files' sizes and times, see
`_program`: a new version, or an edited module, never answers from an old one's files). An answer is
never updated: a new key gets a new file, and the oldest files beyond `KEEP` are removed.

Answers hold what the asker may see (secret projects for an administrator), so they live in a folder
only the account can open (0700, files 0600) inside the data folder, like the database itself.
Anything wrong with them (a full disk, a damaged file, a read-only folder) only means the answer is
worked out again. Only JSON data is kept; the caller gets the same value either way.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import text

from app.core import i18n, sitetime
from app.core.actor import Actor
from app.core.bank import Bank
from db.files import atomic_file

FORMAT = 1  # raise when a kept answer's shape changes without a new version of the program
KEEP = 64  # files: a few questions each for the handful of people who use this computer
FOLDER = Path("cache") / "answers"
T = TypeVar("T")
log = logging.getLogger(__name__)


def answer(bank: Bank, kind: str, viewer: Actor, question: list[Any], work: Callable[[], T], *,
           fresh: bool = False) -> T:
    """`work()`, or what it returned before for the same question while nothing has changed since.
    `question` lists everything else the answer depends on (JSON values). `fresh` works it out
    whatever is kept (and keeps the new answer)."""
    name = None if bank.read_only else key(bank, kind, viewer, question)  # before work() reads anything
    if name and not fresh:
        kept = load(bank, name)
        if kept is not _MISSING:
            return kept  # type: ignore[no-any-return]  # what work() returned, through JSON
    result = work()
    if name:
        save(bank, name, result)
    return result


def key(bank: Bank, kind: str, viewer: Actor, question: list[Any]) -> str:
    with bank.session() as s:
        seq, ms, n = s.execute(text("SELECT seq, hlc_ms, hlc_n FROM sync_counter WHERE id = 1")).one()
    parts = [FORMAT, _program(), bank.site_id, seq, ms, n, str(sitetime.zone(bank)), i18n.language(), kind,
             viewer.id, viewer.role, viewer.studio_id, question]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


@functools.cache
def _program() -> tuple[int, int, int]:
    """The core's and the store's modules as they are on disk (sources, or a bundle's compiled
    files): how many, their total size and newest time. Any install or edit changes it; statting
    them costs a few ms where reading the package metadata's version costs ~40 ms of a quick command."""
    import db
    roots = (Path(__file__).parent, Path(db.__file__).parent)  # the core and the store answer
    stats = [f.stat() for root in roots for f in root.rglob("*.py*") if "__pycache__" not in f.parts]
    return len(stats), sum(st.st_size for st in stats), max((st.st_mtime_ns for st in stats), default=0)


def _folder(bank: Bank) -> Path:
    return bank.data_dir / FOLDER


_MISSING = object()


def load(bank: Bank, name: str) -> Any:
    """The kept answer, or _MISSING."""
    try:
        with open(_folder(bank) / f"{name}.json", encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        return _MISSING
    except (OSError, ValueError) as exc:  # damaged or unreadable: worked out again (and kept anew)
        log.warning("kept answer %s unreadable: %s", name, exc)
        return _MISSING
    return data["answer"] if isinstance(data, dict) and "answer" in data else _MISSING


def save(bank: Bank, name: str, value: Any) -> None:
    folder = _folder(bank)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
        data = json.dumps({"answer": value}, ensure_ascii=False).encode()
        with atomic_file(folder / f"{name}.json") as out:  # made 0600, whole or not at all
            out.write(data)
        _prune(folder)
    except (OSError, TypeError, ValueError) as exc:  # TypeError/ValueError: not JSON data (a caller's bug)
        log.warning("answer not kept: %s", exc)


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        old.unlink(missing_ok=True)
