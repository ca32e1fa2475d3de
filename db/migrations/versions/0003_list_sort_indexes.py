"""Indexes for the project list sorts, each ending in id (the tie-breaker).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""
from typing import Sequence, Union

from alembic import op

revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

NEW = {
    "ix_projects_updated_id": ["updated_at", "id"],
    "ix_projects_status_updated_id": ["status", "updated_at", "id"],
    "ix_projects_created_id": ["created_at", "id"],
    "ix_projects_title_id": ["title", "id"],
    "ix_projects_votes_id": ["vote_count", "id"],
}
OLD = {
    "ix_projects_updated_at": ["updated_at"],
    "ix_projects_status_updated": ["status", "updated_at"],
    "ix_projects_created": ["created_at"],
}


def upgrade() -> None:
    for name in OLD:
        op.drop_index(name, table_name="projects")
    for name, columns in NEW.items():
        op.create_index(name, "projects", columns)
    # Without statistics for the new indexes SQLite may pick a worse plan until the next ANALYZE.
    op.execute("ANALYZE projects")


def downgrade() -> None:
    for name in NEW:
        op.drop_index(name, table_name="projects")
    for name, columns in OLD.items():
        op.create_index(name, "projects", columns)
