"""All tables. Import from here so every mapper is configured before use."""
from db.base import Base
from db.models.audit import AuditHead, AuditLog, Tombstone
from db.models.campaigns import Campaign, CampaignEntry
from db.models.dispatch import DispatchReport, DispatchTarget, DispatchTask
from db.models.incubation import IncubationRequest, Milestone, MilestoneUpdate
from db.models.ledger import StudioRecord
from db.models.people import Studio, Unit, User
from db.models.projects import Attachment, Comment, Project, ProjectMember, ProjectMerge, ProjectStage, Review, Vote
from db.models.sites import PackageLog, PackagePeer, SiteKey
from db.models.sync import Blob, BlobChunk, SyncConflict, SyncCounter, SyncCursor, SyncPending
from db.models.system import Draft, Notification, Setting
from db.models.teams import (
    AllianceMember,
    CallApplication,
    OpenCall,
    Team,
    TeamActivity,
    TeamMember,
    TeamPartner,
    TeamProject,
)

__all__ = [
    "Base", "AuditHead", "AuditLog", "Tombstone", "Studio", "Unit", "User", "Attachment", "Comment", "Project",
    "ProjectMember", "ProjectMerge", "ProjectStage", "Review", "Vote", "Draft", "Notification", "Setting",
    "Blob", "BlobChunk", "SyncConflict", "SyncCounter", "SyncCursor", "SyncPending",
    "AllianceMember", "CallApplication", "OpenCall", "Team", "TeamActivity", "TeamMember", "TeamPartner", "TeamProject",
    "IncubationRequest", "Milestone", "MilestoneUpdate", "StudioRecord", "PackageLog", "PackagePeer", "SiteKey",
    "DispatchTask", "DispatchTarget", "DispatchReport", "Campaign", "CampaignEntry",
]
