"""The signed zip inside an exchange package (the envelope around it is envelope.py).

Members, and nothing else:

- `changes.jsonl`  the change records, one JSON object a line (as the sync engine produced them);
- `blobs/<sha256>` attachment contents, named by their hash (stored, not compressed);
- `manifest.json`  format version, package id, source and receiving site, sequence ranges,
  acknowledgements, counts, and the SHA-256 and size of every other member;
- `manifest.sig`   the source site's Ed25519 signature over the exact bytes of manifest.json.

Reading never extracts anything: members are read into memory by names this module expects, and
their names never become file names. Before a single member is decompressed the central directory
is checked against the limits (count, sizes, compression ratio, encryption, methods, names); the
signature is checked next, and then every member's hash. Only then are the records handed out.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.core.attachments import MAX_BYTES as MAX_ATTACHMENT
from app.core.i18n import t
from app.sync.refusal import PackageRefused

FORMAT = "ideabank-package"
VERSION = 1
MANIFEST, SIGNATURE, CHANGES = "manifest.json", "manifest.sig", "changes.jsonl"
BLOB_PREFIX = "blobs/"
_BLOB_NAME = re.compile(r"blobs/[0-9a-f]{64}")
_SHA = re.compile(r"[0-9a-f]{64}")
_READ = 1 << 20
_LINES_PER_WRITE = 2000


@dataclass(frozen=True)
class Limits:
    """What an import accepts; past any of these the package is refused as a possible zip bomb."""

    members: int = 100_000
    manifest: int = 32 << 20
    changes: int = 1 << 30
    blob: int = MAX_ATTACHMENT
    total: int = 8 << 30
    ratio: int = 200  # uncompressed / compressed, per deflated member


LIMITS = Limits()


def _sha256_name(name: str) -> str:
    return name[len(BLOB_PREFIX):]


class PackageWriter:
    """Writes the members into a zip on a forward-only stream (the encrypting writer)."""

    def __init__(self, stream: Any) -> None:
        self._zip = zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        self.members: dict[str, dict[str, Any]] = {}
        self.records = 0
        self.blobs = 0

    def write_records(self, records: Iterable[dict[str, Any]],
                      progress: Callable[[int], None] | None = None) -> int:
        digest, size = hashlib.sha256(), 0
        with self._zip.open(CHANGES, "w", force_zip64=True) as out:
            batch: list[str] = []
            for record in records:
                batch.append(json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=True))
                self.records += 1
                if len(batch) >= _LINES_PER_WRITE:
                    size += self._lines(out, batch, digest)
                    if progress:
                        progress(self.records)
            size += self._lines(out, batch, digest)
        self.members[CHANGES] = {"sha256": digest.hexdigest(), "size": size}
        return self.records

    @staticmethod
    def _lines(out: IO[bytes], batch: list[str], digest: Any) -> int:
        if not batch:
            return 0
        data = ("\n".join(batch) + "\n").encode("utf-8")
        batch.clear()
        digest.update(data)
        out.write(data)
        return len(data)

    def add_blob(self, sha256: str, source: Path) -> bool:
        """Copy an attachment in; False (and nothing written) when the local copy does not match its hash."""
        with source.open("rb") as fh:
            data = fh.read(MAX_ATTACHMENT + 1)
        if hashlib.sha256(data).hexdigest() != sha256:
            return False  # a damaged local copy is not sent under a hash it does not have
        info = zipfile.ZipInfo(BLOB_PREFIX + sha256, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        self._zip.writestr(info, data)
        self.members[info.filename] = {"sha256": sha256, "size": len(data)}
        self.blobs += 1
        return True

    def abandon(self) -> None:
        """Stop without finishing (the stream was abandoned first, so the closing records go nowhere)."""
        try:
            self._zip.close()
        except (OSError, ValueError):
            pass

    def finish(self, manifest: dict[str, Any], sign: Callable[[bytes], bytes]) -> bytes:
        """Write the manifest (with the member list and counts) and its signature; returns the manifest bytes."""
        document = dict(manifest, format=FORMAT, version=VERSION, members=self.members,
                        counts={"records": self.records, "blobs": self.blobs})
        data = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
        self._zip.writestr(MANIFEST, data)
        self._zip.writestr(zipfile.ZipInfo(SIGNATURE, date_time=(1980, 1, 1, 0, 0, 0)), sign(data))
        self._zip.close()
        return data


class PackageReader:
    """A decrypted package on disk, checked step by step before anything is believed."""

    def __init__(self, path: Path, limits: Limits = LIMITS) -> None:
        self.limits = limits
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zlib.error, OSError, ValueError):
            raise _refused("不是有效的 zip 内容", "its contents are not a valid zip") from None
        try:
            self._check_directory()
        except BaseException:
            self._zip.close()
            raise
        self.manifest: dict[str, Any] = {}

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> PackageReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- 1. the central directory, before any member is decompressed -------------------------
    def _check_directory(self) -> None:
        lim = self.limits
        infos = self._zip.infolist()
        if len(infos) > lim.members + 3:
            raise _refused(f"成员超过 {lim.members} 个", f"it has more than {lim.members} members")
        names = [i.filename for i in infos]
        if len(names) != len(set(names)):
            raise _refused("有重名成员", "it has duplicate member names")
        total = 0
        offsets = set()
        for info in infos:
            name = info.filename
            if name not in (MANIFEST, SIGNATURE, CHANGES) and not _BLOB_NAME.fullmatch(name):
                raise _refused(f"含有意外的成员“{name[:80]}”", f"it holds an unexpected member '{name[:80]}'")
            if info.flag_bits & 0x1:
                raise _refused("成员被加密", "a member is encrypted")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _refused("使用了不支持的压缩方式", "a member uses an unsupported compression method")
            cap = {MANIFEST: lim.manifest, SIGNATURE: 64, CHANGES: lim.changes}.get(name, lim.blob)
            if info.file_size > cap:
                raise _refused(f"成员 {name[:80]} 超过大小上限", f"member {name[:80]} is over its size limit")
            if info.compress_type == zipfile.ZIP_DEFLATED and info.file_size > lim.ratio * max(info.compress_size, 1024):
                raise _refused("压缩比异常（疑似 zip 炸弹）", "a member's compression ratio is abnormal (a zip bomb?)")
            if info.header_offset in offsets:
                raise _refused("成员相互重叠（疑似 zip 炸弹）", "its members overlap (a zip bomb?)")
            offsets.add(info.header_offset)
            total += info.file_size
        if total > lim.total:
            raise _refused("解压后总量超过上限", "it unpacks to more than the limit")
        for required in (MANIFEST, CHANGES):
            if required not in names:
                raise _refused(f"缺少 {required}", f"{required} is missing")
        if SIGNATURE not in names:
            raise PackageRefused(t("交换包没有签名，已拒绝，未做任何更改。", "The package is not signed; refused, nothing was changed."))

    # -- 2. the signature over the manifest --------------------------------------------------
    def verify(self, verifier: Ed25519PublicKey, site_name: str) -> dict[str, Any]:
        """Check the signature, then the manifest against the directory, then every member's hash.
        Returns the manifest; `records` and `blob` may be used only after this."""
        manifest_bytes = self._read(MANIFEST)
        try:
            verifier.verify(self._read(SIGNATURE), manifest_bytes)
        except InvalidSignature:
            raise PackageRefused(t("交换包的签名与站点“{n}”已信任的密钥不符（伪造或被改动），已拒绝，未做任何更改。",
                                   "The package's signature does not match the trusted key of site '{n}' (forged or "
                                   "altered); refused, nothing was changed.", n=site_name)) from None
        try:
            manifest: dict[str, Any] = json.loads(manifest_bytes.decode("utf-8"))  # an object, or the lookup below fails
            members: dict[str, dict[str, Any]] = manifest["members"]
            if manifest.get("format") != FORMAT or not isinstance(members, dict):
                raise ValueError
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise _refused("清单无法读取", "its manifest cannot be read") from None
        if manifest.get("version") != VERSION:
            raise PackageRefused(t("交换包格式版本 {v} 不受支持，请升级创新智慧库。",
                                   "Package format version {v} is not supported; upgrade Idea Bank.",
                                   v=manifest.get("version")))
        present = {i.filename: i for i in self._zip.infolist() if i.filename not in (MANIFEST, SIGNATURE)}
        if set(members) != set(present):
            raise _refused("成员与清单不一致", "its members do not match the manifest")
        for name, entry in members.items():
            if not isinstance(entry, dict) or entry.get("size") != present[name].file_size \
                    or not _SHA.fullmatch(str(entry.get("sha256"))):
                raise _refused(f"成员 {name[:80]} 与清单不一致", f"member {name[:80]} does not match the manifest")
            if name.startswith(BLOB_PREFIX) and entry["sha256"] != _sha256_name(name):
                raise _refused(f"附件 {name[:80]} 与其名称不符", f"attachment {name[:80]} does not match its name")
        self.manifest = manifest
        return manifest

    # -- 3. contents, each checked against the signed manifest -------------------------------
    def records(self) -> Iterator[dict[str, Any]]:
        """The change records, after the whole member's hash matched (one pass to check, one to parse)."""
        self._check_member(CHANGES)
        with self._open(CHANGES) as raw:
            for n, line in enumerate(io.TextIOWrapper(raw, encoding="utf-8", newline="\n"), 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError:
                    raise _refused(f"第 {n} 条记录无法读取", f"record {n} cannot be read") from None
                if not isinstance(record, dict):
                    raise _refused(f"第 {n} 条记录不是对象", f"record {n} is not an object")
                yield record

    def check_blobs(self, progress: Callable[[int], None] | None = None) -> None:
        for n, name in enumerate(sorted(n for n in self.manifest["members"] if n.startswith(BLOB_PREFIX)), 1):
            self._check_member(name)
            if progress:
                progress(n)

    def blob_hashes(self) -> set[str]:
        return {_sha256_name(n) for n in self.manifest.get("members", {}) if n.startswith(BLOB_PREFIX)}

    def blob(self, sha256: str) -> bytes | None:
        """An attachment's bytes, checked against its hash again as it is handed out."""
        name = BLOB_PREFIX + sha256
        if not _SHA.fullmatch(sha256) or name not in self.manifest.get("members", {}):
            return None
        data = self._read(name)
        if hashlib.sha256(data).hexdigest() != sha256:
            raise _refused(f"附件 {sha256[:12]}… 已损坏", f"attachment {sha256[:12]}… is damaged")
        return data

    # -- reading members safely --------------------------------------------------------------
    def _open(self, name: str) -> IO[bytes]:
        try:
            return self._zip.open(name)
        except (zipfile.BadZipFile, zlib.error, OSError, ValueError, NotImplementedError):
            raise _refused(f"成员 {name[:80]} 无法读取", f"member {name[:80]} cannot be read") from None

    def _read(self, name: str) -> bytes:
        return b"".join(self._chunks(name))

    def _chunks(self, name: str) -> Iterator[bytes]:
        """A member's bytes, never more than its directory entry promised (already checked against the limits)."""
        info = self._zip.getinfo(name)
        left = info.file_size
        try:
            with self._open(name) as fh:
                while chunk := fh.read(min(_READ, left + 1)):
                    left -= len(chunk)
                    if left < 0:
                        raise _refused(f"成员 {name[:80]} 比声明的大", f"member {name[:80]} is larger than declared")
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
            raise _refused(f"成员 {name[:80]} 已损坏", f"member {name[:80]} is damaged") from None

    def _check_member(self, name: str) -> None:
        digest = hashlib.sha256()
        for chunk in self._chunks(name):
            digest.update(chunk)
        if digest.hexdigest() != self.manifest["members"][name]["sha256"]:
            raise _refused(f"成员 {name[:80]} 的 SHA-256 与清单不符", f"member {name[:80]} fails its SHA-256 check")


def _refused(zh: str, en: str) -> PackageRefused:
    return PackageRefused(t("交换包不合规：{w}。已拒绝，未做任何更改。", "The package is not acceptable: {w}. Refused, "
                            "nothing was changed.", w=t(zh, en)))
