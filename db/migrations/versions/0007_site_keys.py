"""site identities (public keys) and exchange-package bookkeeping

Revision ID: 0007_site_keys
Revises: 0004_sync
Create Date: 2026-11-29
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0007_site_keys"
down_revision: Union[str, Sequence[str], None] = "0004_sync"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

UTC = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "site_keys",
        sa.Column("site_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("sign_key", sa.String(length=64), nullable=False),
        sa.Column("kx_key", sa.String(length=64), nullable=False),
        sa.Column("trusted_at", UTC, nullable=False),
        sa.Column("trusted_by", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("site_id", name=op.f("pk_site_keys")),
    )
    op.create_table(
        "package_peers",
        sa.Column("site_id", sa.String(length=36), nullable=False),
        sa.Column("acked_seq", sa.BigInteger(), nullable=False),
        sa.Column("sent_seq", sa.BigInteger(), nullable=False),
        sa.Column("received", sa.JSON(), nullable=False),
        sa.Column("last_sent_at", UTC, nullable=True),
        sa.Column("last_received_at", UTC, nullable=True),
        sa.PrimaryKeyConstraint("site_id", name=op.f("pk_package_peers")),
    )
    op.create_table(
        "package_log",
        sa.Column("package_id", sa.String(length=36), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("peer_site_id", sa.String(length=36), nullable=False),
        sa.Column("since", sa.BigInteger(), nullable=False),
        sa.Column("until", sa.BigInteger(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("blobs", sa.Integer(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("at", UTC, nullable=False),
        sa.Column("actor_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("package_id", name=op.f("pk_package_log")),
    )
    op.create_index(op.f("ix_package_log_peer_site_id"), "package_log", ["peer_site_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_package_log_peer_site_id"), table_name="package_log")
    op.drop_table("package_log")
    op.drop_table("package_peers")
    op.drop_table("site_keys")
