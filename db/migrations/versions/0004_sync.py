"""The change sequence: every synchronised row carries the number of its last change, its clocks
and origin; the counter, consumers' cursors, conflicts, parked records and the database attachment
store. The search queue goes: the index follows the sequence with a cursor of its own.

Revision ID: 0004_sync
Revises: 0003
Create Date: 2026-11-30
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0004_sync"
down_revision: Union[str, Sequence[str], None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Tables of synchronised rows (SyncedMixin) at revision 0003. A table added later that uses the
# mixin creates these four columns and the seq index itself (docs/SYNC.md, "New tables").
SYNCED = ["units", "users", "studios", "projects", "project_members", "comments", "votes", "reviews",
          "attachments", "notifications", "teams", "team_members", "team_partners", "team_projects",
          "team_activities", "alliance_members", "open_calls", "call_applications", "incubation_requests",
          "incubation_milestones", "incubation_milestone_updates"]
# Existing rows count as one first change (number 1): the first sync of an upgraded bank sends them all.
FIRST = "1"


# Plain ALTER TABLE ADD/DROP COLUMN (SQLite >= 3.35 has both): a batch copy of the tables would
# drop tables other rows refer to, which SQLite refuses with foreign keys on.
def _seq_origin(table: str) -> None:
    op.add_column(table, sa.Column("seq", sa.BigInteger(), server_default=sa.text(FIRST), nullable=False))
    op.add_column(table, sa.Column("origin", sa.String(length=36), nullable=True))


def _hlc(table: str) -> None:
    op.add_column(table, sa.Column("hlc", sa.String(length=64), server_default=sa.text("''"), nullable=False))


def upgrade() -> None:
    for table in SYNCED:
        _seq_origin(table)
        _hlc(table)
        op.add_column(table, sa.Column("versions", sa.JSON(), nullable=True))
        op.create_index(f"ix_{table}_seq", table, ["seq"])
    _seq_origin("audit_log")
    op.create_index("ix_audit_log_seq", "audit_log", ["seq"])
    _seq_origin("tombstones")
    _hlc("tombstones")
    op.add_column("tombstones", sa.Column("seen", sa.JSON(), nullable=True))
    op.create_index("ix_tombstones_seq", "tombstones", ["seq"])

    counter = op.create_table(
        "sync_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hlc_ms", sa.BigInteger(), nullable=False),
        sa.Column("hlc_n", sa.Integer(), nullable=False),
        sa.Column("pruned", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_counter")))
    op.bulk_insert(counter, [{"id": 1, "seq": int(FIRST), "hlc_ms": 0, "hlc_n": 0, "pruned": 0}])
    op.create_table(
        "sync_cursors",
        sa.Column("consumer", sa.String(length=100), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("info", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("consumer", name=op.f("pk_sync_cursors")))
    op.create_table(
        "sync_conflicts",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=True),
        sa.Column("project_id", sa.String(length=36), nullable=True),
        sa.Column("studio_id", sa.String(length=36), nullable=True),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("value_clock", sa.String(length=64), nullable=False),
        sa.Column("value_by", sa.String(length=36), nullable=True),
        sa.Column("winner", sa.JSON(), nullable=True),
        sa.Column("winner_clock", sa.String(length=64), nullable=False),
        sa.Column("winner_by", sa.String(length=36), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("resolved_by", sa.String(length=36), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution", sa.String(length=20), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("site_id", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), server_default=sa.text("''"), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=True),
        sa.Column("seq", sa.BigInteger(), server_default=sa.text(FIRST), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")))
    for column in ("entity_id", "project_id", "seq", "status", "studio_id", "updated_at"):
        op.create_index(f"ix_sync_conflicts_{column}", "sync_conflicts", [column])
    op.create_table(
        "sync_pending",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("source_site", sa.String(length=36), nullable=False),
        sa.Column("waiting_for", sa.String(length=80), nullable=False),
        sa.Column("parked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_pending")))
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("chunks", sa.Integer(), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_blobs")))
    op.create_table(
        "blob_chunks",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["sha256"], ["blobs.sha256"], name=op.f("fk_blob_chunks_sha256_blobs"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("sha256", "n", name=op.f("pk_blob_chunks")))

    op.drop_index("ix_search_queue_project_id", table_name="search_queue")
    op.drop_table("search_queue")


def downgrade() -> None:
    search_queue = op.create_table(
        "search_queue",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("project_id", sa.String(length=36), nullable=False),
        sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_search_queue")))
    op.create_index("ix_search_queue_project_id", "search_queue", ["project_id"])
    # The index of the older version follows the queue: queue every project once, so it catches up.
    op.execute(sa.text("INSERT INTO search_queue (project_id, enqueued_at) SELECT id, updated_at FROM projects"))
    del search_queue

    for table in ("blob_chunks", "blobs", "sync_pending", "sync_cursors", "sync_counter"):
        op.drop_table(table)
    for column in ("entity_id", "project_id", "seq", "status", "studio_id", "updated_at"):
        op.drop_index(f"ix_sync_conflicts_{column}", table_name="sync_conflicts")
    op.drop_table("sync_conflicts")

    op.drop_index("ix_tombstones_seq", table_name="tombstones")
    for column in ("seen", "hlc", "origin", "seq"):
        op.drop_column("tombstones", column)
    op.drop_index("ix_audit_log_seq", table_name="audit_log")
    for column in ("origin", "seq"):
        op.drop_column("audit_log", column)
    for table in SYNCED:
        op.drop_index(f"ix_{table}_seq", table_name=table)
        for column in ("versions", "hlc", "origin", "seq"):
            op.drop_column(table, column)
