"""All tables. Import from here so every mapper is configured before use."""
from db.base import Base
from db.models.audit import AuditLog, Tombstone
from db.models.people import Studio, Unit, User
from db.models.projects import Attachment, Comment, Project, ProjectMember, Review, Vote
from db.models.system import Draft, Notification, SearchQueue, Setting

__all__ = [
    "Base", "AuditLog", "Tombstone", "Studio", "Unit", "User", "Attachment", "Comment", "Project",
    "ProjectMember", "Review", "Vote", "Draft", "Notification", "SearchQueue", "Setting",
]
