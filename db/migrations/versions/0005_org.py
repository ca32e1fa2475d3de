"""The organisation, administered: studio premises, funds and logo; merges that can be undone;
the leader's confirmation for delivering an incubation request with milestones still open.

Revision ID: 0005_org
Revises: 0007_site_keys
Create Date: 2026-11-30
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = "0005_org"
down_revision: Union[str, Sequence[str], None] = "0007_site_keys"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


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
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("site_id", sa.String(length=36), nullable=False),
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
    with op.batch_alter_table("project_merges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_merges_merged_id"), ["merged_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_merges_survivor_id"), ["survivor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_merges_updated_at"), ["updated_at"], unique=False)

    with op.batch_alter_table("incubation_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("delivery_confirmed_by", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("delivery_confirmed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_incubation_requests_delivery_confirmed_by_users"), "users",
                                    ["delivery_confirmed_by"], ["id"], ondelete="SET NULL")

    with op.batch_alter_table("studios", schema=None) as batch_op:
        batch_op.add_column(sa.Column("premises", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("funds", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("logo", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("studios", schema=None) as batch_op:
        batch_op.drop_column("logo")
        batch_op.drop_column("funds")
        batch_op.drop_column("premises")

    with op.batch_alter_table("incubation_requests", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_incubation_requests_delivery_confirmed_by_users"), type_="foreignkey")
        batch_op.drop_column("delivery_confirmed_at")
        batch_op.drop_column("delivery_confirmed_by")

    with op.batch_alter_table("project_merges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_merges_updated_at"))
        batch_op.drop_index(batch_op.f("ix_project_merges_survivor_id"))
        batch_op.drop_index(batch_op.f("ix_project_merges_merged_id"))
    op.drop_table("project_merges")
