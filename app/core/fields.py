"""Validation and normalisation of project fields, shared by the forms, the CLI and imports.

`clean_project_fields` returns the cleaned values and a {field: message} dict of problems, so a
form can show each message next to its field as the user types.

Text rules for every value a person or a file supplies (`text_problem`, `clean_text`): a NUL
character or a lone surrogate (invalid UTF-8 decoded with surrogateescape, or a JSON "\\ud800") is
refused; terminal control sequences (ESC [ ... m and the like) and other control characters are
removed, except newline and tab; CR LF and lone CR become LF. The same rules run on every string a
write session stores (`clean_stored`, hooked into `Bank.write`), so comments, names, team notes
and anything added later get them without repeating the check.
"""
from __future__ import annotations

import math
import re
from typing import Any

from app.core.errors import ValidationError
from app.core.i18n import t
from app.core.vocab import MAX_INNOVATION_POINTS, parse_category, parse_confidentiality

# ESC sequences first (CSI such as ESC [ 3 1 m, OSC up to BEL or ESC \\, two-character ones), so
# no "[31m" is left behind once the ESC is gone; then any other C0/C1 control except \t and \n.
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[ -/]*[0-~])|\x9b[0-?]*[ -/]*[@-~]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_REFUSED = re.compile(r"[\x00\ud800-\udfff]")
_SUSPECT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")  # anything clean_text would touch

TEXT_LIMITS = {
    "title": 200, "background": 20000, "solution": 20000, "implementation": 20000, "indicators": 20000,
    "promotion": 20000, "benefit_basis": 5000, "social_benefit": 20000,
}
NUMBER_FIELDS = ("expected_benefit", "measured_benefit", "investment")
EDITABLE_FIELDS = (
    "title", "category", "background", "solution", "innovation_points", "implementation", "indicators",
    "promotion", "expected_benefit", "measured_benefit", "benefit_basis", "investment", "social_benefit",
    "tags", "patents", "awards", "confidentiality", "studio_id",
)
MAX_TAGS = 20
MAX_TAG_LEN = 30

# One vocabulary for a project's fields: forms, CLI messages and the column headers of imports and
# exports (app/core/transfer_files.py), Chinese first.
FIELD_NAMES = {
    "id": ("标识", "ID"), "number": ("项目编号", "Number"),
    "title": ("标题", "Title"), "category": ("分类", "Category"), "status": ("状态", "Status"),
    "background": ("背景", "Background"), "solution": ("解决方案", "Solution"),
    "innovation_points": ("创新点", "Innovation points"), "implementation": ("实施情况", "Implementation"),
    "indicators": ("技术经济指标", "Indicators"), "promotion": ("推广应用", "Promotion"),
    "expected_benefit": ("预期经济效益", "Expected benefit"), "measured_benefit": ("实测经济效益", "Measured benefit"),
    "benefit_basis": ("效益计算依据", "Benefit basis"), "investment": ("投入", "Investment"),
    "social_benefit": ("社会效益", "Social benefit"), "tags": ("标签", "Tags"), "patents": ("专利", "Patents"),
    "awards": ("获奖", "Awards"), "confidentiality": ("密级", "Confidentiality"), "studio": ("工作室", "Studio"),
    "studio_id": ("工作室", "Studio"), "proposer": ("提出人工号", "Proposer"), "co_authors": ("合作者工号", "Co-authors"),
    "kiosk": ("自助终端提交", "Kiosk"), "created_at": ("创建时间", "Created"), "updated_at": ("更新时间", "Updated"),
    "submitted_at": ("提交时间", "Submitted"), "decided_at": ("评审时间", "Decided"),
    "completed_at": ("完成时间", "Completed"),
}


def field_name(field: str) -> str:
    zh, en = FIELD_NAMES.get(field, (field, field))
    return t(zh, en)


def text_problem(text: str) -> str | None:
    """Why this text cannot be stored at all, or None."""
    found = _REFUSED.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return t("含有空字符（NUL，\\0），请删除后重试。", "contains a NUL character (\\0); remove it and try again.")
    return t("含有无效字符（不是有效的 UTF-8 / Unicode，常见于损坏的文件或错误的编码），请改正后重试。",
             "contains characters that are not valid Unicode (not valid UTF-8: a damaged file or a wrong "
             "encoding); correct it and try again.")


def clean_text(text: str) -> str:
    """The text without terminal control sequences and control characters (newline and tab stay).
    Call text_problem first: NUL and lone surrogates are refused, not cleaned."""
    if _SUSPECT.search(text) is None:
        return text  # the common case: nothing to do
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def checked_text(value: Any, what: str) -> str:
    """`value` as clean text, or ValidationError naming `what` (a field name a person understands)."""
    text = "" if value is None else str(value)
    problem = text_problem(text)
    if problem:
        raise ValidationError(f"{what}: {problem}")
    return clean_text(text)


def clean_stored(value: Any) -> Any:
    """A value about to be stored (text, or a JSON list/dict holding text), cleaned the same way;
    ValueError (the message of text_problem) for what cannot be stored. Values that need nothing
    come back as the very same object, so callers can tell whether anything changed."""
    if isinstance(value, str):
        if _SUSPECT.search(value) is None:
            return value
        problem = text_problem(value)
        if problem:
            raise ValueError(problem)
        return clean_text(value)
    if isinstance(value, list):
        items = [clean_stored(v) for v in value]
        return value if all(a is b for a, b in zip(items, value)) else items
    if isinstance(value, dict):
        pairs = [(clean_stored(k), clean_stored(v)) for k, v in value.items()]
        return value if all(k2 is k and v2 is v for (k2, v2), (k, v) in zip(pairs, value.items())) else dict(pairs)
    return value


def argument_problem(text: str) -> str | None:
    """Why a command-line argument is refused: what text_problem refuses, and control characters
    (an ESC sequence pasted into a shell stays out of the bank instead of being cleaned silently)."""
    problem = text_problem(text)
    if problem is None and clean_text(text) != text.replace("\r\n", "\n").replace("\r", "\n"):
        problem = t("含有控制字符，请删除后重试。", "contains a control character; remove it and try again.")
    return problem


def printable(text: str) -> str:
    """For a terminal: text stored before these rules (or arriving from elsewhere) shows its control
    characters as visible escapes instead of acting on the terminal."""
    if _SUSPECT.search(text) is None:
        return text
    return "".join(c if c in "\n\t" or not _SUSPECT.match(c) else f"\\x{ord(c):02x}" if ord(c) < 0x100
                   else f"\\u{ord(c):04x}" for c in text)


def parse_amount(value: Any) -> float | None:
    """Yuan per year from a number or text such as '12,000', '1.2万' or '３０００'. None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace(",", "").replace("，", "").replace("元", "")
        text = text.translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
        factor = 1.0
        if text.endswith("万"):
            factor, text = 10000.0, text[:-1]
        number = float(text) * factor
    if math.isnan(number) or math.isinf(number) or number < 0 or number > 1e12:
        raise ValueError(value)
    return number


def _clean_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [v for v in re.split(r"[\n;；,，、]+", value)]
    if not isinstance(value, (list, tuple)):
        raise TypeError
    out: list[str] = []
    for item in value:
        text = str(item)
        problem = text_problem(text)
        if problem:
            raise ValueError(problem)
        text = clean_text(text).strip()
        if text and text not in out:
            out.append(text)
    return out


def clean_project_fields(data: dict[str, Any], *, partial: bool = False) -> tuple[dict[str, Any], dict[str, str]]:
    """Clean `data`; with partial=True only the fields present are checked (an edit)."""
    clean: dict[str, Any] = {}
    problems: dict[str, str] = {}

    def present(field: str) -> bool:
        return field in data if partial else True

    def text_of(field: str, value: Any) -> str:
        text = "" if value is None else str(value)
        problem = text_problem(text)
        if problem:
            problems[field] = problem
            return ""
        return clean_text(text).strip()

    if present("title"):
        title = text_of("title", data.get("title") or "")
        if "title" in problems:
            pass  # refused text: that message says it
        elif not title:
            problems["title"] = t("请填写标题。", "Enter a title.")
        elif len(title) > TEXT_LIMITS["title"]:
            problems["title"] = t("标题最多 {n} 个字。", "The title can have at most {n} characters.", n=TEXT_LIMITS["title"])
        clean["title"] = title
    if present("category"):
        raw = data.get("category")
        if not raw:
            problems["category"] = t("请选择分类。", "Choose a category.")
        else:
            try:
                clean["category"] = parse_category(str(raw))
            except ValidationError as exc:
                problems["category"] = exc.message
    for field, limit in TEXT_LIMITS.items():
        if field == "title" or (partial and field not in data):
            continue
        text = text_of(field, data.get(field) or "")
        if len(text) > limit:
            problems[field] = t("最多 {n} 个字。", "At most {n} characters.", n=limit)
        clean[field] = text
    if present("innovation_points"):
        raw = data.get("innovation_points")
        try:
            # A point may contain commas, so text is split on line breaks only.
            points = _clean_list(raw.splitlines() if isinstance(raw, str) else raw)
        except TypeError:
            points = []
            problems["innovation_points"] = t("创新点应为文字列表。", "Innovation points must be a list of texts.")
        except ValueError as exc:
            points = []
            problems["innovation_points"] = str(exc)
        if len(points) > MAX_INNOVATION_POINTS:
            problems["innovation_points"] = t("创新点最多 {n} 条（现有 {k} 条）。",
                                              "At most {n} innovation points (there are {k}).",
                                              n=MAX_INNOVATION_POINTS, k=len(points))
        clean["innovation_points"] = points
    for field in NUMBER_FIELDS:
        if partial and field not in data:
            continue
        try:
            clean[field] = parse_amount(data.get(field))
        except (ValueError, TypeError):
            problems[field] = t("请输入不小于 0 的金额（元/年），例如 12000 或 1.2万。",
                                "Enter an amount of at least 0 (yuan per year), e.g. 12000.")
    if present("tags"):
        try:
            tags = _clean_list(data.get("tags"))
            if len(tags) > MAX_TAGS or any(len(x) > MAX_TAG_LEN for x in tags):
                problems["tags"] = t("最多 {n} 个标签，每个不超过 {m} 个字。", "At most {n} tags of {m} characters each.",
                                     n=MAX_TAGS, m=MAX_TAG_LEN)
            clean["tags"] = tags
        except TypeError:
            problems["tags"] = t("标签应为文字列表。", "Tags must be a list of texts.")
        except ValueError as exc:
            problems["tags"] = str(exc)
    for field in ("patents", "awards"):
        if partial and field not in data:
            continue
        value = data.get(field) or []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            problems[field] = t("格式不正确：应为对象列表。", "Must be a list of objects.")
        else:
            try:
                clean[field] = clean_stored([{str(k): ("" if v is None else v) for k, v in item.items()}
                                             for item in value])
            except ValueError as exc:
                problems[field] = str(exc)
    if "studio_id" in data:  # resolved from a studio name by the caller; absent: the proposer's studio
        clean["studio_id"] = data.get("studio_id") or None
    if present("confidentiality"):
        raw = data.get("confidentiality") or "internal"
        try:
            clean["confidentiality"] = parse_confidentiality(str(raw))
        except ValidationError as exc:
            problems["confidentiality"] = exc.message
    return clean, problems


def submission_problems(values: dict[str, Any]) -> dict[str, str]:
    """What a project still lacks before it can be submitted for review."""
    problems: dict[str, str] = {}
    if not (values.get("background") or "").strip():
        problems["background"] = t("提交前请填写背景（存在的问题）。", "Describe the background before submitting.")
    if not (values.get("solution") or "").strip():
        problems["solution"] = t("提交前请填写解决方案。", "Describe the solution before submitting.")
    if not values.get("innovation_points"):
        problems["innovation_points"] = t("提交前请至少填写 1 条创新点。",
                                          "Give at least one innovation point before submitting.")
    return problems


def raise_if(problems: dict[str, str], context_zh: str = "", context_en: str = "") -> None:
    if problems:
        details = [f"{field_name(f)}: {m}" for f, m in problems.items()]
        head = t("{ctx}有 {n} 处需要修改：", "{ctx}{n} field(s) need attention: ", ctx=t(context_zh, context_en),
                 n=len(problems))
        raise ValidationError(head + "；".join(details), details=details)
