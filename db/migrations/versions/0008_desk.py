"""The leader's desk: one-click dispatch (tasks, their units, the units' reports) and merit
competitions (campaigns and the projects entered in them). Every table is synchronised
(SyncedMixin's columns and an index on seq).

Revision ID: 0008_desk
Revises: 0009_loop
Create Date: 2026-11-30
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0008_desk"
down_revision: Union[str, Sequence[str], None] = "0009_loop"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

UTC = sa.DateTime(timezone=True)


def _synced(table: str) -> list[sa.schema.SchemaItem]:
    """SyncedMixin's columns (docs/SYNC.md, "New tables"), the id and the primary key."""
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.Column("site_id", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), server_default=sa.text("''"), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=True),
        sa.Column("seq", sa.BigInteger(), server_default=sa.text("1"), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"),
                                   ondelete=ondelete)


# table -> indexed columns (besides seq and updated_at, which every synchronised table has)
INDEXES = {
    "dispatch_tasks": ["due_on", "sender_id", "status"],
    "dispatch_targets": ["responsible_id", "state", "task_id", "unit_id"],
    "dispatch_reports": ["target_id"],
    "campaigns": [],
    "campaign_entries": ["campaign_id", "project_id"],
}


def upgrade() -> None:
    op.create_table(
        "dispatch_tasks",
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("sender_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attachments", sa.JSON(), nullable=False),
        sa.Column("closed_at", UTC, nullable=True),
        *_synced("dispatch_tasks"),
        _fk("dispatch_tasks", "sender_id", "users", "SET NULL"),
        sa.UniqueConstraint("number", name=op.f("uq_dispatch_tasks_number")),
    )
    op.create_table(
        "dispatch_targets",
        sa.Column("task_id", sa.String(length=36), nullable=False),
        sa.Column("unit_id", sa.String(length=36), nullable=False),
        sa.Column("responsible_id", sa.String(length=36), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("reported_at", UTC, nullable=True),
        sa.Column("decided_at", UTC, nullable=True),
        sa.Column("decided_by", sa.String(length=36), nullable=True),
        sa.Column("return_reason", sa.Text(), nullable=False),
        sa.Column("reminders", sa.Integer(), nullable=False),
        sa.Column("reminded_at", UTC, nullable=True),
        *_synced("dispatch_targets"),
        _fk("dispatch_targets", "task_id", "dispatch_tasks", "CASCADE"),
        _fk("dispatch_targets", "unit_id", "units", "RESTRICT"),
        _fk("dispatch_targets", "responsible_id", "users", "SET NULL"),
        _fk("dispatch_targets", "decided_by", "users", "SET NULL"),
        sa.UniqueConstraint("task_id", "unit_id", name="uq_dispatch_targets_task_unit"),
    )
    op.create_table(
        "dispatch_reports",
        sa.Column("target_id", sa.String(length=36), nullable=False),
        sa.Column("author_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=True),
        sa.Column("attachments", sa.JSON(), nullable=False),
        *_synced("dispatch_reports"),
        _fk("dispatch_reports", "target_id", "dispatch_targets", "CASCADE"),
        _fk("dispatch_reports", "author_id", "users", "SET NULL"),
    )
    op.create_table(
        "campaigns",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("theme", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("unit_ids", sa.JSON(), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        *_synced("campaigns"),
        _fk("campaigns", "created_by", "users", "SET NULL"),
        sa.UniqueConstraint("name", name=op.f("uq_campaigns_name")),
    )
    op.create_table(
        "campaign_entries",
        sa.Column("campaign_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=36), nullable=False),
        sa.Column("entered_by", sa.String(length=36), nullable=True),
        *_synced("campaign_entries"),
        _fk("campaign_entries", "campaign_id", "campaigns", "CASCADE"),
        _fk("campaign_entries", "project_id", "projects", "CASCADE"),
        _fk("campaign_entries", "entered_by", "users", "SET NULL"),
        sa.UniqueConstraint("campaign_id", "project_id", name="uq_campaign_entries_campaign_project"),
    )
    for table, columns in INDEXES.items():
        for column in [*columns, "seq", "updated_at"]:
            op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def downgrade() -> None:
    for table in reversed(INDEXES):
        for column in [*INDEXES[table], "seq", "updated_at"]:
            op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
        op.drop_table(table)
