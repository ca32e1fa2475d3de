"""Helpers for the package tests: two banks that trust each other, and hand-made packages
(including malicious ones) sealed for a site exactly as a real sender would."""
from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.bank import Bank
from app.sync import identity, trust
from app.sync.container import CHANGES, FORMAT, MANIFEST, SIGNATURE, VERSION
from app.sync.envelope import SealedWriter
from app.sync.identity import PublicIdentity, SiteKeys
from db.base import new_id


@dataclass
class Sites:
    a: Bank
    b: Bank
    c: Bank


NAMES = ("site-a", "site-b", "site-c")


def make_sites(tmp_path: Path, clock: Any) -> Sites:
    """Three banks; a and b trust each other, c trusts a (but a does not know c)."""
    a, b, c = (Bank.open(tmp_path / name, clock=clock) for name in NAMES)
    for bank, name in ((a, "总部"), (b, "变电站"), (c, "山区班组")):
        identity.rename(bank, bank.actor(), name)
    for src, dst in ((a, b), (b, a), (a, c)):
        key = tmp_path / f"{src.site_id}.key.json"
        trust.export_key(src, key)
        trust.trust(dst, dst.actor(), key)
    return Sites(a, b, c)


def site_template(folder: Path, prepare: Any = None) -> Path:
    """make_sites once into `folder` (then `prepare(sites)`), closed, for copied_sites to copy."""
    from tests.conftest import FakeClock
    made = make_sites(folder, FakeClock())
    try:
        if prepare is not None:
            prepare(made)
    finally:
        for bank in (made.a, made.b, made.c):
            bank.close()
    return folder


@contextmanager
def copied_sites(template: Path, tmp_path: Path, clock: Any) -> Iterator[Sites]:
    """Fresh copies of sites made once by make_sites (creating and migrating banks is the slow part)."""
    for name in NAMES:
        shutil.copytree(template / name, tmp_path / name)
    sites = Sites(*(Bank.open(tmp_path / name, clock=clock) for name in NAMES))
    try:
        yield sites
    finally:
        for bank in (sites.a, sites.b, sites.c):
            bank.close()


@dataclass
class FakeChangeSet:
    """The shape of the engine's ChangeSet, for tests of the container without the engine."""

    source_site: str
    since: int
    until: int
    records: list[dict[str, Any]]
    blobs: set[str] = field(default_factory=set)


class RecordingApply:
    """Stands in for the engine's apply in container tests: records what it was handed."""

    def __init__(self) -> None:
        self.calls: list[tuple[FakeChangeSet, dict[str, bytes | None]]] = []

    def __call__(self, bank: Bank, changes: FakeChangeSet, *, blob: Any) -> str:
        self.calls.append((changes, {sha: blob(sha) for sha in sorted(changes.blobs)}))
        return "applied"


def keys_of(bank: Bank) -> SiteKeys:
    return identity.load(bank)


def public_of(bank: Bank) -> PublicIdentity:
    return identity.public_identity(bank)


def manifest_for(sender: SiteKeys, recipient: PublicIdentity, members: dict[str, bytes], **overrides: Any) -> dict[str, Any]:
    records = members.get(CHANGES, b"").count(b"\n")
    blobs = sorted(n[len("blobs/"):] for n in members if n.startswith("blobs/"))
    manifest: dict[str, Any] = {
        "format": FORMAT, "version": VERSION, "package_id": new_id(), "created_at": "2025-03-01T09:00:00+00:00",
        "source": {"site_id": sender.site_id, "name": sender.public.name, "code": sender.public.code,
                   "signing_key": sender.public.sign_fingerprint},
        "recipient": {"site_id": recipient.site_id, "encryption_key": recipient.kx_fingerprint},
        "ranges": [{"since": 0, "until": 5}], "acks": {recipient.site_id: 0}, "blobs": blobs,
        "counts": {"records": records, "blobs": len(blobs)},
        "members": {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for n, d in members.items()},
    }
    manifest.update(overrides)
    return manifest


def craft(path: Path, sender: SiteKeys, recipient: PublicIdentity, members: dict[str, bytes], *,
          manifest: dict[str, Any] | None = None, sign_with: Any = None, signed: bool = True,
          extra: dict[str, bytes] | None = None, compress: int = zipfile.ZIP_DEFLATED,
          header_sender: str | None = None) -> Path:
    """A package as a (possibly malicious) sender would make it: any members, any manifest, any key."""
    manifest = manifest if manifest is not None else manifest_for(sender, recipient, members)
    manifest_bytes = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compress) as zf:
        for name, data in {**members, **(extra or {})}.items():
            zf.writestr(name, data)
        zf.writestr(MANIFEST, manifest_bytes)
        if signed:
            zf.writestr(SIGNATURE, (sign_with or sender.signer).sign(manifest_bytes))
    with path.open("wb") as out:
        sealed = SealedWriter(out, recipient, header_sender or sender.site_id, chunk=4096)
        sealed.write(buffer.getvalue())
        sealed.close()
    return path


def records_bytes(records: list[dict[str, Any]]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n" for r in records)
