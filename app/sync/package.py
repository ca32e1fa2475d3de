"""Exchange packages for air-gapped sites: `export_package` and `import_package`.

A package holds the changes of this site's sequence in (since, until] that the receiving site may
see, the attachments they reference, and the acknowledgement of what this site has applied from
the receiver, all signed by this site and encrypted to the receiver (container.py, envelope.py).

Cursors (db.models.PackagePeer): an export without `since` starts at what the receiver last
acknowledged, so a package lost on the way is covered by the next one; an import records the range
it applied and takes the acknowledgement it carries. Importing checks everything first (address,
trust, encryption, signature, every hash, limits) and only then hands the changes to the sync
engine, which applies them all or none and idempotently: the same package twice is refused as a
replay, and packages applied out of order, or overlapping ones, converge.

The bookkeeping here (and in identity.py, trust.py) changes no synchronised row, so its writes take
no change number (`bank.write(stamp=False)`): exporting or trusting is not itself a change to send.
"""
from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core import blobstore
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.errors import Cancelled, StorageError, ValidationError
from app.core.i18n import t
from app.core.permissions import check
from app.sync import changeset, identity, trust
from app.sync.container import LIMITS, Limits, PackageReader, PackageWriter
from app.sync.envelope import TAG, SealedWriter, open_sealed, read_header
from app.sync.identity import PublicIdentity, SiteKeys
from app.sync.refusal import PackageRefused
from app.sync.visibility import site_consumer
from db.base import new_id
from db.files import atomic_file
from db.models import PackageLog, PackagePeer, SiteKey
from db.sequence import load_cursor, save_cursor

SUFFIX = ".ibpkg"
Progress = Callable[[int, int, str], None]  # (done, total, phase); phases: records, blobs, check, apply
Cancel = Callable[[], bool]
Collect = Callable[..., Any]  # the engine's collect(bank, since, *, for_site) -> ChangeSet
Apply = Callable[..., Any]    # the engine's apply(bank, changes, *, blob) -> ApplyReport


class PackageCancelled(Cancelled):
    """The person pressed cancel: an export left no file, an import changed nothing."""

    exit_code = 130


class Changes(Protocol):
    """What the sync engine's ChangeSet provides (app/sync/changeset.py)."""

    source_site: str
    since: int
    until: int
    records: list[dict[str, Any]]
    blobs: set[str]


@dataclass
class PackageSummary:
    package_id: str
    direction: str  # "out" | "in"
    peer: PublicIdentity
    since: int
    until: int
    records: int
    blobs: int
    size: int
    missing_blobs: int = 0
    ack: int = 0
    applied: Any = None  # the engine's ApplyReport on import

    def as_json(self) -> dict[str, Any]:
        return {"package_id": self.package_id, "direction": self.direction,
                "site": {"id": self.peer.site_id, "name": self.peer.name, "code": self.peer.code},
                "since": self.since, "until": self.until, "records": self.records, "blobs": self.blobs,
                "missing_blobs": self.missing_blobs, "ack": self.ack, "bytes": self.size,
                "applied": self.applied.as_json() if hasattr(self.applied, "as_json") else None}


# -- cursors ---------------------------------------------------------------------------------------

def merge_range(ranges: list[list[int]], since: int, until: int) -> list[list[int]]:
    """Add (since, until] to a list of disjoint ranges, merging touching ones."""
    if until <= since:
        return [list(r) for r in ranges]
    merged: list[list[int]] = []
    for lo, hi in sorted([*ranges, [since, until]]):
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return merged


def contiguous(ranges: list[list[int]]) -> int:
    """How far the peer's sequence has been applied here without a gap (what is acknowledged)."""
    return ranges[0][1] if ranges and ranges[0][0] <= 0 else 0


@dataclass(frozen=True)
class Cursor:
    acked: int
    sent: int
    received_up_to: int
    received: list[list[int]]
    last_sent_at: dt.datetime | None
    last_received_at: dt.datetime | None


def cursor(bank: Bank, site_id: str) -> Cursor:
    with bank.session() as s:
        row = s.get(PackagePeer, site_id)
        if row is None:
            return Cursor(0, 0, 0, [], None, None)
        return Cursor(row.acked_seq, row.sent_seq, contiguous(row.received), row.received, row.last_sent_at,
                      row.last_received_at)


def _peer_row(s: Session, site_id: str) -> PackagePeer:
    row = s.get(PackagePeer, site_id)
    if row is None:
        row = PackagePeer(site_id=site_id, acked_seq=0, sent_seq=0, received=[])
        s.add(row)
    return row


# -- export ----------------------------------------------------------------------------------------

def write_package(bank: Bank, keys: SiteKeys, recipient: PublicIdentity, changes: Changes, target: Path, *,
                  ack: int, actor_id: str | None = None, progress: Progress | None = None,
                  cancel: Cancel | None = None) -> PackageSummary:
    """Write `changes` as a package for `recipient` at `target` (atomically) and record it."""
    if target.exists() and target.is_dir():
        raise ValidationError(t("{p} 是文件夹，请给出交换包的文件名。", "{p} is a folder; name the package file.", p=target))
    package_id = new_id()
    blobs = sorted(changes.blobs)
    manifest = {
        "package_id": package_id,
        "created_at": bank.now().isoformat(timespec="seconds"),
        "source": {"site_id": keys.site_id, "name": keys.public.name, "code": keys.public.code,
                   "signing_key": keys.public.sign_fingerprint},
        "recipient": {"site_id": recipient.site_id, "encryption_key": recipient.kx_fingerprint},
        "ranges": [{"since": changes.since, "until": changes.until}],
        "acks": {recipient.site_id: ack},
        "blobs": blobs,
    }
    total = len(changes.records)

    def tick(done: int, of: int, phase: str) -> None:
        if cancel is not None and cancel():
            raise PackageCancelled(t("已取消导出，没有写出交换包。", "Export cancelled; no package was written."))
        if progress is not None:
            progress(done, of, phase)

    missing = 0
    try:
        with atomic_file(target) as out:
            sealed = SealedWriter(out, recipient, keys.site_id)
            writer = PackageWriter(sealed)
            try:
                writer.write_records(changes.records, lambda n: tick(n, total, "records"))
                for n, sha in enumerate(blobs, 1):
                    tick(n, len(blobs), "blobs")
                    path = blobstore.local_path(bank, sha)  # on a hub, fetched from the database
                    if path is None or not writer.add_blob(sha, path):
                        missing += 1  # not on this computer (yet): the receiver keeps the record without the file
                writer.finish(manifest, keys.sign)
            except BaseException:
                sealed.abandon()
                writer.abandon()
                raise
            sealed.close()
            size = out.tell()
    except OSError as exc:
        raise StorageError(t("无法写入交换包 {p}：{e}（没有留下不完整的文件）", "Cannot write the package {p}: {e} "
                             "(no partial file was left)", p=target, e=exc.strerror or exc)) from None
    with bank.write(stamp=False) as s:
        s.add(PackageLog(package_id=package_id, direction="out", peer_site_id=recipient.site_id,
                         since=changes.since, until=changes.until, records=writer.records, blobs=writer.blobs,
                         size=size, at=bank.now(), actor_id=actor_id))
        row = _peer_row(s, recipient.site_id)
        row.sent_seq = max(row.sent_seq, changes.until)
        row.last_sent_at = bank.now()
    return PackageSummary(package_id, "out", recipient, changes.since, changes.until, writer.records, writer.blobs,
                          size, missing_blobs=missing, ack=ack)


def export_package(bank: Bank, actor: Actor, target: Path | str, *, to: str | None = None, since: int | None = None,
                   progress: Progress | None = None, cancel: Cancel | None = None,
                   collect: Collect | None = None) -> PackageSummary:
    """`ideabank package export`: what `to` has not acknowledged (or everything after `since`)."""
    check(actor, "sync.package")
    if since is not None and since < 0:
        raise ValidationError(t("--since 不能为负数。", "--since cannot be negative."))
    keys = identity.load(bank)
    recipient = trust.resolve(bank, to)
    collect = collect or changeset.collect
    here = cursor(bank, recipient.site_id)
    start = here.acked if since is None else since
    changes = collect(bank, start, for_site=recipient.site_id)
    return write_package(bank, keys, recipient, changes, Path(target), ack=here.received_up_to, actor_id=actor.id,
                         progress=progress, cancel=cancel)


# -- import ----------------------------------------------------------------------------------------

@dataclass
class VerifiedPackage:
    """A package whose address, sender, encryption, signature and hashes all checked out."""

    package_id: str
    sender: PublicIdentity
    since: int
    until: int
    ack: int
    blobs: set[str]
    records: list[dict[str, Any]]
    reader: PackageReader
    size: int
    sender_name: str  # as the sender calls itself now (signed): a renamed site shows its new name


def open_package(bank: Bank, keys: SiteKeys, source: Path, workdir: Path, *, limits: Limits = LIMITS,
                 progress: Progress | None = None, cancel: Cancel | None = None) -> VerifiedPackage:
    """Decrypt into `workdir` (private, inside the data folder) and check everything; raises
    PackageRefused with the reason. Nothing in the bank is touched."""
    try:
        size = source.stat().st_size
        fh = source.open("rb")
    except OSError as exc:
        raise ValidationError(t("无法读取 {p}：{e}", "Cannot read {p}: {e}", p=source, e=exc.strerror or exc)) from None
    with fh:
        if size > limits.total + limits.total // 1024 + 65536:
            raise PackageRefused(t("交换包超过大小上限，已拒绝。", "The package is over the size limit; refused."))
        header, aad = read_header(fh)
        if header.recipient != keys.site_id:
            known = trust.trusted(bank, header.recipient)
            raise PackageRefused(t("这个交换包是发给站点“{n}”的，不是本站点（{me}），已拒绝，未做任何更改。",
                                   "This package is addressed to site '{n}', not to this site ({me}); refused, "
                                   "nothing was changed.", n=known.name if known else header.recipient,
                                   me=keys.public.name))
        if header.recipient_key != keys.public.kx_fingerprint:
            raise PackageRefused(t("这个交换包是用本站点以前的密钥加密的（{fp}），无法打开。请对方用本站点的新密钥文件重新信任后再导出。",
                                   "This package was encrypted to an earlier key of this site ({fp}) and cannot be "
                                   "opened. Ask the sender to trust this site's new key file and export again.",
                                   fp=header.recipient_key))
        sender = trust.trusted(bank, header.sender)
        if sender is None:
            raise PackageRefused(t("交换包来自本站点未信任的站点（{s}），已拒绝。请先核对指纹并用 `ideabank site trust` 信任它。",
                                   "The package comes from a site this site does not trust ({s}); refused. Check its "
                                   "fingerprint and trust it with `ideabank site trust` first.", s=header.sender))
        plain = workdir / "package.zip"
        done = 0
        with plain.open("wb") as out:
            for chunk in open_sealed(fh, header, aad, keys.kx_private, limit=limits.total,
                                     cancelled=cancel):
                out.write(chunk)
                done += len(chunk) + TAG
                if progress is not None:
                    progress(done, size, "check")
    reader = PackageReader(plain, limits)
    try:
        manifest = reader.verify(sender.verifier(), sender.name)
        package_id, since, until, ack, blobs = _checked_manifest(manifest, sender, keys)
        records = list(reader.records())
        if len(records) != manifest["counts"].get("records"):
            raise PackageRefused(t("交换包的记录数与清单不符，已拒绝。", "The package's record count does not match its "
                                   "manifest; refused."))
        reader.check_blobs(None if progress is None else (lambda n: progress(n, len(blobs), "blobs")))
    except BaseException:
        reader.close()
        raise
    name = " ".join(str(manifest["source"].get("name", "")).split())[:identity.MAX_NAME] or sender.name
    return VerifiedPackage(package_id, sender, since, until, ack, blobs, records, reader, size, name)


def _checked_manifest(manifest: dict[str, Any], sender: PublicIdentity,
                      keys: SiteKeys) -> tuple[str, int, int, int, set[str]]:
    try:
        package_id = str(uuid.UUID(manifest["package_id"]))
        source, recipient = manifest["source"]["site_id"], manifest["recipient"]["site_id"]
        (rng,) = manifest["ranges"]
        since, until = rng["since"], rng["until"]
        ack = manifest["acks"].get(keys.site_id, 0)
        blobs = set(manifest["blobs"])
        if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in (since, until, ack)) \
                or until < since or not all(isinstance(b, str) for b in blobs):
            raise ValueError
    except (KeyError, TypeError, ValueError, AttributeError):
        raise PackageRefused(t("交换包的清单不完整，已拒绝。", "The package's manifest is incomplete; refused.")) from None
    if source != sender.site_id or recipient != keys.site_id:
        raise PackageRefused(t("交换包清单中的发送或接收站点与信封不符，已拒绝。",
                               "The sending or receiving site in the manifest does not match the envelope; refused."))
    return package_id, since, until, ack, blobs




def import_package(bank: Bank, actor: Actor, source: Path | str, *, limits: Limits = LIMITS,
                   progress: Progress | None = None, cancel: Cancel | None = None,
                   apply: Apply | None = None, changeset_type: Any = None) -> PackageSummary:
    """`ideabank package import`: check everything, then apply all changes or none, then record."""
    check(actor, "sync.package")
    keys = identity.load(bank)
    workdir = _private_tempdir(bank)
    try:
        package = open_package(bank, keys, Path(source), workdir, limits=limits, progress=progress, cancel=cancel)
        with package.reader:
            seen = _imported_at(bank, package.package_id)
            if seen is not None:
                raise PackageRefused(t("这个交换包已于 {at} 导入过，这次没有做任何更改。",
                                       "This package was already imported on {at}; nothing was changed this time.",
                                       at=seen.strftime("%Y-%m-%d %H:%M")))
            if cancel is not None and cancel():
                raise PackageCancelled(t("已取消导入，没有做任何更改。", "Import cancelled; nothing was changed."))
            if progress is not None:
                progress(0, len(package.records), "apply")
            apply, changeset_type = apply or changeset.apply, changeset_type or changeset.ChangeSet
            changes = changeset_type(source_site=package.sender.site_id, since=package.since, until=package.until,
                                     records=package.records, blobs=package.blobs)
            report = apply(bank, changes, blob=package.reader.blob)
            _record_import(bank, actor, package)
    except InterruptedError:
        raise PackageCancelled(t("已取消导入，没有做任何更改。", "Import cancelled; nothing was changed.")) from None
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return PackageSummary(package.package_id, "in", package.sender, package.since, package.until,
                          len(package.records), len(package.blobs), package.size, ack=package.ack, applied=report)


def _imported_at(bank: Bank, package_id: str) -> dt.datetime | None:
    with bank.session() as s:
        row = s.get(PackageLog, package_id)
        return row.at if row is not None and row.direction == "in" else None


def _record_import(bank: Bank, actor: Actor, package: VerifiedPackage) -> None:
    try:
        with bank.write(stamp=False) as s:
            s.add(PackageLog(package_id=package.package_id, direction="in", peer_site_id=package.sender.site_id,
                             since=package.since, until=package.until, records=len(package.records),
                             blobs=len(package.blobs), size=package.size, at=bank.now(), actor_id=actor.id))
            row = _peer_row(s, package.sender.site_id)
            row.received = merge_range(row.received or [], package.since, package.until)
            # A peer cannot have confirmed more than it was sent: a buggy or restored peer never
            # makes this site skip changes it still needs.
            row.acked_seq = max(row.acked_seq, min(package.ack, row.sent_seq))
            _share_cursor(s, package.sender.site_id, row.acked_seq, bank.now())
            row.last_received_at = bank.now()
            known = s.get(SiteKey, package.sender.site_id)
            if known is not None:
                known.name = package.sender_name
    except IntegrityError:
        pass  # the same package imported at the same moment by another process: applied once, recorded once


def _share_cursor(s: Session, site_id: str, acked: int, when: dt.datetime) -> None:
    """The peer's acknowledgement is how far it has read this database's change sequence: kept as
    the engine's cursor of that site (`site:<id>`), so tombstones are pruned only below it, and
    beside the people recorded there (who may see secret projects)."""
    found = load_cursor(s, site_consumer(site_id))
    save_cursor(s, site_consumer(site_id), max(acked, found[0] if found else 0), found[1] if found else {}, when=when)


def _private_tempdir(bank: Bank) -> Path:
    """Decrypted packages stay inside the data folder, readable by this user only, and are removed after."""
    base = bank.data_dir / "tmp"
    try:
        base.mkdir(mode=0o700, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix="package-", dir=base))
    except OSError as exc:
        raise StorageError(t("无法在数据文件夹中创建临时文件夹：{e}", "Cannot make a temporary folder in the data "
                             "folder: {e}", e=exc.strerror or exc)) from None


def history(bank: Bank, limit: int = 50) -> list[dict[str, Any]]:
    """The packages written and imported here, newest first."""
    from sqlalchemy import select
    with bank.session() as s:
        names = {site_id: name for site_id, name in s.execute(select(SiteKey.site_id, SiteKey.name))}
        rows = s.scalars(select(PackageLog).order_by(PackageLog.at.desc()).limit(limit))
        return [{"package_id": r.package_id, "direction": r.direction, "site_id": r.peer_site_id,
                 "site_name": names.get(r.peer_site_id), "since": r.since,
                 "until": r.until, "records": r.records, "blobs": r.blobs, "bytes": r.size,
                 "at": r.at.isoformat(timespec="seconds")} for r in rows]

