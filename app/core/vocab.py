"""The domain's closed vocabularies, with their Chinese and English labels.

Codes are what the database stores and the JSON output carries; labels are what people read.
Parsers accept a code, a Chinese label or an English label.
"""
from __future__ import annotations

from app.core.errors import ValidationError
from app.core.i18n import language, t

Labels = dict[str, tuple[str, str]]

CATEGORIES: Labels = {
    "invention": ("小发明", "Small invention"),
    "creation": ("小创造", "Small creation"),
    "innovation": ("小革新", "Small innovation"),
    "design": ("小设计", "Small design"),
    "suggestion": ("小建议", "Small suggestion"),
    "tech_challenge": ("技改攻关", "Technical challenge"),
    "management": ("管理创新", "Management innovation"),
    "qc": ("QC成果", "QC result"),
}

STATUSES: Labels = {
    "draft": ("草稿", "Draft"),
    "submitted": ("已提交", "Submitted"),
    "under_review": ("评审中", "Under review"),
    "adopted": ("已采纳", "Adopted"),
    "not_adopted": ("未采纳", "Not adopted"),
    "in_progress": ("攻关中", "In progress"),
    "completed": ("已完成", "Completed"),
    "incubating": ("孵化中", "Incubating"),
    "promoted": ("已推广", "Promoted"),
}

ROLES: Labels = {
    "worker": ("职工", "Worker"),
    "leader": ("工作室领衔人", "Studio leader"),
    "base": ("孵化基地", "Incubation base"),
    "admin": ("管理员", "Administrator"),
}

STUDIO_LEVELS: Labels = {
    "national": ("国家级", "National"),
    "provincial": ("省级", "Provincial"),
    "company": ("公司级", "Company"),
    "unit": ("单位级", "Unit"),
}

UNIT_KINDS: Labels = {
    "company": ("公司", "Company"),
    "branch": ("分公司", "Branch"),
    "workshop": ("车间", "Workshop"),
    "crew": ("班组", "Crew"),
}

CONFIDENTIALITY: Labels = {
    "public": ("公开", "Public"),
    "internal": ("内部", "Internal"),
    "secret": ("秘密", "Secret"),
}

SKILL_GRADES = ["初级工", "中级工", "高级工", "技师", "高级技师", "首席技师"]

RUBRIC = {
    "creativity": ("创新性", "Creativity"),
    "practicality": ("实用性", "Practicality"),
    "economic": ("经济效益", "Economic benefit"),
    "social": ("社会效益", "Social benefit"),
    "promotion": ("推广价值", "Promotion potential"),
}
DEFAULT_RUBRIC_WEIGHTS = {"creativity": 0.25, "practicality": 0.25, "economic": 0.2, "social": 0.15, "promotion": 0.15}

MAX_INNOVATION_POINTS = 3


def label(vocab: Labels, code: str) -> str:
    zh, en = vocab.get(code, (code, code))
    return en if language() == "en" else zh


def _parse(vocab: Labels, text: str, what_zh: str, what_en: str) -> str:
    key = (text or "").strip()
    for code, (zh, en) in vocab.items():
        if key.lower() in (code, en.lower()) or key == zh:
            return code
    choices = "、".join(zh for zh, _ in vocab.values())
    raise ValidationError(
        t("未知的{what}：“{value}”。可选：{choices}", "Unknown {what}: '{value}'. Choose one of: {choices}",
          what=what_zh if language() != "en" else what_en, value=text, choices=choices if language() != "en"
          else ", ".join(vocab))
    )


def parse_category(text: str) -> str:
    return _parse(CATEGORIES, text, "分类", "category")


def parse_status(text: str) -> str:
    return _parse(STATUSES, text, "状态", "status")


def parse_role(text: str) -> str:
    return _parse(ROLES, text, "角色", "role")


def parse_level(text: str) -> str:
    return _parse(STUDIO_LEVELS, text, "工作室级别", "studio level")


def parse_confidentiality(text: str) -> str:
    return _parse(CONFIDENTIALITY, text, "密级", "confidentiality level")
