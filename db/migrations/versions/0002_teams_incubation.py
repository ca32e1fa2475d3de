"""teams, the maker alliance, open calls, incubation requests and milestones

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 13:03:46.000631

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('alliance_members',
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('specialty', sa.String(length=200), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=False),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_alliance_members_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alliance_members')),
    sa.UniqueConstraint('user_id', name=op.f('uq_alliance_members_user_id'))
    )
    with op.batch_alter_table('alliance_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alliance_members_updated_at'), ['updated_at'], unique=False)

    op.create_table('teams',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('leader_id', sa.String(length=36), nullable=True),
    sa.Column('studio_id', sa.String(length=36), nullable=True),
    sa.Column('host_unit_id', sa.String(length=36), nullable=True),
    sa.Column('problem', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['host_unit_id'], ['units.id'], name=op.f('fk_teams_host_unit_id_units'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['leader_id'], ['users.id'], name=op.f('fk_teams_leader_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['studio_id'], ['studios.id'], name=op.f('fk_teams_studio_id_studios'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teams')),
    sa.UniqueConstraint('name', name=op.f('uq_teams_name'))
    )
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_teams_host_unit_id'), ['host_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_teams_leader_id'), ['leader_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_teams_studio_id'), ['studio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_teams_updated_at'), ['updated_at'], unique=False)

    op.create_table('incubation_requests',
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('studio_id', sa.String(length=36), nullable=True),
    sa.Column('requester_id', sa.String(length=36), nullable=True),
    sa.Column('services', sa.JSON(), nullable=False),
    sa.Column('maturity', sa.String(length=20), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('materials', sa.Text(), nullable=False),
    sa.Column('budget_lines', sa.JSON(), nullable=False),
    sa.Column('target_units', sa.JSON(), nullable=False),
    sa.Column('market', sa.Text(), nullable=False),
    sa.Column('ip_ownership', sa.Text(), nullable=False),
    sa.Column('benefit_sharing', sa.Text(), nullable=False),
    sa.Column('risks', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('decided_by', sa.String(length=36), nullable=True),
    sa.Column('decision_reason', sa.Text(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status_changed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('units_made', sa.Integer(), nullable=True),
    sa.Column('adopting_units', sa.JSON(), nullable=False),
    sa.Column('measured_savings', sa.Float(), nullable=True),
    sa.Column('outcome_note', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['decided_by'], ['users.id'], name=op.f('fk_incubation_requests_decided_by_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_incubation_requests_project_id_projects'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['requester_id'], ['users.id'], name=op.f('fk_incubation_requests_requester_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['studio_id'], ['studios.id'], name=op.f('fk_incubation_requests_studio_id_studios'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incubation_requests')),
    sa.UniqueConstraint('number', name=op.f('uq_incubation_requests_number'))
    )
    with op.batch_alter_table('incubation_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incubation_requests_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incubation_requests_requester_id'), ['requester_id'], unique=False)
        batch_op.create_index('ix_incubation_requests_status_changed', ['status', 'status_changed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_incubation_requests_studio_id'), ['studio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incubation_requests_updated_at'), ['updated_at'], unique=False)

    op.create_table('open_calls',
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('problem', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('poster_id', sa.String(length=36), nullable=True),
    sa.Column('team_id', sa.String(length=36), nullable=True),
    sa.Column('studio_id', sa.String(length=36), nullable=True),
    sa.Column('deadline', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['poster_id'], ['users.id'], name=op.f('fk_open_calls_poster_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['studio_id'], ['studios.id'], name=op.f('fk_open_calls_studio_id_studios'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_open_calls_team_id_teams'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_open_calls')),
    sa.UniqueConstraint('number', name=op.f('uq_open_calls_number'))
    )
    with op.batch_alter_table('open_calls', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_open_calls_poster_id'), ['poster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_open_calls_studio_id'), ['studio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_open_calls_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_open_calls_updated_at'), ['updated_at'], unique=False)

    op.create_table('team_activities',
    sa.Column('team_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('happened_on', sa.Date(), nullable=False),
    sa.Column('author_id', sa.String(length=36), nullable=True),
    sa.Column('attachments', sa.JSON(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_team_activities_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_team_activities_team_id_teams'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_activities'))
    )
    with op.batch_alter_table('team_activities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_activities_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_activities_updated_at'), ['updated_at'], unique=False)

    op.create_table('team_members',
    sa.Column('team_id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('unit_id', sa.String(length=36), nullable=True),
    sa.Column('specialty', sa.String(length=200), nullable=False),
    sa.Column('skill_grade', sa.String(length=20), nullable=True),
    sa.Column('role', sa.String(length=100), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=False),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_team_members_team_id_teams'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_team_members_unit_id_units'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_team_members_user_id_users'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_members')),
    sa.UniqueConstraint('team_id', 'user_id', name='uq_team_members_team_user')
    )
    with op.batch_alter_table('team_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_members_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_members_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_members_user_id'), ['user_id'], unique=False)

    op.create_table('team_partners',
    sa.Column('team_id', sa.String(length=36), nullable=False),
    sa.Column('unit_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_team_partners_team_id_teams'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_team_partners_unit_id_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_partners')),
    sa.UniqueConstraint('team_id', 'unit_id', name='uq_team_partners_team_unit')
    )
    with op.batch_alter_table('team_partners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_partners_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_partners_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_partners_updated_at'), ['updated_at'], unique=False)

    op.create_table('team_projects',
    sa.Column('team_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_team_projects_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_team_projects_team_id_teams'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_projects')),
    sa.UniqueConstraint('team_id', 'project_id', name='uq_team_projects_team_project')
    )
    with op.batch_alter_table('team_projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_projects_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_projects_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_projects_updated_at'), ['updated_at'], unique=False)

    op.create_table('call_applications',
    sa.Column('call_id', sa.String(length=36), nullable=False),
    sa.Column('applicant_id', sa.String(length=36), nullable=False),
    sa.Column('statement', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('decided_by', sa.String(length=36), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['applicant_id'], ['users.id'], name=op.f('fk_call_applications_applicant_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['call_id'], ['open_calls.id'], name=op.f('fk_call_applications_call_id_open_calls'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by'], ['users.id'], name=op.f('fk_call_applications_decided_by_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_call_applications')),
    sa.UniqueConstraint('call_id', 'applicant_id', name='uq_call_applications_call_applicant')
    )
    with op.batch_alter_table('call_applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_call_applications_applicant_id'), ['applicant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_applications_call_id'), ['call_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_applications_updated_at'), ['updated_at'], unique=False)

    op.create_table('incubation_milestones',
    sa.Column('request_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['incubation_requests.id'], name=op.f('fk_incubation_milestones_request_id_incubation_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incubation_milestones'))
    )
    with op.batch_alter_table('incubation_milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incubation_milestones_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_incubation_milestones_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incubation_milestones_updated_at'), ['updated_at'], unique=False)

    op.create_table('incubation_milestone_updates',
    sa.Column('milestone_id', sa.String(length=36), nullable=False),
    sa.Column('author_id', sa.String(length=36), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('attachments', sa.JSON(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_incubation_milestone_updates_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['milestone_id'], ['incubation_milestones.id'], name=op.f('fk_incubation_milestone_updates_milestone_id_incubation_milestones'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incubation_milestone_updates'))
    )
    with op.batch_alter_table('incubation_milestone_updates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incubation_milestone_updates_milestone_id'), ['milestone_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incubation_milestone_updates_updated_at'), ['updated_at'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('incubation_milestone_updates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incubation_milestone_updates_updated_at'))
        batch_op.drop_index(batch_op.f('ix_incubation_milestone_updates_milestone_id'))

    op.drop_table('incubation_milestone_updates')
    with op.batch_alter_table('incubation_milestones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incubation_milestones_updated_at'))
        batch_op.drop_index(batch_op.f('ix_incubation_milestones_request_id'))
        batch_op.drop_index(batch_op.f('ix_incubation_milestones_due_on'))

    op.drop_table('incubation_milestones')
    with op.batch_alter_table('call_applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_call_applications_updated_at'))
        batch_op.drop_index(batch_op.f('ix_call_applications_call_id'))
        batch_op.drop_index(batch_op.f('ix_call_applications_applicant_id'))

    op.drop_table('call_applications')
    with op.batch_alter_table('team_projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_projects_updated_at'))
        batch_op.drop_index(batch_op.f('ix_team_projects_team_id'))
        batch_op.drop_index(batch_op.f('ix_team_projects_project_id'))

    op.drop_table('team_projects')
    with op.batch_alter_table('team_partners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_partners_updated_at'))
        batch_op.drop_index(batch_op.f('ix_team_partners_unit_id'))
        batch_op.drop_index(batch_op.f('ix_team_partners_team_id'))

    op.drop_table('team_partners')
    with op.batch_alter_table('team_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_members_user_id'))
        batch_op.drop_index(batch_op.f('ix_team_members_updated_at'))
        batch_op.drop_index(batch_op.f('ix_team_members_team_id'))

    op.drop_table('team_members')
    with op.batch_alter_table('team_activities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_activities_updated_at'))
        batch_op.drop_index(batch_op.f('ix_team_activities_team_id'))

    op.drop_table('team_activities')
    with op.batch_alter_table('open_calls', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_open_calls_updated_at'))
        batch_op.drop_index(batch_op.f('ix_open_calls_team_id'))
        batch_op.drop_index(batch_op.f('ix_open_calls_studio_id'))
        batch_op.drop_index(batch_op.f('ix_open_calls_poster_id'))

    op.drop_table('open_calls')
    with op.batch_alter_table('incubation_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incubation_requests_updated_at'))
        batch_op.drop_index(batch_op.f('ix_incubation_requests_studio_id'))
        batch_op.drop_index('ix_incubation_requests_status_changed')
        batch_op.drop_index(batch_op.f('ix_incubation_requests_requester_id'))
        batch_op.drop_index(batch_op.f('ix_incubation_requests_project_id'))

    op.drop_table('incubation_requests')
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_teams_updated_at'))
        batch_op.drop_index(batch_op.f('ix_teams_studio_id'))
        batch_op.drop_index(batch_op.f('ix_teams_leader_id'))
        batch_op.drop_index(batch_op.f('ix_teams_host_unit_id'))

    op.drop_table('teams')
    with op.batch_alter_table('alliance_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alliance_members_updated_at'))

    op.drop_table('alliance_members')
