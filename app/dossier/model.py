"""What a dossier shows, as plain data, and the content hash that verifies it.

DossierData is filled from the database by gather.py and laid out by
render.py; tests build it by hand. The verification code is the sha256 of a
canonical JSON of the project's *content*: what the dossier states about the
project. Presentation (template, export time, where files sit on this disk) is
left out, so re-exporting an unchanged project gives the same code on any
machine.
"""
from __future__ import annotations

import hashlib
import json
import math
import unicodedata
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from datetime import date, datetime, timezone
from pathlib import Path

HASH_FORMAT = 1  # bump when the canonical form changes; old codes then say so

CONFIDENTIALITY = {"public": "公开", "internal": "内部", "secret": "秘密"}
PATENT_KINDS = {"invention": "发明", "utility": "实用新型", "utility_model": "实用新型", "design": "外观设计"}
DECISIONS = {"adopt": "采纳", "reject": "不采纳", "not_adopt": "不采纳"}
RUBRIC = {  # review rubric keys in the order the forms print them
    "creativity": "创新性",
    "practicality": "实用性",
    "economic": "经济效益",
    "social": "社会效益",
    "promotion": "推广价值",
}


@dataclass
class Photo:
    path: Path | None  # None when the attachment file is missing from the data folder
    name: str
    sha256: str = ""
    stage: str = "before"  # before | after


@dataclass
class Patent:
    number: str = ""
    kind: str = ""
    status: str = ""
    title: str = ""


@dataclass
class Award:
    name: str = ""
    level: str = ""
    year: int | str | None = None


@dataclass
class TeamMember:
    name: str
    unit: str = ""
    skill_grade: str = ""
    role: str = ""
    honours: list[str] = field(default_factory=list)


@dataclass
class ReviewOpinion:
    reviewer: str
    scores: dict[str, float] = field(default_factory=dict)
    total: float | None = None
    decision: str | None = None  # adopt | reject | None
    reason: str = ""
    at: date | datetime | None = None


@dataclass
class IncubationEvent:
    at: date | datetime | None
    stage: str
    description: str = ""


@dataclass
class AttachmentInfo:
    name: str
    kind: str = "other"
    size: int = 0
    sha256: str = ""
    mime: str = ""


@dataclass
class DossierData:
    # cover and basic information
    project_id: str
    number: str
    title: str
    category: str = ""          # label as printed, e.g. 小革新
    status: str = ""            # label as printed, e.g. 已采纳
    confidentiality: str = "internal"
    studio_name: str = ""
    studio_logo: Path | None = None
    units: list[str] = field(default_factory=list)
    proposer: str = ""
    tags: list[str] = field(default_factory=list)
    # Aware datetimes from the store (hashed in UTC, printed in local time) or plain dates.
    submitted_at: date | datetime | None = None
    decided_at: date | datetime | None = None
    completed_at: date | datetime | None = None
    # sections
    background: str = ""
    solution: str = ""
    innovation_points: list[str] = field(default_factory=list)
    implementation: str = ""
    photos: list[Photo] = field(default_factory=list)
    indicators: str = ""
    promotion: str = ""
    expected_benefit: float | None = None  # yuan per year, estimated
    measured_benefit: float | None = None  # yuan per year
    benefit_basis: str = ""
    investment: float | None = None        # yuan
    social_benefit: str = ""
    patents: list[Patent] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    team: list[TeamMember] = field(default_factory=list)  # ranked by contribution
    reviews: list[ReviewOpinion] = field(default_factory=list)
    incubation: list[IncubationEvent] = field(default_factory=list)
    attachments: list[AttachmentInfo] = field(default_factory=list)
    # presentation only: not hashed
    generated_at: datetime | None = None
    export_date: date | None = None

    @property
    def payback_years(self) -> float | None:
        """Investment divided by the yearly benefit; None when it can't be computed."""
        if not self.investment or not self.measured_benefit or self.measured_benefit <= 0:
            return None
        if math.isnan(self.investment) or math.isnan(self.measured_benefit):
            return None
        return self.investment / self.measured_benefit

    @property
    def confidentiality_label(self) -> str:
        return CONFIDENTIALITY.get(self.confidentiality, self.confidentiality)

    @property
    def photos_before(self) -> list[Photo]:
        return [p for p in self.photos if p.stage == "before"]

    @property
    def photos_after(self) -> list[Photo]:
        return [p for p in self.photos if p.stage == "after"]

    # -- verification -----------------------------------------------------

    def content(self) -> dict[str, object]:
        """The hashed content, one entry per dossier field, in canonical form."""
        out: dict[str, object] = {}
        for f in fields(self):
            if f.name in _NOT_CONTENT:
                continue
            value = getattr(self, f.name)
            if f.name == "photos":  # the file's identity, not where it sits on this disk
                value = [{"name": p.name, "sha256": p.sha256, "stage": p.stage} for p in value]
            out[f.name] = _canonical(value)
        return out

    def field_hashes(self) -> dict[str, str]:
        """A short hash per field, stored in the PDF so verify can say what changed."""
        return {name: _sha256(_dumps(value))[:16] for name, value in self.content().items()}

    def content_hash(self) -> str:
        """The verification code: sha256 hex of the canonical JSON of the content."""
        return _sha256(_dumps({"format": HASH_FORMAT, "content": self.content()}))


_NOT_CONTENT = {"studio_logo", "generated_at", "export_date"}

FIELD_LABELS = {  # for "what changed" messages, zh first
    "project_id": "项目标识", "number": "项目编号", "title": "项目名称", "category": "类别",
    "status": "状态", "confidentiality": "密级", "studio_name": "工作室", "units": "完成单位",
    "proposer": "提出人", "tags": "标签", "submitted_at": "提交日期", "decided_at": "评审日期",
    "completed_at": "完成日期", "background": "项目背景", "solution": "解决方案",
    "innovation_points": "创新点", "implementation": "实施过程", "photos": "实施照片",
    "indicators": "技术经济指标", "promotion": "推广应用", "expected_benefit": "预期效益",
    "measured_benefit": "经济效益", "benefit_basis": "效益计算依据", "investment": "投入",
    "social_benefit": "社会效益", "patents": "专利", "awards": "获奖", "team": "团队成员",
    "reviews": "评审意见", "incubation": "孵化历程", "attachments": "附件",
}


Canonical = None | bool | str | int | dict[str, "Canonical"] | list["Canonical"]  # JSON-ready


def _canonical(value: object) -> Canonical:
    """JSON-ready value that is the same for the same content on any machine and database."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        # Windows line ends and composed/decomposed forms are the same text.
        return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        # Money to the fen; SQLite and PostgreSQL may round trip floats differently.
        return f"{value:.2f}"
    if isinstance(value, datetime):
        # The same instant on every machine: UTC, whole seconds (SQLite and PostgreSQL
        # keep different sub-second precision). Naive values from the store are UTC.
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return _canonical(asdict(value))
    return _canonical(str(value))


def _dumps(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
