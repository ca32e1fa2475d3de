"""This site's key pairs: an Ed25519 key that signs its packages and an X25519 key that packages
addressed to it are encrypted to.

The private keys live in one file per site id, `<data folder>/keys/<site id>.key`, readable by its
owner only (0600, in a 0700 folder). They are never written to the database: a database backup, a
copy of the database sent elsewhere or a package cannot carry them away. The public halves are
recorded in `site_keys`, so every workstation of a shared database knows them, and a workstation
without the private file is told where the keys are instead of silently making new ones.

A site that takes a new id (a copied database, see `site join`) gets new keys with it, because the
file is named after the id.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from app.core.actor import Actor
from app.core.bank import Bank
from app.core.errors import StorageError, ValidationError
from app.core.i18n import t
from app.core.permissions import check
from db.models import Setting, SiteKey

KEY_FOLDER = "keys"
KEY_FILE_FORMAT = "ideabank-site-private-key"
NAME_SETTING = "site_name"
MAX_NAME = 200


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def raw_public(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def fingerprint(public_key: bytes) -> str:
    """128 bits of the key's SHA-256 in eight groups of four hex digits, to read aloud and compare."""
    digest = hashlib.sha256(public_key).hexdigest()[:32]
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


@dataclass(frozen=True)
class PublicIdentity:
    """What other sites know about a site."""

    site_id: str
    name: str
    code: str
    sign_key: bytes  # Ed25519 public, raw 32 bytes
    kx_key: bytes    # X25519 public, raw 32 bytes

    @property
    def sign_fingerprint(self) -> str:
        return fingerprint(self.sign_key)

    @property
    def kx_fingerprint(self) -> str:
        return fingerprint(self.kx_key)

    def verifier(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.sign_key)

    def kx_public(self) -> X25519PublicKey:
        return X25519PublicKey.from_public_bytes(self.kx_key)

    @classmethod
    def of(cls, row: SiteKey) -> PublicIdentity:
        return cls(row.site_id, row.name, row.code, unb64(row.sign_key), unb64(row.kx_key))


@dataclass(frozen=True)
class SiteKeys:
    """This site's identity with its private keys (held in memory only as long as needed)."""

    public: PublicIdentity
    signer: Ed25519PrivateKey
    kx_private: X25519PrivateKey

    @property
    def site_id(self) -> str:
        return self.public.site_id

    def sign(self, data: bytes) -> bytes:
        return self.signer.sign(data)


def key_path(bank: Bank, site_id: str | None = None) -> Path:
    return bank.data_dir / KEY_FOLDER / f"{site_id or bank.site_id}.key"


def site_name(bank: Bank) -> str:
    """The name people call this site by; the computer's name until someone sets one."""
    name = bank.setting(NAME_SETTING)
    return str(name) if name else (socket.gethostname() or bank.site_code)[:MAX_NAME]


def public_identity(bank: Bank) -> PublicIdentity:
    """This site's public identity (its keys made on first use)."""
    return load(bank).public


def load(bank: Bank) -> SiteKeys:
    """This site's keys: read from the data folder, or made on first use and recorded."""
    site_id = bank.site_id
    path = key_path(bank, site_id)
    with bank.session() as s:
        row = s.get(SiteKey, site_id)
        recorded = PublicIdentity.of(row) if row else None
    if path.exists():
        keys = _read(path, site_id)
    elif recorded is not None:
        raise StorageError(t(
            "本站点的私钥不在这台计算机上（签名指纹 {fp}）。请从生成它的计算机复制 {folder} 文件夹中的 {file}，"
            "或运行 `ideabank site rekey` 生成新密钥（其他站点需要重新信任本站点）。",
            "This site's private keys are not on this computer (signing fingerprint {fp}). Copy {file} from the "
            "{folder} folder of the computer that made them, or run `ideabank site rekey` to make new keys "
            "(the other sites will have to trust this site again).",
            fp=recorded.sign_fingerprint, folder=path.parent, file=path.name))
    else:
        keys = _create(path, site_id)
    if recorded is not None and (recorded.sign_key, recorded.kx_key) != (keys[0], keys[1]):
        raise StorageError(t(
            "数据文件夹中的密钥文件 {p} 与数据库记录的本站点公钥不一致（数据库：{fp}）。请换回原来的密钥文件，"
            "或运行 `ideabank site rekey`。",
            "The key file {p} does not match this site's public keys recorded in the database ({fp}). Put the "
            "original key file back, or run `ideabank site rekey`.", p=path, fp=recorded.sign_fingerprint))
    signer = Ed25519PrivateKey.from_private_bytes(keys[2])
    kx_private = X25519PrivateKey.from_private_bytes(keys[3])
    name = site_name(bank)
    public = PublicIdentity(site_id, name, bank.site_code, keys[0], keys[1])
    if recorded is None or (recorded.name, recorded.code) != (public.name, public.code):
        _record(bank, public)
    return SiteKeys(public, signer, kx_private)


def rekey(bank: Bank, actor: Actor) -> SiteKeys:
    """Replace this site's keys (lost or leaked). The old file is kept beside, renamed, never reused."""
    check(actor, "site.manage")
    path = key_path(bank)
    if path.exists():
        old = path.with_name(f"{path.name}.replaced-{bank.now().strftime('%Y%m%d-%H%M%S')}")
        os.replace(path, old)
    with bank.write(stamp=False) as s:
        row = s.get(SiteKey, bank.site_id)
        if row is not None:
            s.delete(row)
    return load(bank)


def rename(bank: Bank, actor: Actor, name: str) -> PublicIdentity:
    check(actor, "site.manage")
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME:
        raise ValidationError(t("站点名称不能为空，且不超过 {n} 个字。", "The site name must be 1 to {n} characters.",
                                n=MAX_NAME))
    with bank.write(stamp=False) as s:
        row = s.get(Setting, NAME_SETTING)
        if row is None:
            s.add(Setting(key=NAME_SETTING, value=name))
        else:
            row.value = name
    return public_identity(bank)


def _record(bank: Bank, public: PublicIdentity) -> None:
    with bank.write(stamp=False) as s:
        if s.get(Setting, NAME_SETTING) is None:  # the default name sticks, whichever workstation asks next
            s.add(Setting(key=NAME_SETTING, value=public.name))
        row = s.get(SiteKey, public.site_id)
        if row is None:
            s.add(SiteKey(site_id=public.site_id, name=public.name, code=public.code, sign_key=b64(public.sign_key),
                          kx_key=b64(public.kx_key), trusted_at=bank.now(), trusted_by=None))
        else:
            row.name, row.code = public.name, public.code


def _create(path: Path, site_id: str) -> tuple[bytes, bytes, bytes, bytes]:
    signer = Ed25519PrivateKey.generate()
    kx = X25519PrivateKey.generate()
    raw = (raw_public(signer.public_key()), raw_public(kx.public_key()),
           signer.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()),
           kx.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()))
    document = {"format": KEY_FILE_FORMAT, "version": 1, "site_id": site_id,
                "sign_private": b64(raw[2]), "kx_private": b64(raw[3])}
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".new-", suffix=".key")  # mkstemp makes it 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(document, out)
                out.flush()
                os.fsync(out.fileno())
            try:
                os.link(tmp, path)  # never replaces a key file another process made a moment ago
            except FileExistsError:
                return _read(path, site_id)
        finally:
            os.unlink(tmp)
    except OSError as exc:
        raise StorageError(t("无法保存站点密钥 {p}：{e}", "Cannot save the site keys {p}: {e}", p=path,
                             e=exc.strerror or exc)) from exc
    return raw


def _read(path: Path, site_id: str) -> tuple[bytes, bytes, bytes, bytes]:
    try:
        if os.name == "posix" and path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)  # copied in with loose permissions: tighten before use
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("format") != KEY_FILE_FORMAT or document.get("site_id") != site_id:
            raise ValueError("not this site's key file")
        signer = Ed25519PrivateKey.from_private_bytes(unb64(document["sign_private"]))
        kx = X25519PrivateKey.from_private_bytes(unb64(document["kx_private"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StorageError(t("站点密钥文件 {p} 无法读取或已损坏（{e}）。请从备份中恢复它，或运行 `ideabank site rekey`。",
                             "The site key file {p} cannot be read or is damaged ({e}). Restore it from a backup, "
                             "or run `ideabank site rekey`.", p=path, e=exc)) from exc
    return (raw_public(signer.public_key()), raw_public(kx.public_key()),
            signer.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()),
            kx.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()))
