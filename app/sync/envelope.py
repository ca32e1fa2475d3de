"""The encrypted envelope of an exchange package: only the receiving site can open it.

Layout of a package file::

    MAGIC | u32 header length | header (JSON) | chunk 0 | chunk 1 | ... | final chunk

The header names the sender and the receiver (site ids and the receiver's key fingerprint, so a
package brought to the wrong site is recognised before any work) and carries a fresh ephemeral
X25519 public key and salt. The content key is HKDF-SHA256 over the X25519 agreement between that
ephemeral key and the receiver's key, so nobody but the receiver can derive it; a lost USB stick
shows two site ids and random bytes.

The plaintext (the signed zip, see container.py) is cut into chunks of `chunk` bytes, each sealed
with AES-256-GCM (the "STREAM" construction): the nonce is the chunk's index plus a flag that is
set on the last chunk only, and the header is the associated data of every chunk. Reordered,
dropped, repeated or altered chunks fail their tag; a file cut at a chunk boundary fails because
its last chunk was not sealed as the last. The signature inside, not this layer, says who wrote
the package: anyone can encrypt to a public key.
"""
from __future__ import annotations

import json
import os
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.core.i18n import t
from app.sync.identity import PublicIdentity, b64, raw_public, unb64
from app.sync.refusal import PackageRefused

MAGIC = b"IDEABANK-PACKAGE\x00"
VERSION = 1
CIPHER = "X25519-HKDF-SHA256-AES256GCM-STREAM"
CHUNK = 1 << 20
TAG = 16
MAX_HEADER = 4096
_INFO = b"ideabank package v1"


@dataclass(frozen=True)
class Header:
    sender: str          # site id
    recipient: str       # site id
    recipient_key: str   # fingerprint of the X25519 key it is encrypted to
    ephemeral: bytes
    salt: bytes
    chunk: int

    def encode(self) -> bytes:
        body = json.dumps({"version": VERSION, "cipher": CIPHER, "from": self.sender, "to": self.recipient,
                           "to_key": self.recipient_key, "epk": b64(self.ephemeral), "salt": b64(self.salt),
                           "chunk": self.chunk}, sort_keys=True, separators=(",", ":")).encode("ascii")
        return MAGIC + struct.pack(">I", len(body)) + body


def _key(shared: bytes, header: Header, recipient_public: bytes) -> bytes:
    info = _INFO + header.ephemeral + recipient_public
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=header.salt, info=info).derive(shared)


def _nonce(index: int, final: bool) -> bytes:
    return struct.pack(">QxxxB", index, 1 if final else 0)


class SealedWriter:
    """A write-only stream that encrypts as it goes (zipfile writes through it without seeking)."""

    def __init__(self, out: BinaryIO, recipient: PublicIdentity, sender: str, *, chunk: int = CHUNK) -> None:
        ephemeral = X25519PrivateKey.generate()
        self.header = Header(sender, recipient.site_id, recipient.kx_fingerprint,
                             raw_public(ephemeral.public_key()), os.urandom(16), chunk)
        self._aad = self.header.encode()
        key = _key(ephemeral.exchange(recipient.kx_public()), self.header, recipient.kx_key)
        self._aead = AESGCM(key)
        self._out = out
        self._buffer = bytearray()
        self._index = 0
        self._written = 0
        self.closed = False
        self._abandoned = False
        out.write(self._aad)

    def write(self, data: bytes) -> int:
        if self._abandoned:
            return len(data)
        self._buffer += data
        self._written += len(data)
        size = self.header.chunk
        while len(self._buffer) > size:  # keep at least one byte back: the last chunk is sealed as last
            self._seal(bytes(self._buffer[:size]), final=False)
            del self._buffer[:size]
        return len(data)

    def tell(self) -> int:
        return self._written

    def flush(self) -> None:
        if not self._abandoned:
            self._out.flush()

    def abandon(self) -> None:
        """The package will not be finished (cancel, error): swallow what the zip writer still says."""
        self._abandoned = self.closed = True
        self._buffer.clear()

    def seekable(self) -> bool:
        return False

    def close(self) -> None:
        """Seal what is left as the final chunk. The underlying file stays open (its owner syncs it)."""
        if not self.closed:
            self._seal(bytes(self._buffer), final=True)
            self._buffer.clear()
            self.closed = True

    def _seal(self, plain: bytes, *, final: bool) -> None:
        self._out.write(self._aead.encrypt(_nonce(self._index, final), plain, self._aad))
        self._index += 1


def read_header(src: BinaryIO) -> tuple[Header, bytes]:
    """The clear header (and its exact bytes, the associated data); refuses what is no package."""
    magic = src.read(len(MAGIC))
    if magic != MAGIC:
        raise PackageRefused(t("这不是创新智慧库交换包。", "This is not an Idea Bank exchange package."))
    raw_len = src.read(4)
    if len(raw_len) != 4 or not 0 < (length := struct.unpack(">I", raw_len)[0]) <= MAX_HEADER:
        raise _damaged()
    body = src.read(length)
    try:
        fields: dict[str, Any] = json.loads(body.decode("ascii"))
        if fields.get("version") != VERSION or fields.get("cipher") != CIPHER:
            raise PackageRefused(t("交换包格式版本 {v} 不受支持，请升级创新智慧库。",
                                   "Package format version {v} is not supported; upgrade Idea Bank.",
                                   v=fields.get("version")))
        header = Header(str(fields["from"]), str(fields["to"]), str(fields["to_key"]), unb64(fields["epk"]),
                        unb64(fields["salt"]), int(fields["chunk"]))
    except PackageRefused:
        raise
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise _damaged() from None
    if len(header.ephemeral) != 32 or not 1024 <= header.chunk <= 16 << 20:
        raise _damaged()
    return header, MAGIC + raw_len + body


def open_sealed(src: BinaryIO, header: Header, aad: bytes, private: X25519PrivateKey, *,
                limit: int, cancelled: Callable[[], bool] | None = None) -> Iterator[bytes]:
    """Yield the plaintext chunk by chunk; every chunk is authenticated before it is yielded."""
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(header.ephemeral))
    except ValueError:
        raise _damaged() from None
    aead = AESGCM(_key(shared, header, raw_public(private.public_key())))
    size = header.chunk + TAG
    index, total = 0, 0
    sealed = src.read(size)
    while True:
        following = src.read(size)
        final = not following
        try:
            plain = aead.decrypt(_nonce(index, final), sealed, aad)
        except InvalidTag:
            raise (_truncated() if final and _opens(aead, index, sealed, aad) else _damaged()) from None
        total += len(plain)
        if total > limit:
            raise PackageRefused(t("交换包解开后超过上限 {n} MB，已拒绝。", "The package unpacks to more than {n} MB; refused.",
                                   n=limit >> 20))
        yield plain
        if final:
            return
        if cancelled is not None and cancelled():
            raise InterruptedError
        index += 1
        sealed = following


def _opens(aead: AESGCM, index: int, sealed: bytes, aad: bytes) -> bool:
    """Whether the chunk is intact but was not sealed as the last one: the file was cut short."""
    try:
        aead.decrypt(_nonce(index, False), sealed, aad)
        return True
    except InvalidTag:
        return False


def _damaged() -> PackageRefused:
    return PackageRefused(t("交换包已损坏或被改动（加密校验失败），已拒绝，未做任何更改。",
                            "The package is damaged or has been altered (its encryption check failed); refused, "
                            "nothing was changed."))


def _truncated() -> PackageRefused:
    return PackageRefused(t("交换包不完整（可能被截断或复制时中断），已拒绝，未做任何更改。请重新复制。",
                            "The package is incomplete (cut short, perhaps an interrupted copy); refused, nothing "
                            "was changed. Copy it again."))

