"""Attachment bytes every workstation of a bank can reach.

A bank in a SQLite file keeps each file once by SHA-256 in its data folder (app/core/attachments.py).
A bank on a PostgreSQL hub is shared by workstations that each have a data folder of their own, so
there the bytes also go into the database (`blobs`/`blob_chunks`, 1 MB chunks), in the same
transaction as the row that refers to them: a workstation that sees the row can always fetch the
file, and a backup of the database (pg_dump) holds the files too. Each workstation's data folder
then serves as a cache, filled on first use (`local_path`). Why a table rather than PostgreSQL's
large objects or a shared folder: docs/SYNC.md, "Attachments on a hub".

Rows refer to files either as an attachment (`sha256`) or as a list of references
(`attachments: [{sha256, name, size, mime}]` on team activities and milestone updates).
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import RowMapping, event, insert, select, update
from sqlalchemy.orm import Session

from app.core.paths import attachment_path
from db.base import utcnow
from db.models import Blob, BlobChunk

if TYPE_CHECKING:
    from app.core.bank import Bank

CHUNK = 1024 * 1024


def shared(bank: Bank) -> bool:
    """Whether this bank's files must live in the database (every workstation reaches it)."""
    return bank.engine.dialect.name != "sqlite"


def refs_in(values: Mapping[str, Any] | RowMapping) -> set[str]:
    """SHA-256s a row (as column values) refers to."""
    found: set[str] = set()
    sha = values.get("sha256")
    if isinstance(sha, str) and len(sha) == 64:
        found.add(sha)
    for ref in values.get("attachments") or ():
        if isinstance(ref, dict) and isinstance(ref.get("sha256"), str) and len(ref["sha256"]) == 64:
            found.add(ref["sha256"])
    return found


def _refs_of(obj: Any) -> set[str]:
    values = {key: getattr(obj, key, None) for key in ("sha256", "attachments")}
    return refs_in(values)


def has(s: Session, sha: str) -> bool:
    return s.connection().execute(select(Blob.sha256).where(Blob.sha256 == sha)).first() is not None


def put_chunks(s: Session, sha: str, chunks: Iterable[bytes]) -> None:
    """Store a file's bytes under its hash (in the caller's transaction), unless already there.
    Core statements, so that it also works while the session flushes."""
    if has(s, sha):
        return
    conn = s.connection()
    conn.execute(insert(Blob.__table__).values(sha256=sha, size=0, chunks=0, stored_at=utcnow()))
    size = count = 0
    for n, data in enumerate(chunks):
        conn.execute(insert(BlobChunk.__table__).values(sha256=sha, n=n, data=data))
        size, count = size + len(data), n + 1
    conn.execute(update(Blob.__table__).where(Blob.sha256 == sha).values(size=size, chunks=count))


def _file_chunks(path: Path) -> Iterable[bytes]:
    with path.open("rb") as f:
        while data := f.read(CHUNK):
            yield data


def put_bytes(s: Session, sha: str, data: bytes) -> None:
    put_chunks(s, sha, (data[i:i + CHUNK] for i in range(0, len(data), CHUNK)) if data else [b""])


def read(s: Session, sha: str) -> bytes | None:
    if not has(s, sha):
        return None
    parts = s.connection().execute(select(BlobChunk.data).where(BlobChunk.sha256 == sha)
                                   .order_by(BlobChunk.n)).scalars().all()
    return b"".join(parts)


def local_path(bank: Bank, sha: str) -> Path | None:
    """The file of `sha` in this workstation's data folder, fetched from the hub's database when it
    is not there yet; None when it is nowhere (not synchronised yet)."""
    path = attachment_path(Path(bank.data_dir), sha)
    if path.is_file() or not shared(bank):
        return path if path.is_file() else None
    with bank.session() as s:
        data = read(s, sha)
    if data is None or hashlib.sha256(data).hexdigest() != sha:
        return None
    write_local(Path(bank.data_dir), sha, data)
    return path


def write_local(data_dir: Path, sha: str, data: bytes) -> Path:
    """Put bytes into the data folder's content store (temporary file, fsync, rename)."""
    path = attachment_path(data_dir, sha)
    if path.is_file():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


@event.listens_for(Session, "before_flush")
def _upload_new_references(session: Session, _ctx: Any, _instances: Any) -> None:
    """On a hub, a new row that refers to a file brings the file into the database with it."""
    owner = session.info.get("sync")
    if owner is None or not hasattr(owner, "data_dir") or not shared(owner):
        return
    for obj in list(session.new):
        if isinstance(obj, (Blob, BlobChunk)):
            continue
        for sha in _refs_of(obj):
            if has(session, sha):
                continue
            path = attachment_path(Path(owner.data_dir), sha)
            if path.is_file():
                put_chunks(session, sha, _file_chunks(path))
