"""Synchronising a site with the central PostgreSQL hub: `ideabank sync --hub URL`.

Both ways, in batches, each batch one transaction on the side it is written to:

1. the hub checks this site: a site id it knows from another computer (a copied database) is
   refused until one of them takes a new id (`ideabank site join`);
2. push: this site's changes since it last pushed (`push:<hub>` cursor here), `limit` rows a batch,
   applied to the hub with the hub's re-check of roles and lifecycle (app/sync/authority.py); the
   cursor moves after each batch commits on the hub;
3. pull: the hub's changes since this site last pulled (`pull:<hub>` here), for this site (secret
   projects only if its people may see them), applied here; the hub records how far this site
   has read (`site:<id>` on the hub), which holds back the pruning of the hub's tombstones.

A dropped connection or a killed process loses at most the batch in flight: both sides' cursors
move only after a batch has committed, and applying a batch again changes nothing, so running sync
again continues where it stopped. There is no server program: this runs in the syncing
computer's process with a database connection to the hub (docs/SYNC.md says what that guarantees).
"""
from __future__ import annotations

import hashlib
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError, OperationalError

from app.core import blobstore
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.errors import Cancelled, Conflict, StorageError
from app.core.i18n import t
from app.core.permissions import check
from app.sync import changeset
from app.sync.changeset import ApplyReport
from app.sync.prune import prune_tombstones
from app.sync.visibility import EVERYONE, site_consumer
from db.models import SyncCursor
from db.sequence import load_cursor, save_cursor

BATCH = 5000  # rows a batch: big enough that a batch's fixed cost is small, small enough to redo
LAST_SYNC = "sync_last"  # setting: {"hub": site id, "at": iso time, "pushed": n, "pulled": n}

Progress = Callable[[int, int, str], None]  # (done, total, phase: "push" | "pull")
Cancel = Callable[[], bool]


class SyncCancelled(Cancelled):
    """The person pressed cancel: the batches already done stay done; sync again to continue."""

    exit_code = 130


class CopiedDatabase(Conflict):
    """This database's site id is registered at the hub for another computer."""


@dataclass
class SyncReport:
    hub_site: str
    pushed: ApplyReport = field(default_factory=ApplyReport)  # what the hub did with our changes
    pulled: ApplyReport = field(default_factory=ApplyReport)  # what we did with the hub's
    push_batches: int = 0
    pull_batches: int = 0
    pushed_records: int = 0
    pulled_records: int = 0
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {"hub": self.hub_site, "pushed": {"records": self.pushed_records, "batches": self.push_batches,
                                                 **self.pushed.as_json()},
                "pulled": {"records": self.pulled_records, "batches": self.pull_batches, **self.pulled.as_json()},
                "seconds": round(self.seconds, 2)}


def machine_fingerprint(bank: Bank) -> str:
    """This computer and data folder: a database file copied elsewhere has another."""
    try:
        machine = Path("/etc/machine-id").read_text().strip()
    except OSError:
        machine = ""
    text = f"{machine or socket.gethostname()}|{Path(bank.data_dir).resolve()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def open_hub(bank: Bank, url: str) -> Bank:
    """The hub as a bank; its files are cached in this site's data folder (they live in the hub)."""
    from sqlalchemy.engine import make_url

    try:
        if make_url(url).get_backend_name() != "postgresql":
            raise ValueError
    except Exception:
        raise StorageError(t("--hub 需要 PostgreSQL 数据库地址，例如 postgresql+psycopg://user@host/ideabank。",
                             "--hub needs a PostgreSQL URL, e.g. postgresql+psycopg://user@host/ideabank.")) from None
    hub = Bank.open(Path(bank.data_dir) / "hub-cache", url, clock=bank.clock)
    if hub.site_id == bank.site_id:
        hub.close()
        raise Conflict(t("这个数据库就是中心库本身，不需要同步。", "This database is the hub itself; there is nothing to sync."))
    return hub


def register(bank: Bank, hub: Bank, actor: Actor | None) -> None:
    """Record this site at the hub (code, name, people, computer) or refuse a copied database."""
    me = machine_fingerprint(bank)
    with hub.write(stamp=False) as s:
        row = s.get(SyncCursor, site_consumer(bank.site_id))
        info = dict(row.info or {}) if row is not None else {}
        known = info.get("machine")
        if known and known != me:
            raise CopiedDatabase(t(
                "中心库中站点 {code}（{id}）登记在另一台电脑或另一个数据文件夹上：这个数据库是复制来的。"
                "请先用 `ideabank site join --hub URL` 为本机取得新的站点编号，再同步。",
                "The hub has site {code} ({id}) registered on another computer or data folder: this database is a "
                "copy. Take a new site id for this computer with `ideabank site join --hub URL`, then sync.",
                code=bank.site_code, id=bank.site_id))
        people = set(info.get("people") or [])
        if actor is not None:
            people.add(EVERYONE if actor.role == "admin" else actor.id)
        info.update(machine=me, code=bank.site_code, name=str(bank.setting("site_name") or ""),
                    people=sorted(people), last_seen=hub.now().isoformat())
        save_cursor(s, site_consumer(bank.site_id), row.seq if row is not None else 0, info, when=hub.now())


def _cursor(bank: Bank, consumer: str) -> int:
    with bank.session() as s:
        found = load_cursor(s, consumer)
    return found[0] if found else 0


def _move(bank: Bank, consumer: str, seq: int) -> None:
    with bank.write(stamp=False) as s:
        save_cursor(s, consumer, seq, when=bank.now())


def _blob_reader(bank: Bank) -> Callable[[str], bytes | None]:
    if blobstore.shared(bank):
        def read(sha: str) -> bytes | None:
            with bank.session() as s:
                return blobstore.read(s, sha)
        return read

    def read_file(sha: str) -> bytes | None:
        path = blobstore.local_path(bank, sha)
        return path.read_bytes() if path is not None else None
    return read_file


def _lost(exc: Exception, done: int) -> StorageError:
    return StorageError(t("与中心库的连接中断（已完成 {n} 批）。再次运行同步即可从中断处继续：{err}",
                          "The connection to the hub was lost ({n} batches done). Sync again to continue from "
                          "there: {err}", n=done, err=str(getattr(exc, "orig", exc)).splitlines()[0]))


def _pending(bank: Bank, since: int) -> int:
    from db.sequence import counter

    with bank.session() as s:
        return max(0, counter(s.connection())[0] - since)


def sync(bank: Bank, actor: Actor, url: str, *, limit: int = BATCH, progress: Progress | None = None,
         cancel: Cancel | None = None) -> SyncReport:
    """Exchange everything that changed since the last sync with the hub at `url`, both ways."""
    check(actor, "sync.hub")
    began = time.perf_counter()
    hub = open_hub(bank, url)
    report = SyncReport(hub.site_id)
    try:
        try:
            register(bank, hub, actor)
            _push(bank, hub, report, limit, progress, cancel)
            _pull(bank, hub, report, limit, progress, cancel)
            prune_tombstones(hub)
        except (OperationalError, DBAPIError) as exc:
            raise _lost(exc, report.push_batches + report.pull_batches) from exc
    finally:
        hub.close()
    prune_tombstones(bank)
    report.seconds = time.perf_counter() - began
    with bank.write(stamp=False) as s:
        from db.models import Setting

        row = s.get(Setting, LAST_SYNC)
        value = {"hub": report.hub_site, "at": bank.now().isoformat(), "pushed": report.pushed_records,
                 "pulled": report.pulled_records, "conflicts": report.pushed.conflicts + report.pulled.conflicts,
                 "rejected": report.pushed.rejected}
        if row is None:
            s.add(Setting(key=LAST_SYNC, value=value))
        else:
            row.value = value
    return report


def _step(progress: Progress | None, cancel: Cancel | None, done: int, total: int, phase: str) -> None:
    if cancel is not None and cancel():
        raise SyncCancelled(t("已取消同步；已完成的批次已保存，再次同步会从这里继续。",
                              "Sync cancelled; the batches done are kept and the next sync continues from there."))
    if progress is not None:
        progress(done, total, phase)


def _push(bank: Bank, hub: Bank, report: SyncReport, limit: int, progress: Progress | None,
          cancel: Cancel | None) -> None:
    consumer = f"push:{hub.site_id}"
    since = _cursor(bank, consumer)
    total, start = _pending(bank, since), since
    read = _blob_reader(bank)
    while True:
        _step(progress, cancel, since - start, total, "push")
        changes = changeset.collect(bank, since, for_site=hub.site_id, limit=limit, people=EVERYONE)
        if changes.records:
            report.pushed.add(changeset.apply(hub, changes, blob=read, authority=True))
            report.pushed_records += len(changes.records)
            report.push_batches += 1
        if changes.until != since:
            _move(bank, consumer, changes.until)
        since = changes.until
        if changes.complete:
            break
    _step(progress, None, total, total, "push")


def _pull(bank: Bank, hub: Bank, report: SyncReport, limit: int, progress: Progress | None,
          cancel: Cancel | None) -> None:
    consumer = f"pull:{hub.site_id}"
    since = _cursor(bank, consumer)
    total, start = _pending(hub, since), since
    read = _blob_reader(hub)
    while True:
        _step(progress, cancel, since - start, total, "pull")
        changes = changeset.collect(hub, since, for_site=bank.site_id, limit=limit)
        if changes.records:
            report.pulled.add(changeset.apply(bank, changes, blob=read, authority=False))
            report.pulled_records += len(changes.records)
            report.pull_batches += 1
        if changes.until != since:
            _move(bank, consumer, changes.until)
            with hub.write(stamp=False) as s:  # how far this site has read the hub (tombstone pruning)
                found = load_cursor(s, site_consumer(bank.site_id))
                save_cursor(s, site_consumer(bank.site_id), changes.until, found[1] if found else {},
                            when=hub.now())
        since = changes.until
        if changes.complete:
            break
    _step(progress, None, total, total, "pull")


def last_sync(bank: Bank) -> dict[str, Any] | None:
    """When this site last synced with a hub, and what moved (for the status bar)."""
    value = bank.setting(LAST_SYNC)
    return value if isinstance(value, dict) else None


__all__ = ["sync", "SyncReport", "SyncCancelled", "CopiedDatabase", "last_sync", "open_hub", "machine_fingerprint",
           "register", "BATCH"]
