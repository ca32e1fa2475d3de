"""The dossier layouts on offer: what differs between them is data, not code."""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors

from app.dossier.errors import DossierError, t


@dataclass(frozen=True)
class DossierTemplate:
    key: str
    label: str                    # shown in menus and the CLI help
    doc_title: str                # running header and PDF subject
    cover_lines: tuple[str, ...]  # the big title on the cover
    cover_subtitle: str
    accent: colors.Color
    accent_light: colors.Color
    chinese_numbers: bool         # 一、二、 vs 1 2
    sections: tuple[str, ...]
    archive_register: bool = False


SECTION_TITLES = {
    "basic": "基本信息",
    "background": "项目背景",
    "solution": "主要内容与技术方案",
    "innovation": "创新点",
    "implementation": "实施情况",
    "indicators": "技术经济指标",
    "promotion": "推广应用情况",
    "benefit": "经济效益与社会效益",
    "patents": "专利与获奖情况",
    "team": "主要完成人员（按贡献排序）",
    "reviews": "评审意见",
    "incubation": "孵化历程",
    "attachments": "附件清单",
    "register": "归档登记",
    "declaration": "真实性承诺书",
}

_BODY = ("basic", "background", "solution", "innovation", "implementation", "indicators")

TEMPLATES = {
    "national_wuxiao": DossierTemplate(
        key="national_wuxiao",
        label="职工“五小”创新成果申报书",
        doc_title="职工“五小”创新成果申报书",
        cover_lines=("职工“五小”创新成果", "申 报 书"),
        cover_subtitle="",
        accent=colors.HexColor("#9E1B1B"),
        accent_light=colors.HexColor("#F7ECEA"),
        chinese_numbers=True,
        sections=_BODY + ("benefit", "promotion", "patents", "team", "reviews", "incubation",
                          "attachments", "declaration"),
    ),
    "company_archive": DossierTemplate(
        key="company_archive",
        label="企业创新成果档案",
        doc_title="创新成果档案",
        cover_lines=("创新成果档案",),
        cover_subtitle="INNOVATION ACHIEVEMENT RECORD",
        accent=colors.HexColor("#1F3A5F"),
        accent_light=colors.HexColor("#E9EEF5"),
        chinese_numbers=False,
        sections=_BODY + ("promotion", "benefit", "patents", "team", "reviews", "incubation",
                          "attachments", "register", "declaration"),
        archive_register=True,
    ),
}
DEFAULT_TEMPLATE = "national_wuxiao"

_CN = "一二三四五六七八九十"


def section_number(template: DossierTemplate, index: int) -> str:
    """1-based index as the template prints it: 一、 / 十二、 or 1 / 12."""
    if not template.chinese_numbers:
        return f"{index}"
    if index <= 10:
        return _CN[index - 1] + "、"
    tens, ones = divmod(index, 10)
    return ("" if tens == 1 else _CN[tens - 1]) + "十" + (_CN[ones - 1] if ones else "") + "、"


def get_template(key: str | None) -> DossierTemplate:
    try:
        return TEMPLATES[key or DEFAULT_TEMPLATE]
    except KeyError:
        raise DossierError(t(
            "未知的档案模板：{key}（可选：{choices}）",
            "Unknown dossier template: {key} (choose from: {choices})",
            key=key, choices=", ".join(TEMPLATES),
        )) from None
