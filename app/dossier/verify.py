"""Does a dossier PDF still match the database? And if not, what changed?

Each exported PDF carries, in its document information, the verification code
and a short hash per field for every dossier in it (layout.META_KEY). Verify
recomputes both from the store and compares. The printed code is also checked
against the stored one, so a PDF whose metadata was swapped is caught.
"""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from app.core.actor import Actor
from app.core.bank import Bank
from app.core.permissions import may_see
from app.dossier.errors import DossierError, NotFound, t
from app.dossier.gather import gather
from app.dossier.layout import KEYWORD_PREFIX, META_KEY
from app.dossier.model import FIELD_LABELS, HASH_FORMAT
from db.models import Project, Tombstone


@dataclass
class StoredDossier:
    project_id: str
    number: str
    code: str
    fields: dict[str, str]
    format: int = HASH_FORMAT


@dataclass
class Verdict:
    project_id: str
    number: str
    stored_code: str
    current_code: str | None = None   # None: the project is gone
    changed: list[str] = field(default_factory=list)  # field names, in dossier order
    deleted: bool = False   # the project was deleted (a tombstone says so)
    hidden: bool = False    # a secret project the viewer may not see: nothing about it is compared or said
    missing: bool = False   # this database never had it: verifying against another site?
    printed_code_ok: bool = True

    @property
    def matches(self) -> bool:
        return (self.current_code is not None and self.printed_code_ok
                and self.current_code == self.stored_code)

    @property
    def changed_labels(self) -> list[str]:
        return [FIELD_LABELS.get(name, name) for name in self.changed]


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs warnings ("invalid pdf header") for files we then reject with a clear message."""
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


def read_dossiers(path: str | Path) -> list[StoredDossier]:
    """The verification data stored in a dossier PDF; DossierError if there is none."""
    import pypdf
    from pypdf.errors import PdfReadError

    path = Path(path)
    try:
        with _quiet_pypdf():
            reader = pypdf.PdfReader(path)
            meta: Mapping[str, object] = reader.metadata or {}
    except FileNotFoundError:
        raise DossierError(t("找不到文件 {path}。", "File not found: {path}.", path=path)) from None
    except (PdfReadError, OSError, ValueError) as exc:
        raise DossierError(t("{path} 不是可读的 PDF 文件（{err}）。", "{path} is not a readable PDF ({err}).",
                             path=path, err=exc)) from None
    raw = meta.get("/" + META_KEY)
    if not raw:
        raise DossierError(t(
            "{path} 中没有创新智慧库的校验信息：它不是由本程序导出的成果档案，或已被其他软件另存。",
            "{path} carries no Idea Bank verification data: it was not exported by Idea Bank, "
            "or another program re-saved it.", path=path))
    try:
        items = json.loads(str(raw))
        dossiers = [StoredDossier(str(x["project_id"]), str(x.get("number", "")), str(x["code"]),
                                  dict(x.get("fields") or {}), int(x.get("format", HASH_FORMAT)))
                    for x in items]
    except (ValueError, KeyError, TypeError):
        raise DossierError(t("{path} 中的校验信息已损坏。", "The verification data in {path} is damaged.",
                             path=path)) from None
    keywords = str(meta.get("/Keywords") or "")
    for d in dossiers:
        if KEYWORD_PREFIX + d.code not in keywords:
            raise DossierError(t("{path} 中的校验信息前后不一致，文件可能被改动过。",
                                 "The verification data in {path} is inconsistent; the file may have been altered.",
                                 path=path))
    return dossiers


def printed_codes(path: str | Path) -> set[str]:
    """Every 64-hex-digit code printed in the PDF's text (grouped in fours of 16 on the page)."""
    import pypdf

    with _quiet_pypdf():
        text = "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)
    found = set()
    for m in re.finditer(r"((?:[0-9a-f]{16}\s*){4})", text):
        found.add(re.sub(r"\s+", "", m.group(1)))
    return found


def verify_pdf(bank: Bank, path: str | Path, *, viewer: Actor) -> list[Verdict]:
    """One verdict per dossier in the file, against the store as it is now, as `viewer` may see it:
    a secret project the viewer may not see gets a verdict that says only that (not whether, nor
    which fields, it changed)."""
    stored = read_dossiers(path)
    printed = printed_codes(path)
    verdicts = []
    for d in stored:
        v = Verdict(d.project_id, d.number, d.code, printed_code_ok=d.code in printed)
        if not _may_see(bank, viewer, d.project_id):
            v.hidden = True
            verdicts.append(v)
            continue
        try:
            current = gather(bank, None, d.project_id)
        except NotFound:
            v.deleted = was_deleted(bank, d.project_id)
            v.missing = not v.deleted
            verdicts.append(v)
            continue
        v.current_code = current.content_hash()
        if d.format != HASH_FORMAT:
            v.changed = ["format"]
        elif v.current_code != d.code:
            now = current.field_hashes()
            v.changed = [name for name in now if d.fields.get(name) != now[name]]
            v.changed += [name for name in d.fields if name not in now]
        verdicts.append(v)
    return verdicts


def _may_see(bank: Bank, viewer: Actor, project_id: str) -> bool:
    with bank.session() as s:
        p = s.get(Project, project_id)
        if p is None:
            return True  # deleted or never here: the verdict says so, and tells nothing of its content
        return may_see(viewer, confidentiality=p.confidentiality, studio_id=p.studio_id,
                       proposer_id=p.proposer_id, member_ids={m.user_id for m in p.members})


def was_deleted(bank: Bank, project_id: str) -> bool:
    with bank.session() as s:
        return s.scalar(select(Tombstone.entity_id).where(Tombstone.entity == "project",
                                                          Tombstone.entity_id == project_id)) is not None
