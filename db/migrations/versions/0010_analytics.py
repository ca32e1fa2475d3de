"""analytics: stays of projects in each status (filled from the audit trail), a covering index, and
studios' own ledger records

Revision ID: 0010_analytics
Revises: 0005_org
Create Date: 2026-11-29
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0010_analytics"
down_revision: Union[str, Sequence[str], None] = "0005_org"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

UTC = sa.DateTime(timezone=True)
ANALYTICS_COLUMNS = ["status", "category", "created_at", "studio_id", "proposer_id", "confidentiality",
                     "merged_into_id", "expected_benefit", "measured_benefit", "investment", "id"]


def upgrade() -> None:
    op.create_table(
        "project_stages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("project_id", sa.String(36), nullable=False),
        sa.Column("stage", sa.String(20), nullable=False),
        sa.Column("entered_at", UTC, nullable=False),
        sa.Column("left_at", UTC, nullable=True),
        sa.Column("days", sa.Float(), nullable=True),
        sa.Column("hours", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name="fk_project_stages_project_id_projects",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_project_stages"),
    )
    op.create_index("ix_project_stages_project", "project_stages", ["project_id", "stage", "hours", "days"])
    op.create_index("ix_project_stages_stage_hours", "project_stages", ["stage", "hours", "days"])
    op.create_index("ix_projects_analytics", "projects", ANALYTICS_COLUMNS)
    # A studio's own ledger records (activities, study sessions, rewards): synchronised rows.
    op.create_table(
        "studio_records",
        sa.Column("studio_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=True),
        sa.Column("amount", sa.Float(), nullable=True),
        sa.Column("author_id", sa.String(36), nullable=True),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.Column("site_id", sa.String(36), nullable=False),
        sa.Column("hlc", sa.String(64), server_default=sa.text("''"), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=True),
        sa.Column("seq", sa.BigInteger(), server_default=sa.text("1"), nullable=False),
        sa.Column("origin", sa.String(36), nullable=True),
        sa.ForeignKeyConstraint(["studio_id"], ["studios.id"], name="fk_studio_records_studio_id_studios",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name="fk_studio_records_author_id_users",
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_studio_records"),
    )
    op.create_index("ix_studio_records_studio_day", "studio_records", ["studio_id", "happened_on"])
    op.create_index("ix_studio_records_updated_at", "studio_records", ["updated_at"])
    op.create_index("ix_studio_records_seq", "studio_records", ["seq"])
    # The stays so far, from the audit trail: each status row of a project, until its next one.
    sqlite = op.get_bind().dialect.name == "sqlite"
    days = "julianday(left_at) - julianday(entered_at)" if sqlite else \
        "extract(epoch from left_at - entered_at) / 86400.0"
    op.execute(f"""
        INSERT INTO project_stages (project_id, stage, entered_at, left_at, days)
        SELECT project_id, stage, entered_at, left_at, {days} FROM (
            SELECT a.entity_id AS project_id, a.new_value AS stage, a.at AS entered_at,
                   lead(a.at) OVER (PARTITION BY a.entity_id ORDER BY a.at, a.id) AS left_at
            FROM audit_log a
            WHERE a.entity = 'project' AND a.field = 'status' AND a.new_value IS NOT NULL
              AND a.entity_id IN (SELECT id FROM projects)) AS stays""")
    # Whole hours, as app/core/stays.py counts them (SQLite's CAST truncates, PostgreSQL's rounds).
    whole = "CAST(days * 24 + 1e-9 AS INTEGER)" if sqlite else "CAST(floor(days * 24 + 1e-9) AS INTEGER)"
    op.execute(f"UPDATE project_stages SET hours = {whole} WHERE days IS NOT NULL")
    op.execute("ANALYZE")


def downgrade() -> None:
    op.drop_table("studio_records")
    op.drop_index("ix_projects_analytics", table_name="projects")
    op.drop_table("project_stages")
