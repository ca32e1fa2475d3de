"""Which sites this site trusts, and the self-signed key file that carries a site's identity.

A key file is a small JSON document (the site's id, name, code and both public keys) signed with
the site's own Ed25519 key. The signature proves the file was made by whoever holds that key and
that the two public keys belong together; it cannot prove *who* that is: the person trusting a
key compares its fingerprint with the other site over the telephone or in person (docs/SYNC.md).
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select

from app.core.actor import Actor
from app.core.bank import Bank
from app.core.errors import Conflict, NotFound, StorageError, ValidationError
from app.core.i18n import t
from app.core.permissions import check
from app.sync import identity
from app.sync.identity import PublicIdentity, b64, unb64
from app.sync.visibility import EVERYONE, people_of, site_consumer
from db.files import atomic_file
from db.models import PackagePeer, SiteKey, SyncCursor, User
from db.sequence import load_cursor, save_cursor

KEY_DOC_FORMAT = "ideabank-site-key"
KEY_DOC_VERSION = 1
MAX_KEY_FILE = 64 * 1024
_FIELDS = {"format", "version", "site_id", "name", "code", "signing_key", "encryption_key", "created_at", "signature"}


def canonical(document: dict[str, Any]) -> bytes:
    """The exact bytes a signature covers: sorted keys, no spaces, UTF-8."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def key_document(bank: Bank) -> bytes:
    keys = identity.load(bank)
    me = keys.public
    document: dict[str, Any] = {
        "format": KEY_DOC_FORMAT, "version": KEY_DOC_VERSION, "site_id": me.site_id, "name": me.name,
        "code": me.code, "signing_key": b64(me.sign_key), "encryption_key": b64(me.kx_key),
        "created_at": bank.now().isoformat(timespec="seconds"),
    }
    document["signature"] = b64(keys.sign(canonical(document)))
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def export_key(bank: Bank, path: Path) -> PublicIdentity:
    """Write this site's public identity (self-signed) to carry to another site."""
    data = key_document(bank)
    if path.is_dir():
        raise ValidationError(t("{p} 是文件夹，请给出文件名。", "{p} is a folder; name the file.", p=path))
    try:
        with atomic_file(path) as out:
            out.write(data)
    except OSError as exc:
        raise StorageError(t("无法写入 {p}：{e}", "Cannot write {p}: {e}", p=path, e=exc.strerror or exc)) from None
    return identity.public_identity(bank)


def read_key_document(data: bytes) -> PublicIdentity:
    """Parse and check a key file; one clear error for anything malformed or forged."""
    def bad(why_zh: str, why_en: str) -> ValidationError:
        return ValidationError(t("不是有效的站点密钥文件：{w}", "Not a valid site key file: {w}", w=t(why_zh, why_en)))

    if len(data) > MAX_KEY_FILE:
        raise bad("文件太大", "the file is too large")
    try:
        document = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates)
    except (UnicodeDecodeError, ValueError):
        raise bad("不是 JSON 文本", "it is not JSON text") from None
    if not isinstance(document, dict) or document.get("format") != KEY_DOC_FORMAT:
        raise bad("格式标记不对", "the format marker is missing")
    if document.get("version") != KEY_DOC_VERSION:
        raise bad("版本 {v} 不受支持，请升级创新智慧库".format(v=document.get("version")),
                  "version {v} is not supported; upgrade Idea Bank".format(v=document.get("version")))
    if set(document) != _FIELDS or not all(isinstance(document[k], str) for k in _FIELDS - {"version"}):
        raise bad("字段缺失或多余", "fields are missing or unexpected")
    try:
        site_id = str(uuid.UUID(document["site_id"]))
        sign_key, kx_key, signature = (unb64(document[k]) for k in ("signing_key", "encryption_key", "signature"))
    except ValueError:
        raise bad("站点编号或密钥编码错误", "the site id or a key is badly encoded") from None
    name, code = " ".join(document["name"].split()), document["code"]
    if not name or len(name) > identity.MAX_NAME or not code.isalnum() or len(code) > 16:
        raise bad("站点名称或代码不合规", "the site name or code is not acceptable")
    if len(sign_key) != 32 or len(kx_key) != 32 or len(signature) != 64:
        raise bad("密钥长度不对", "a key has the wrong length")
    unsigned = {k: v for k, v in document.items() if k != "signature"}
    try:
        Ed25519PublicKey.from_public_bytes(sign_key).verify(signature, canonical(unsigned))
    except InvalidSignature:
        raise bad("签名与内容不符（文件被改动或伪造）", "its signature does not match (altered or forged)") from None
    return PublicIdentity(site_id, name, code, sign_key, kx_key)


@dataclass(frozen=True)
class TrustResult:
    site: PublicIdentity
    status: str  # "new" | "same" | "updated" (name or code changed) | "replaced" (new keys)


def trust(bank: Bank, actor: Actor, path: Path, *, replace: bool = False) -> TrustResult:
    """Trust the site whose key file this is. New keys for an already trusted site (a rekey, or
    an impostor) need `replace=True`: never swapped silently."""
    check(actor, "site.manage")
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_KEY_FILE + 1)
    except OSError as exc:
        raise ValidationError(t("无法读取 {p}：{e}", "Cannot read {p}: {e}", p=path, e=exc.strerror or exc)) from None
    site = read_key_document(data)
    if site.site_id == bank.site_id:
        raise ValidationError(t("这是本站点自己的密钥文件。", "This is this site's own key file."))
    with bank.write(stamp=False) as s:
        row = s.get(SiteKey, site.site_id)
        if row is None:
            status = "new"
            s.add(SiteKey(site_id=site.site_id, name=site.name, code=site.code, sign_key=b64(site.sign_key),
                          kx_key=b64(site.kx_key), trusted_at=bank.now(), trusted_by=actor.id))
        else:
            known = PublicIdentity.of(row)
            if (known.sign_key, known.kx_key) != (site.sign_key, site.kx_key):
                if not replace:
                    raise Conflict(t(
                        "已信任站点“{n}”，但密钥不同（已信任的签名指纹 {old}，文件中的 {new}）。确认对方更换了密钥后，"
                        "加 --replace 重新信任。",
                        "Site '{n}' is already trusted with other keys (trusted signing fingerprint {old}, this file "
                        "{new}). Once you have confirmed the site changed its keys, trust it again with --replace.",
                        n=known.name, old=known.sign_fingerprint, new=site.sign_fingerprint))
                status = "replaced"
                row.sign_key, row.kx_key = b64(site.sign_key), b64(site.kx_key)
                row.trusted_at, row.trusted_by = bank.now(), actor.id
            else:
                status = "same" if (known.name, known.code) == (site.name, site.code) else "updated"
            row.name, row.code = site.name, site.code
        if s.get(PackagePeer, site.site_id) is None:
            s.add(PackagePeer(site_id=site.site_id, acked_seq=0, sent_seq=0, received=[]))
        if load_cursor(s, site_consumer(site.site_id)) is None:
            # A reader of this database from now on: tombstones wait for its acknowledgement.
            save_cursor(s, site_consumer(site.site_id), 0, {}, when=bank.now())
    return TrustResult(site, status)


def untrust(bank: Bank, actor: Actor, name_or_id: str) -> PublicIdentity:
    """Stop trusting a site (a lost laptop): its packages are refused, none are addressed to it."""
    check(actor, "site.manage")
    site = resolve(bank, name_or_id)
    with bank.write(stamp=False) as s:
        for row in (s.get(SiteKey, site.site_id), s.get(PackagePeer, site.site_id),
                    s.get(SyncCursor, site_consumer(site.site_id))):
            if row is not None:  # trusted again later, it starts over: nothing assumed delivered
                s.delete(row)
    return site


def people(bank: Bank, site_id: str) -> list[str] | None:
    """Who at that site may see secret projects (user ids, or EVERYONE); None: nobody recorded."""
    with bank.session() as s:
        return people_of(s, site_id)


def set_people(bank: Bank, actor: Actor, name_or_id: str, employee_nos: list[str], *,
               everyone: bool = False) -> list[str]:
    """Record the people of a trusted site: a package for it carries the secret projects one of
    them may see (their authors, their studio's leader, admins). `everyone`: the site is run by
    an administrator who may see all of them. Nobody recorded (the default): no secret project
    goes into its packages."""
    check(actor, "site.manage")
    site = resolve(bank, name_or_id)
    with bank.write(stamp=False) as s:
        if everyone:
            ids = [EVERYONE]
        else:
            found = dict(s.execute(select(User.employee_no, User.id).where(User.employee_no.in_(employee_nos))).all())
            missing = [no for no in employee_nos if no not in found]
            if missing:
                raise NotFound(t("没有这些工号的人员：{n}", "No person with these employee numbers: {n}",
                                 n=", ".join(missing)))
            ids = sorted(found[no] for no in employee_nos)
        found_cursor = load_cursor(s, site_consumer(site.site_id))
        info = dict(found_cursor[1]) if found_cursor else {}
        info["people"] = ids
        save_cursor(s, site_consumer(site.site_id), found_cursor[0] if found_cursor else 0, info, when=bank.now())
    return ids


def trusted_sites(bank: Bank) -> list[PublicIdentity]:
    with bank.session() as s:
        rows = s.scalars(select(SiteKey).where(SiteKey.site_id != bank.site_id).order_by(SiteKey.name))
        return [PublicIdentity.of(r) for r in rows]


def trusted(bank: Bank, site_id: str) -> PublicIdentity | None:
    if site_id == bank.site_id:
        return None
    with bank.session() as s:
        row = s.get(SiteKey, site_id)
        return PublicIdentity.of(row) if row else None


def resolve(bank: Bank, name_or_id: str | None) -> PublicIdentity:
    """A trusted site named by id, code or name; without a name, the only trusted site."""
    sites = trusted_sites(bank)
    if not sites:
        raise NotFound(t("本站点还没有信任任何站点。请先用 `ideabank site trust 密钥文件` 信任对方站点。",
                         "This site trusts no other site yet. Trust one first with `ideabank site trust KEYFILE`."))
    listing = ", ".join(f"{s.name} ({s.code})" for s in sites)
    if name_or_id is None:
        if len(sites) == 1:
            return sites[0]
        raise ValidationError(t("请用 --to 指定接收站点：{l}", "Name the receiving site with --to: {l}", l=listing))
    wanted = name_or_id.strip()
    matchers: tuple[Callable[[PublicIdentity], bool], ...] = (
        lambda s: s.site_id == wanted.lower(), lambda s: s.code.upper() == wanted.upper(),
        lambda s: s.name == wanted, lambda s: s.name.casefold() == wanted.casefold())
    for match in matchers:
        found = [s for s in sites if match(s)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            break
    raise NotFound(t("没有名为“{w}”的已信任站点（唯一）。已信任：{l}", "No single trusted site named '{w}'. Trusted: {l}",
                     w=wanted, l=listing))


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)
