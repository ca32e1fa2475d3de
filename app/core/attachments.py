"""Attachments: a file is kept once by its SHA-256 in the data folder, a row records the rest.

The bytes are written to a temporary file in the target folder, flushed to disk and renamed into
place, so a crash never leaves a half-written file under a valid hash. The copy happens before the
database transaction: a file without a row is harmless (and deduplicated), a row without a file is not.
"""
from __future__ import annotations

import atexit
import hashlib
import mimetypes
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.core import audit, blobstore
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.errors import NotFound, StorageError, ValidationError
from app.core.i18n import t
from app.core.paths import attachment_path
from app.core.permissions import check, project_subject
from app.core.projects import load
from db.files import fsync_dir
from db.models import Attachment

KINDS = ("photo_before", "photo_after", "document", "other")
MAX_BYTES = 200 * 1024 * 1024
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class AttachmentInfo:
    id: str
    project_id: str
    name: str
    mime: str
    size: int
    kind: str
    sha256: str

    @property
    def is_image(self) -> bool:
        return self.mime.startswith("image/")


def guess_mime(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def store_file(data_dir: Path, source: Path) -> tuple[str, int]:
    """Copy `source` into the content store (once per SHA-256); returns (sha256, size)."""
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise ValidationError(t("无法读取文件 {p}：{e}", "Cannot read the file {p}: {e}", p=source,
                                e=exc.strerror or exc)) from exc
    if not source.is_file():
        raise ValidationError(t("{p} 不是文件。", "{p} is not a file.", p=source))
    if size > MAX_BYTES:
        raise ValidationError(t("文件 {n} 太大（上限 200 MB）。", "The file {n} is too large (limit 200 MB).", n=source.name))
    digest = hashlib.sha256()
    store = data_dir / "attachments"
    try:
        store.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=store, prefix=".incoming-")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out, source.open("rb") as src:
                while chunk := src.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            target = attachment_path(data_dir, sha)
            if target.exists() and file_sha256(target) == sha:
                tmp.unlink()  # stored once per content
            else:
                # Missing, or damaged since it was stored: this good copy takes its place (the
                # damaged bytes are kept aside, not deleted).
                if target.exists():
                    quarantine(data_dir, target)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp, target)
                fsync_dir(target.parent)
        finally:
            if tmp.exists():
                tmp.unlink()
    except OSError as exc:
        raise StorageError(t("无法保存附件 {n}：{e}", "Cannot store the attachment {n}: {e}", n=source.name,
                             e=exc.strerror or exc)) from exc
    return sha, size


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def quarantine(data_dir: Path, damaged: Path) -> Path:
    """Move a stored file whose bytes no longer match its name to attachments/damaged/."""
    import datetime as dt
    folder = data_dir / "attachments" / "damaged"
    folder.mkdir(parents=True, exist_ok=True)
    aside = folder / f"{damaged.name}-{dt.datetime.now():%Y%m%d-%H%M%S-%f}"
    os.replace(damaged, aside)
    return aside


def add(bank: Bank, actor: Actor, project_id: str, source: Path | str, *, kind: str | None = None) -> Changes:
    """Attach a file to a project (owners, leaders of its studio, admins)."""
    source = Path(source)
    with bank.session() as s:
        project = load(s, project_id)
        check(actor, "project.attach", project_subject(project))
    mime = guess_mime(source.name)
    if kind is None:
        kind = "other" if mime.startswith("image/") else "document"
    if kind not in KINDS:
        raise ValidationError(t("附件类型应为：{k}", "The attachment kind must be one of: {k}", k=", ".join(KINDS)))
    sha, size = store_file(bank.data_dir, source)
    with bank.write() as s:
        load(s, project_id)  # still there
        now = bank.now()
        row = Attachment(project_id=project_id, sha256=sha, original_name=source.name[:300], mime=mime, size=size,
                         kind=kind, uploaded_by=actor.id, site_id=bank.site_id, created_at=now, updated_at=now)
        s.add(row)
        s.flush()
        audit.record(s, actor, "project", project_id, "attach", field="attachments", new=source.name,
                     site_id=bank.site_id, at=now)
        return Changes(project_ids=frozenset({project_id}), attachments=True, value=row.id)


def _info(a: Attachment) -> AttachmentInfo:
    return AttachmentInfo(a.id, a.project_id, a.original_name, a.mime, a.size, a.kind, a.sha256)


def list_for(bank: Bank, project_id: str) -> list[AttachmentInfo]:
    with bank.session() as s:
        return [_info(a) for a in s.scalars(select(Attachment).where(Attachment.project_id == project_id)
                                            .order_by(Attachment.created_at))]


def path_of(bank: Bank, attachment_id: str) -> Path:
    """Where the bytes of an attachment are, to open or show them."""
    with bank.session() as s:
        a = s.get(Attachment, attachment_id)
        if a is None:
            raise NotFound(t("附件不存在。", "The attachment does not exist."))
        path = blobstore.local_path(bank, a.sha256)  # on a hub, fetched from the database
        if path is None:
            raise NotFound(t("附件“{n}”的文件不在本机（可能尚未同步）。", "The file of '{n}' is not on this computer "
                             "(perhaps not synchronised yet).", n=a.original_name))
        return path


def copy_to_open(bank: Bank, attachment_id: str) -> Path:
    """A private copy of a project's attachment to hand to the system's viewer (see private_copy)."""
    with bank.session() as s:
        a = s.get(Attachment, attachment_id)
        if a is None:
            raise NotFound(t("附件不存在。", "The attachment does not exist."))
        sha, name = a.sha256, a.original_name
    return private_copy(bank, sha, name)


_private_dir: Path | None = None


def _private_folder() -> Path:
    """This process's own temporary folder: made by mkdtemp (mode 0700, a name nobody can guess)
    and removed when the program ends."""
    global _private_dir
    if _private_dir is None or not _private_dir.is_dir():
        _private_dir = Path(tempfile.mkdtemp(prefix="ideabank-open-"))
        atexit.register(shutil.rmtree, _private_dir, True)
    return _private_dir


def private_copy(bank: Bank, sha256: str, name: str) -> Path:
    """A fresh copy of a stored file under its original name (so the system picks the program to
    open it), in a new folder inside this user's private temporary folder. It never reuses a file
    it did not write, and it refuses a stored file whose bytes no longer match their SHA-256."""
    source = blobstore.local_path(bank, sha256)  # on a hub, fetched from the database
    if source is None:
        raise NotFound(t("附件“{n}”的文件不在本机（可能尚未同步）。", "The file of '{n}' is not on this computer "
                         "(perhaps not synchronised yet).", n=name))
    safe = Path(name.replace("\\", "/")).name.strip()
    if safe in ("", ".", "..") or any(ord(c) < 32 for c in safe):
        safe = sha256[:16]
    folder = Path(tempfile.mkdtemp(dir=_private_folder()))
    target = folder / safe
    digest = hashlib.sha256()
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                out.write(chunk)
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise StorageError(t("无法打开附件 {n}：{e}", "Cannot open the attachment {n}: {e}", n=name,
                             e=exc.strerror or exc)) from exc
    if digest.hexdigest() != sha256:
        shutil.rmtree(folder, ignore_errors=True)
        raise StorageError(t("附件“{n}”的文件已损坏（内容与记录的 SHA-256 不符）。请运行 ideabank check --repair，"
                             "或重新附上一份完好的文件。",
                             "The file of '{n}' is damaged (its bytes differ from the recorded SHA-256). Run "
                             "ideabank check --repair, or attach a good copy again.", n=name))
    return target
