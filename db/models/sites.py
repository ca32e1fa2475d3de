"""Site identities (public keys) and the bookkeeping of exchange packages.

Private keys never live here: they stay in the data folder of the machine that made them
(app/sync/identity.py), so neither a database backup nor a package can carry them away.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, BigInteger, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, utcnow


class SiteKey(Base):
    """The public identity of a site: this site's own row and one per site it trusts."""

    __tablename__ = "site_keys"
    site_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(16))
    sign_key: Mapped[str] = mapped_column(String(64))  # Ed25519 public key, base64
    kx_key: Mapped[str] = mapped_column(String(64))    # X25519 public key, base64
    trusted_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    trusted_by: Mapped[str | None] = mapped_column(String(36))  # the user who trusted it; None for this site


class PackagePeer(Base):
    """Per trusted site: how far packages have gone each way.

    `acked_seq` is the point of this site's change sequence that the peer confirmed (its packages
    carry the acknowledgement back); an export without --since starts there, so a lost USB stick
    only means the next package repeats what the lost one carried. `received` holds the ranges
    of the peer's sequence applied here, as merged [since, until] pairs; the acknowledgement sent
    back is the end of the run that starts at 0, so packages arriving out of order are safe.
    """

    __tablename__ = "package_peers"
    site_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    acked_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    sent_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    received: Mapped[list[list[int]]] = mapped_column(JSON, default=list)
    last_sent_at: Mapped[dt.datetime | None] = mapped_column()
    last_received_at: Mapped[dt.datetime | None] = mapped_column()


class PackageLog(Base):
    """Every package written or imported here; an imported id is never applied twice."""

    __tablename__ = "package_log"
    package_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))  # "out" | "in"
    peer_site_id: Mapped[str] = mapped_column(String(36), index=True)
    since: Mapped[int] = mapped_column(BigInteger)
    until: Mapped[int] = mapped_column(BigInteger)
    records: Mapped[int] = mapped_column(Integer, default=0)
    blobs: Mapped[int] = mapped_column(Integer, default=0)
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[str | None] = mapped_column(String(36))
