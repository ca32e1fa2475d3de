"""Page furniture and document plumbing shared by every dossier layout.

- DossierCanvas keeps every page until the end so the footer can say
  "第 x 页 共 y 页", counted per dossier when several share one PDF.
- DossierDocTemplate turns headings into TOC entries and PDF bookmarks and
  writes the verification data into the PDF's document information.
"""
from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import IO, Any, Protocol, TypedDict, cast

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from app.dossier.rl_compat import MergedParagraph, keep_page, restore_page, set_info_extras
from app.dossier.templates import DossierTemplate
from app.dossier.text import one_line

PAGE_W, PAGE_H = A4
MARGIN_X = 25 * mm
MARGIN_TOP = 27 * mm
MARGIN_BOTTOM = 24 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X
CONTENT_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM

META_KEY = "IdeaBankDossiers"      # custom document-information entry (JSON)
KEYWORD_PREFIX = "ideabank-verify:"


@dataclass
class PageInfo:
    """What the running header and footer of a dossier's pages show."""
    number: str
    code: str
    confidentiality: str
    group: int = 0


TocSlotPlace = tuple[int, float, float, float, float]  # (slot index, x, y, width, height)


class MarkedCanvas(Protocol):
    """What the flowables below leave on the canvas for its pages (canvas_class's DossierCanvas)."""

    _ib_info: PageInfo | None
    _ib_cover: bool
    _ib_toc_slot: TocSlotPlace | None


class DossierStart(Flowable):
    """Invisible marker: the pages from here on belong to this dossier."""

    def __init__(self, info: PageInfo):
        super().__init__()
        self.info = info
        self.width = self.height = 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        cast(MarkedCanvas, self.canv)._ib_info = self.info


class Para(MergedParagraph):
    """The dossier's paragraph: text runs merged (rl_compat.MergedParagraph)."""


class Heading(Paragraph):
    """A section title: listed in the TOC, bookmarked, underlined in the accent colour."""

    def __init__(self, markup: str, style: ParagraphStyle, *, toc_text: str, level: int, key: str, accent: Color,
                 bar: bool, in_toc: bool = True):
        super().__init__(markup, style)
        self.toc_text = toc_text  # plain text
        self.outline_text = one_line(toc_text)
        self.level = level
        self.key = key
        self.accent = accent
        self.bar = bar
        self.in_toc = in_toc

    def draw(self) -> None:
        c = self.canv
        c.bookmarkHorizontal(self.key, 0, self.height + 8)  # jump to the title, not the page top
        c.saveState()
        # The CJK font has no bold face: fill + stroke the glyphs (text render mode 2).
        c.addLiteral("2 Tr")
        c.setLineWidth(0.35)
        c.setStrokeColor(self.accent)
        super().draw()
        c.restoreState()
        c.saveState()
        c.setStrokeColor(self.accent)
        if self.bar:  # archive style: a solid block left of the title
            c.setFillColor(self.accent)
            c.rect(-9, 2, 3.5, self.height - 5, stroke=0, fill=1)
        c.setLineWidth(2)
        c.line(0, -3, 42, -3)
        c.setLineWidth(0.4)
        c.line(42, -3, self.width, -3)
        c.restoreState()


TOC_LEADING = 24  # points per TOC line; capacity of a slot = its height // this


class TocSlot(Flowable):
    """Keeps the rest of a page for table-of-contents lines.

    The lines are drawn when the canvas is saved, once every heading's page is
    known; so one layout pass is enough (multiBuild's second pass was ~40% of
    the time of a dossier). render.toc_slots() reserves enough pages.
    """

    def __init__(self, index: int):
        super().__init__()
        self.index = index

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, max(ah - 1, 0)
        return self.width, self.height

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        cast(MarkedCanvas, canvas)._ib_toc_slot = (self.index, x, y, self.width, self.height)


class AtBottom(Flowable):
    """Takes the rest of the frame and draws its content at the bottom (cover footers)."""

    def __init__(self, inner: Flowable):
        super().__init__()
        self.inner = inner

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        _, h = self.inner.wrap(aw, ah)
        self._inner_h = h
        self.width = aw
        self.height = max(h, ah - 1)
        return self.width, self.height

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0, 0)


class SealPlace(Flowable):
    """A dashed circle where the union's seal is pressed."""

    def __init__(self, label: str, font: str, diameter: float = 36 * mm):
        super().__init__()
        self.label, self.font, self.d = label, font, diameter
        self.width = self.height = diameter

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(colors.HexColor("#B8B8B8"))
        c.setDash(3, 3)
        c.setLineWidth(0.8)
        r = self.d / 2
        c.circle(r, r, r - 1)
        c.setFillColor(colors.HexColor("#9A9A9A"))
        c.setFont(self.font, 9)
        c.drawCentredString(r, r - 3, self.label)
        c.restoreState()


class BoldTitle(Flowable):
    """Centred display title. The CJK font has no bold face: fill + stroke thickens it."""

    def __init__(self, text: str, font: str, size: float, color: Color, *, spacing: float = 0):
        super().__init__()
        self.text, self.font, self.size, self.color, self.spacing = text, font, size, color, spacing

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = self.size * 1.35
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(self.color)
        c.setStrokeColor(self.color)
        c.setLineWidth(self.size / 36)
        text = c.beginText()
        text.setTextRenderMode(2)
        text.setFont(self.font, self.size)
        text.setCharSpace(self.spacing)
        w = c.stringWidth(self.text, self.font, self.size) + self.spacing * max(len(self.text) - 1, 0)
        text.setTextOrigin((self.width - w) / 2, self.size * 0.3)
        text.textOut(self.text)
        c.drawText(text)
        c.restoreState()


class QRCode(Flowable):
    """A QR code drawn straight onto the canvas.

    reportlab's QrCodeWidget builds one shape object per dark run and renders
    them through the graphics framework: ~100 ms per code, which alone would
    break the 5-dossiers-a-second budget. The module matrix is computed once
    and drawn as one path.
    """

    BORDER = 2  # quiet zone in modules; the page margin around it adds the rest

    def __init__(self, payload: str, size: float):
        super().__init__()
        self.width = self.height = size
        self._runs = _qr_runs(payload)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        count, runs = self._runs
        box = self.width / (count + 2 * self.BORDER)
        c = self.canv
        c.saveState()
        c.setFillColor(colors.black)
        path = c.beginPath()
        for row, col, length in runs:
            path.rect((col + self.BORDER) * box, self.height - (row + self.BORDER + 1) * box,
                      length * box, box)
        c.drawPath(path, stroke=0, fill=1)
        c.restoreState()


@lru_cache(maxsize=256)
def _qr_runs(payload: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(payload)
    qr.make()
    runs = []
    for r, row in enumerate(qr.modules):
        c = 0
        for dark, group in itertools.groupby(bool(x) for x in row):
            n = len(list(group))
            if dark:
                runs.append((r, c, n))
            c += n
    count: int = qr.getModuleCount()  # type: ignore[no-untyped-call]  # unannotated in types-reportlab
    return count, tuple(runs)


def draw_runs(canv: Canvas, x: float, y: float, text: str, font: str, size: float) -> float:
    """drawString with the glyph router's font per run (℃, emoji...); returns the end x."""
    from app.dossier.fonts import glyph_router

    for name, run in glyph_router().runs(text):
        name = name or font
        canv.setFont(name, size)
        canv.drawString(x, y, run)
        x += canv.stringWidth(run, name, size)
    return x


def _fit(text: str, font: str, size: float, room: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text + "…"


def canvas_class(template: DossierTemplate, font: str) -> type[Canvas]:
    """A Canvas class that draws header and footer once the page count is known."""

    class DossierCanvas(Canvas):
        def __init__(self, *args: Any, **kw: Any) -> None:
            super().__init__(*args, **kw)
            self._pages: list[dict[str, Any]] = []
            self._ib_info: PageInfo | None = None
            self._ib_cover = False
            self._ib_marks: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
            self._ib_toc_slot: TocSlotPlace | None = None
            self._ib_toc: list[tuple[int, str, int, str]] = []  # (level, text, page, key); shared by all pages

        def showPage(self) -> None:
            self._pages.append(keep_page(self))
            self._ib_marks = []
            self._ib_toc_slot = None

        def bookmarkPage(self, key: str, *args: Any, **kw: Any) -> None:  # type: ignore[override]  # no Destination yet: save() makes it
            # The real pages are only emitted in save(); a destination made now
            # would point at page 1. Remember it and make it on its page.
            self._ib_marks.append((key, args, kw))

        def save(self) -> None:
            totals: dict[int, int] = {}
            for state in self._pages:
                info = state.get("_ib_info")
                group = info.group if info else -1
                totals[group] = totals.get(group, 0) + 1
            seen: dict[int, int] = {}
            toc_left = list(self._ib_toc)
            for absolute, state in enumerate(self._pages, start=1):
                restore_page(self, state)
                info = self._ib_info
                group = info.group if info else -1
                seen[group] = seen.get(group, 0) + 1
                for key, args, kw in self._ib_marks:
                    Canvas.bookmarkPage(self, key, *args, **kw)
                if self._ib_toc_slot is not None:
                    toc_left = self._draw_toc(self._ib_toc_slot, toc_left)
                if not self._ib_cover:
                    self._furniture(info, seen[group], totals[group],
                                    absolute if len(self._pages) > totals[group] else None)
                Canvas.showPage(self)
            Canvas.save(self)

        def _draw_toc(self, slot: TocSlotPlace,
                      entries: list[tuple[int, str, int, str]]) -> list[tuple[int, str, int, str]]:
            """TOC lines into this page's slot; returns the entries for the next slot."""
            _, x, y, width, height = slot
            fits = int(height // TOC_LEADING)
            here, rest = entries[:fits], entries[fits:]
            top = y + height
            for i, (level, text, page, key) in enumerate(here):
                size = 11.5 if level == 0 else 10
                color = colors.HexColor("#1A1A1A") if level == 0 else colors.HexColor("#555555")
                baseline = top - (i + 1) * TOC_LEADING + 7
                left = x + (8 if level == 0 else 28)
                number = str(page)
                num_w = self.stringWidth(number, font, size)
                room = x + width - num_w - 14 - left
                text = _fit(text, font, size, room)
                self.setFillColor(color)
                end = draw_runs(self, left, baseline, text, font, size)
                self.setFont(font, size)
                self.drawRightString(x + width, baseline, number)
                leader = ". "
                unit = self.stringWidth(leader, font, size)
                count = int((x + width - num_w - 6 - (end + 6)) // unit)
                if count > 0:  # one string of dots, right-aligned against the page number
                    self.drawRightString(x + width - num_w - 4, baseline, leader * count)
                # Named: the annotation counter lives in the page state this loop keeps restoring.
                self.linkRect("", key, (left, baseline - 5, x + width, baseline + size), relative=0,
                              name=f"toc-{key}")
            return rest

        def _furniture(self, info: PageInfo | None, page: int, total: int, absolute: int | None) -> None:
            self.saveState()
            top = PAGE_H - 15 * mm
            self.setFont(font, 8.5)
            self.setFillColor(colors.HexColor("#555555"))
            self.drawString(MARGIN_X, top, template.doc_title)
            if info:
                self.drawRightString(PAGE_W - MARGIN_X, top, f"编号：{info.number}")
            self.setStrokeColor(template.accent)
            self.setLineWidth(0.8)
            self.line(MARGIN_X, top - 4, PAGE_W - MARGIN_X, top - 4)
            self.setLineWidth(0.3)
            self.line(MARGIN_X, top - 6, PAGE_W - MARGIN_X, top - 6)

            bottom = 12 * mm
            self.setStrokeColor(colors.HexColor("#BBBBBB"))
            self.line(MARGIN_X, bottom + 10, PAGE_W - MARGIN_X, bottom + 10)
            self.setFont(font, 9)
            self.setFillColor(colors.HexColor("#333333"))
            label = f"第 {page} 页  共 {total} 页"
            if absolute:  # a combined export: the TOC and viewers count pages of the whole file
                label += f"（总第 {absolute} 页）"
            self.drawCentredString(PAGE_W / 2, bottom, label)
            self.setFont(font, 7.5)
            self.setFillColor(colors.HexColor("#777777"))
            if info:
                self.drawString(MARGIN_X, bottom, f"校验码 {info.code[:16]}")
                self.drawRightString(PAGE_W - MARGIN_X, bottom, f"密级：{info.confidentiality}")
            self.restoreState()

    return DossierCanvas


class DossierMeta(TypedDict):
    """What the PDF records of each dossier in it, for verification (the META_KEY entry, JSON)."""
    project_id: str
    number: str
    code: str
    format: int
    fields: dict[str, str]
    template: str


@dataclass
class DocMeta:
    title: str
    author: str
    subject: str
    keywords: str
    dossiers: list[DossierMeta] = field(default_factory=list)


class DossierDocTemplate(BaseDocTemplate):
    def __init__(self, target: str | IO[bytes], meta: DocMeta, font: str, **kw: Any):
        super().__init__(
            target, pagesize=A4,
            leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
            title=meta.title, author=meta.author, subject=meta.subject, keywords=[meta.keywords],
            creator="Idea Bank 创新智慧库", initialFontName=font, **kw,
        )
        self._meta = meta
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_W, CONTENT_H, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        cover_frame = Frame(MARGIN_X, 18 * mm, CONTENT_W, PAGE_H - 36 * mm, id="cover",
                            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate(id="cover", frames=[cover_frame], onPage=_mark_cover(True)),
            PageTemplate(id="body", frames=[frame], onPage=_mark_cover(False)),
        ])

    def beforeDocument(self) -> None:
        if not self._meta.dossiers:  # a report, not a dossier: nothing to verify
            return
        set_info_extras(self.canv, {META_KEY: json.dumps(self._meta.dossiers, ensure_ascii=True,
                                                         separators=(",", ":"))})

    def afterFlowable(self, flowable: Flowable) -> None:
        toc = getattr(self.canv, "_ib_toc", None)
        if isinstance(flowable, Heading):
            self.canv.addOutlineEntry(flowable.outline_text, flowable.key, flowable.level)
            if flowable.in_toc and toc is not None:
                toc.append((flowable.level, flowable.toc_text, self.page, flowable.key))
        elif isinstance(flowable, Bookmark) and flowable.toc_text and toc is not None:
            toc.append((flowable.level, flowable.toc_text, self.page, flowable.key))


def _mark_cover(is_cover: bool) -> Callable[[Canvas, BaseDocTemplate], None]:
    def on_page(canv: Canvas, doc: BaseDocTemplate) -> None:
        cast(MarkedCanvas, canv)._ib_cover = is_cover
    return on_page


class Bookmark(Flowable):
    """An outline entry (the cover, the TOC page), in the TOC only when given toc_text."""

    def __init__(self, title: str, key: str, level: int = 0, toc_text: str | None = None):
        super().__init__()
        self.title, self.key, self.level = title, key, level
        self.toc_text = toc_text  # plain text; None keeps it out of the TOC
        self.width = self.height = 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, self.level, closed=self.level == 0 and
                                  self.toc_text is not None)
