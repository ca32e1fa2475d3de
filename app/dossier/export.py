"""Export use cases: one dossier, a batch of dossiers, with progress and cancel.

    export_dossier(bank, actor, "CX-2025-...", "out.pdf", template="company_archive")
    export_batch(bank, actor, BatchFilter(studio="...", statuses=("adopted",), year=2025),
                 "out_dir/" or "all.pdf", combined=False, progress=fn, cancelled=fn)

``progress(done, total)`` is called after each dossier; ``cancelled()`` is
polled before each one (Orange-style: a callable that returns True once the
user pressed cancel). A cancelled batch keeps the dossiers already written
(each is a complete file) and says so in its result; a cancelled combined
export writes nothing.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from app.core.actor import Actor
from app.core.bank import Bank
from app.core.permissions import check, studio_subject
from app.core.queries import ProjectFilter, list_ids
from app.core.vocab import parse_category, parse_status
from app.dossier.errors import DossierError, NotFound, t
from app.dossier.gather import gather, gather_many
from app.dossier.model import DossierData
from app.dossier.render import CancelFn, Cancelled, ProgressFn, RenderResult, render_combined, render_dossier
from db.models import Studio, Unit


@dataclass(frozen=True)
class BatchFilter:
    studio: str | None = None           # studio name (or id)
    statuses: tuple[str, ...] = ()      # codes or labels: adopted / 已采纳
    categories: tuple[str, ...] = ()
    year: int | None = None             # projects created in that year


@dataclass
class BatchResult:
    total: int
    files: list[Path] = field(default_factory=list)
    pages: int = 0
    cancelled: bool = False
    seconds: float = 0.0
    image_problems: list[tuple[str, str, str]] = field(default_factory=list)  # (number, file, reason)
    glyph_problems: list[tuple[str, str, str]] = field(default_factory=list)  # (number, field, characters)


def export_dossier(bank: Bank, actor: Actor, ref: str, target: str | Path, *,
                   template: str | None = None) -> RenderResult:
    """The dossier of one project (by number or id) as a PDF file."""
    return render_dossier(gather(bank, actor, ref), target, template=template)


def glyph_note(number: str, field_label: str, chars: str) -> str:
    """The export report's line for characters no installed font can draw."""
    return t("注意：{no} 的“{f}”中有本机字体无法显示的字符 {c}：已印为方框（复制、搜索仍是原字）。"
             "安装含 CJK 扩展 B 的字体（Debian：fonts-hanazono；Windows：SimSun-ExtB）后重新导出。",
             "note: {no}: '{f}' has characters no installed font can draw: {c}; printed as boxes (copying and "
             "search keep the text). Install a font with CJK Extension B (Debian: fonts-hanazono; Windows: "
             "SimSun-ExtB) and export again.", no=number, f=field_label, c=chars)


def organisation_name(bank: Bank, actor: Actor) -> str:
    """The organisation that exports: the top of the exporter's unit tree, else the one top unit of
    the bank; "" when neither tells (a combined PDF's author, issue 16)."""
    with bank.session() as s:
        parents = dict(s.execute(select(Unit.id, Unit.parent_id)).all())
        names = dict(s.execute(select(Unit.id, Unit.name)).all())
    unit, seen = actor.unit_id, set()
    while unit is not None and parents.get(unit) is not None and unit not in seen:
        seen.add(unit)
        unit = parents[unit]
    if unit in names:
        return names[unit]
    roots = [u for u, parent in parents.items() if parent is None]
    return names[roots[0]] if len(roots) == 1 else ""


def studio_id_by_name(bank: Bank, name: str) -> str:
    with bank.session() as s:
        sid = s.scalar(select(Studio.id).where((Studio.name == name) | (Studio.id == name)))
    if sid is None:
        raise NotFound(t("没有名为“{name}”的工作室。", "No studio named '{name}'.", name=name))
    return sid


def project_filter(bank: Bank, actor: Actor, f: BatchFilter) -> ProjectFilter:
    """The store's filter for a batch; leaders are held to their own studio, and nobody's batch or
    report holds a project its maker may not see (a secret one, someone else's draft)."""
    studio_id = studio_id_by_name(bank, f.studio) if f.studio else None
    if studio_id is None and actor.role == "leader":
        studio_id = actor.studio_id  # a leader's batch is their own studio's, unless they name one
    check(actor, "studio.export_batch", studio_subject(studio_id))
    return ProjectFilter(
        statuses=tuple(parse_status(x) for x in f.statuses),
        categories=tuple(parse_category(x) for x in f.categories),
        studio_id=studio_id, year=f.year, viewer=actor,
    )


def batch_ids(bank: Bank, actor: Actor, f: BatchFilter) -> list[str]:
    return list_ids(bank, project_filter(bank, actor, f), sort="number", descending=False)


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_name(number: str, title: str) -> str:
    """CX-2025-0001_标题.pdf: safe on Windows and Linux, short enough for any file system."""
    stem = f"{number}_{' '.join(title.split())[:40]}"
    stem = _UNSAFE.sub("_", stem).strip(" ._") or "dossier"
    return stem + ".pdf"


def export_batch(bank: Bank, actor: Actor, f: BatchFilter, target: str | Path, *,
                 combined: bool = False, template: str | None = None,
                 progress: ProgressFn | None = None, cancelled: CancelFn | None = None) -> BatchResult:
    """Every project of the filter: one PDF each into folder ``target``, or one combined PDF file."""
    return export_ids(bank, actor, batch_ids(bank, actor, f), target, combined=combined, template=template,
                      progress=progress, cancelled=cancelled)


def export_ids(bank: Bank, actor: Actor, ids: list[str], target: str | Path, *,
               combined: bool = False, template: str | None = None,
               progress: ProgressFn | None = None, cancelled: CancelFn | None = None) -> BatchResult:
    """These projects (e.g. the list on screen), in this order: one PDF each into folder ``target``,
    or one combined PDF. On cancel the whole dossiers already written stay."""
    started = time.perf_counter()
    result = BatchResult(total=len(ids))
    if not ids:
        raise DossierError(t("没有符合条件的项目，未导出任何档案。",
                             "No project matches; no dossier was exported."))
    target = Path(target)
    if combined:
        items = []
        try:
            for data in gather_many(bank, actor, ids):
                if cancelled and cancelled():
                    raise Cancelled(t("已取消导出。", "Export cancelled."))
                items.append(data)
            # The story is built per dossier (progress); the layout of the whole file is one step.
            rendered = render_combined(items, target, template=template, progress=progress,
                                       cancelled=cancelled, author=organisation_name(bank, actor))
        except Cancelled:
            result.cancelled = True
        else:
            result.files = [target]
            result.pages = rendered.pages
            result.image_problems = _problems(items, rendered)
            result.glyph_problems = rendered.glyph_problems
    else:
        _make_folder(target)
        used: set[str] = set()
        for done, data in enumerate(gather_many(bank, actor, ids), start=1):
            if cancelled and cancelled():
                result.cancelled = True
                break
            name = file_name(data.number, data.title)
            if name in used:  # two projects can never share a number, but be safe with titles cut short
                name = name[:-4] + f"_{done}.pdf"
            used.add(name)
            out = target / name
            rendered = render_dossier(data, out, template=template)
            result.files.append(out)
            result.pages += rendered.pages
            result.image_problems += [(data.number, n, r) for n, r in rendered.image_problems]
            result.glyph_problems += rendered.glyph_problems
            if progress:
                progress(done, len(ids))
    result.seconds = time.perf_counter() - started
    return result


def _problems(items: list[DossierData], rendered: RenderResult) -> list[tuple[str, str, str]]:
    names = {d.photos[i].name: d.number for d in items for i in range(len(d.photos))}
    return [(names.get(n, ""), n, r) for n, r in rendered.image_problems]


def _make_folder(target: Path) -> None:
    if target.suffix.lower() == ".pdf":
        raise DossierError(t("逐项导出需要一个文件夹，而不是 {path}；合并为一个 PDF 请加 --combined。",
                             "Exporting one PDF each needs a folder, not {path}; add --combined for one PDF.",
                             path=target))
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DossierError(t("无法创建文件夹 {path}：{err}", "Cannot create the folder {path}: {err}",
                             path=target, err=exc.strerror or exc)) from None
