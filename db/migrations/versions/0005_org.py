"""The organisation, administered: studio premises, funds and logo; merges that can be undone;
the leader's confirmation for delivering an incubation request with milestones still open.

Columns are added in place (no table copies: SQLite refuses to drop a table other rows refer to).

Revision ID: 0005_org
Revises: 0006_reliability
Create Date: 2026-11-30
"""
from typing import Any, Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0005_org"
down_revision: Union[str, Sequence[str], None] = "0006_reliability"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

STUDIO_COLUMNS: list[tuple[str, sa.types.TypeEngine[Any]]] = [("premises", sa.Text()), ("funds", sa.Float()), ("logo", sa.String(length=64))]
REQUEST_COLUMNS: list[tuple[str, sa.types.TypeEngine[Any]]] = [("delivery_confirmed_by", sa.String(length=36)),
                   ("delivery_confirmed_at", sa.DateTime(timezone=True))]
MERGE_INDEXES = ["merged_id", "seq", "survivor_id", "updated_at"]


def upgrade() -> None:
    op.create_table(
        "project_merges",
        sa.Column("survivor_id", sa.String(length=36), nullable=False),
        sa.Column("merged_id", sa.String(length=36), nullable=False),
        sa.Column("merged_by", sa.String(length=36), nullable=True),
        sa.Column("moved_comments", sa.JSON(), nullable=False),
        sa.Column("moved_votes", sa.JSON(), nullable=False),
        sa.Column("dropped_voters", sa.JSON(), nullable=False),
        sa.Column("added_members", sa.JSON(), nullable=False),
        sa.Column("undone_by", sa.String(length=36), nullable=True),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        # SyncedMixin: merges travel between sites like other records (docs/SYNC.md).
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("site_id", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), server_default=sa.text("''"), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=True),
        sa.Column("seq", sa.BigInteger(), server_default=sa.text("1"), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(["merged_by"], ["users.id"], name=op.f("fk_project_merges_merged_by_users"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["merged_id"], ["projects.id"], name=op.f("fk_project_merges_merged_id_projects"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["survivor_id"], ["projects.id"], name=op.f("fk_project_merges_survivor_id_projects"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["undone_by"], ["users.id"], name=op.f("fk_project_merges_undone_by_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_merges")),
    )
    for column in MERGE_INDEXES:
        op.create_index(op.f(f"ix_project_merges_{column}"), "project_merges", [column], unique=False)
    for name, type_ in REQUEST_COLUMNS:
        op.add_column("incubation_requests", sa.Column(name, type_, nullable=True))
    for name, type_ in STUDIO_COLUMNS:
        op.add_column("studios", sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    for name, _type in reversed(STUDIO_COLUMNS):
        op.drop_column("studios", name)
    for name, _type in reversed(REQUEST_COLUMNS):
        op.drop_column("incubation_requests", name)
    for column in MERGE_INDEXES:
        op.drop_index(op.f(f"ix_project_merges_{column}"), table_name="project_merges")
    op.drop_table("project_merges")
