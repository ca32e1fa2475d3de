"""Dossier PDFs read back: user text comes out literally, fonts are embedded, pages are counted."""
from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
from pathlib import Path

import pypdf
import pytest

from app.dossier.demo import sample_dossier
from app.dossier.errors import DossierError
from app.dossier.layout import KEYWORD_PREFIX, META_KEY
from app.dossier.model import Photo
from app.dossier.render import Cancelled, render_combined, render_dossier

TEMPLATES = ["national_wuxiao", "company_archive"]
LONG_WORD = "A" * 2500 + "中" * 2500  # 5,000 characters without a break opportunity for Latin rules
HOSTILE = [
    "I<b>bold?</b> and I<b",
    '<img src="http://example.invalid/track.png"/>',
    "R&D &amp; P&L",
    '<font color="red" size=40>红字</font> color="#ff0000"',
    "表情😀👍🏽 ✓ ☺",
    '<a href="file:///etc/passwd">link</a>',
]


def squeeze(text: str) -> str:
    """pdftotext breaks lines wherever the layout wrapped; compare without whitespace."""
    return re.sub(r"\s+", "", text)


def pdftotext(path: Path) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                              text=True, check=True).stdout
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)


def body_text(path: Path) -> str:
    """Text of the page bodies only: running headers and footers cut away (long runs cross pages)."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) not installed")
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-r", "72", "-x", "0", "-y", "60",
                           "-W", "600", "-H", "730", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def hostile_dossier():
    d = sample_dossier(7)
    d.title = "标题 " + HOSTILE[0] + " " + HOSTILE[2]
    d.background = "\n".join(HOSTILE)
    d.solution = LONG_WORD
    big = "".join(f"第{n}段：巡检数据显示油位在{n}时波动，R&D<b>分析</b>原因并调整告警阈值。"
                  for n in range(700))
    assert len(big) >= 20_000
    d.implementation = big
    d.innovation_points = [HOSTILE[3], HOSTILE[4], "x" * 300]
    d.team[0].name = "<script>alert(1)</script>"
    d.reviews[0].reason = HOSTILE[1]
    d.patents[0].title = HOSTILE[5]
    return d, big


@pytest.fixture(scope="module", params=TEMPLATES)
def hostile_pdf(request, tmp_path_factory):
    data, big = hostile_dossier()
    out = tmp_path_factory.mktemp("pdf") / f"{request.param}.pdf"

    def no_network(*a, **k):
        raise AssertionError("a dossier must never open a connection")

    mp = pytest.MonkeyPatch()
    mp.setattr(socket.socket, "connect", no_network)
    try:
        result = render_dossier(data, out, template=request.param)
    finally:
        mp.undo()
    return out, data, big, result


def test_user_text_comes_out_literally(hostile_pdf):
    path, data, big, _ = hostile_pdf
    text = squeeze(pdftotext(path))
    for value in HOSTILE + ["<script>alert(1)</script>"]:
        assert squeeze(value) in text, value
    assert squeeze(data.title) in text


def test_long_word_wraps_and_big_field_flows_over_pages(hostile_pdf):
    path, _, big, result = hostile_pdf
    text = squeeze(body_text(path))
    assert LONG_WORD in text
    assert squeeze(big) in text
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == result.pages >= 10
    # nothing ran off the page: every text line fits the A4 width
    width = float(reader.pages[0].mediabox.width)
    layout = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                            check=True).stdout if shutil.which("pdftotext") else ""
    for x_max in re.findall(r'xMax="([\d.]+)"', layout):
        assert float(x_max) <= width - 60, "text beyond the right margin"


def test_markup_in_user_text_is_not_obeyed(hostile_pdf):
    path, *_ = hostile_pdf
    reader = pypdf.PdfReader(path)
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            assert "/URI" not in action, "a user-supplied link became live"
        resources = page.get("/Resources") or {}
        assert "/XObject" not in resources or not any(
            x.get_object().get("/Subtype") == "/Image" for x in resources["/XObject"].values()
        ), "an <img> in user text embedded an image"


def test_every_font_is_embedded(hostile_pdf):
    path, *_ = hostile_pdf
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts (poppler-utils) not installed")
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    assert rows, "no fonts at all?"
    for row in rows:
        # name type encoding emb sub uni object-id gen: emb/sub are the 4th/3rd from the end
        cols = row.split()
        assert cols[-5] == "yes" and cols[-4] == "yes", f"not embedded as a subset: {row}"
    assert any("WenQuanYi" in r or "Sim" in r or "YaHei" in r for r in rows)


def test_page_x_of_y_toc_and_bookmarks(hostile_pdf):
    path, _, _, result = hostile_pdf
    reader = pypdf.PdfReader(path)
    n = len(reader.pages)
    assert f"第2页共{n}页" in squeeze(reader.pages[1].extract_text())
    assert f"第{n}页共{n}页" in squeeze(reader.pages[-1].extract_text())
    assert "页" not in reader.pages[0].extract_text().split("校验码")[0][-20:]  # cover: no footer
    toc = squeeze(reader.pages[1].extract_text())
    assert "目" in toc and "基本信息" in toc and "真实性承诺书" in toc

    marks = {m.title: reader.get_destination_page_number(m) + 1 for m in reader.outline
             if not isinstance(m, list)}
    assert marks["封面"] == 1 and marks["目录"] == 2
    declaration = next(v for k, v in marks.items() if "真实性承诺书" in k)
    assert declaration >= n - 1
    pages = [v for k, v in marks.items()]
    assert pages == sorted(pages), "bookmarks out of page order"
    basic = next(v for k, v in marks.items() if "基本信息" in k)
    assert "基本信息" in reader.pages[basic - 1].extract_text()


def test_verification_code_in_text_qr_and_metadata(hostile_pdf):
    path, data, _, result = hostile_pdf
    code = data.content_hash()
    assert result.codes == {data.project_id: code}
    reader = pypdf.PdfReader(path)
    meta = reader.metadata
    assert KEYWORD_PREFIX + code in meta["/Keywords"]
    stored = json.loads(meta["/" + META_KEY])
    assert stored[0]["code"] == code and stored[0]["fields"] == data.field_hashes()
    text = squeeze(pdftotext(path))
    assert code in text  # printed in full on the declaration page
    assert code[:16] in squeeze(reader.pages[0].extract_text())  # and on the cover


def test_pages_render_to_png(hostile_pdf, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) not installed")
    from PIL import Image
    path, *_ = hostile_pdf
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "3", str(path),
                    str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == 3
    for png in pngs:
        im = Image.open(png).convert("L")
        dark = sum(im.histogram()[:128])
        assert dark > 500, f"{png.name} is (nearly) blank"


def make_image(path: Path, size, color=(200, 60, 40)):
    from PIL import Image
    Image.new("RGB", size, color).save(path)
    return path


def test_images_scaled_and_broken_ones_listed(tmp_path):
    huge = make_image(tmp_path / "wide.png", (9000, 300))
    tall = make_image(tmp_path / "tall.jpg", (200, 5000))
    corrupt = tmp_path / "corrupt.jpg"
    corrupt.write_bytes(b"\xff\xd8\xff\xe0 this is not really a jpeg" * 10)
    truncated = tmp_path / "cut.jpg"
    make_image(truncated, (800, 600))
    truncated.write_bytes(truncated.read_bytes()[:300])
    photos = [Photo(huge, "wide.png", "a" * 64, "before"), Photo(tall, "tall.jpg", "b" * 64, "after"),
              Photo(corrupt, "坏图<b>.jpg", "c" * 64, "before"),
              Photo(tmp_path / "gone.jpg", "gone.jpg", "d" * 64, "after"),
              Photo(truncated, "cut.jpg", "e" * 64, "after"),
              Photo(None, "never-stored.png", "f" * 64, "before")]
    logo = tmp_path / "logo.txt"
    logo.write_text("not a logo")
    data = sample_dossier(3, photos=photos, logo=logo)
    out = tmp_path / "photos.pdf"
    result = render_dossier(data, out)
    problems = dict(result.image_problems)
    assert set(problems) == {"坏图<b>.jpg", "gone.jpg", "cut.jpg", "never-stored.png", "logo.txt"}
    assert problems["gone.jpg"] == "文件缺失"
    text = squeeze(pdftotext(out))
    assert "坏图<b>.jpg" in text and "图片无法显示" in text
    reader = pypdf.PdfReader(out)
    images = [img for page in reader.pages for img in page.images]
    assert len(images) == 2  # the two good photos, downsampled
    assert all(max(img.image.size) <= 1400 for img in images)


def test_good_logo_on_the_cover(tmp_path):
    from PIL import Image
    logo = tmp_path / "logo.png"
    Image.new("RGBA", (3000, 3000), (20, 60, 160, 255)).save(logo)
    out = tmp_path / "logo.pdf"
    result = render_dossier(sample_dossier(4, logo=logo), out, template="company_archive")
    assert not result.image_problems
    assert len(pypdf.PdfReader(out).pages[0].images) == 1


def test_combined_pdf_numbers_each_dossier_and_can_be_cancelled(tmp_path):
    items = [sample_dossier(i) for i in range(1, 4)]
    seen = []
    out = tmp_path / "all.pdf"
    result = render_combined(items, out, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert set(result.codes) == {d.project_id for d in items}
    reader = pypdf.PdfReader(out)
    stored = json.loads(reader.metadata["/" + META_KEY])
    assert [s["number"] for s in stored] == [d.number for d in items]
    toc = squeeze(reader.pages[0].extract_text())
    assert all(d.number in toc for d in items)
    text = squeeze(pdftotext(out))
    assert "第1页共5页" not in text  # covers carry no footer...
    assert text.count("第2页共5页") == 3  # ...and each dossier counts its own pages
    assert "第5页共5页（总第16页）" in text

    calls = iter([False, True])
    with pytest.raises(Cancelled):
        render_combined(items, tmp_path / "cancelled.pdf", cancelled=lambda: next(calls))
    assert not (tmp_path / "cancelled.pdf").exists()


def test_unknown_template_is_a_clear_error(tmp_path):
    with pytest.raises(DossierError) as err:
        render_dossier(sample_dossier(), tmp_path / "x.pdf", template="fancy")
    assert "national_wuxiao" in str(err.value)


def test_combined_toc_spreads_over_reserved_pages_without_losing_lines(tmp_path):
    from app.dossier.model import DossierData
    items = [DossierData(project_id=f"p{i}", number=f"CX-2025-{i:06d}", title=f"项目😀{i}") for i in range(1, 34)]
    out = tmp_path / "many.pdf"
    render_combined(items, out)
    reader = pypdf.PdfReader(out)
    toc = squeeze(reader.pages[0].extract_text() + reader.pages[1].extract_text())
    assert all(d.number in toc for d in items)
    assert "CX-2025-000001" in squeeze(reader.pages[0].extract_text())
    assert "CX-2025-000033" in squeeze(reader.pages[1].extract_text())
    assert "项目😀33" in toc  # user text in the TOC keeps its emoji (drawn as a box, kept as text)
    # the TOC took two pages, so the first cover is page 3, as its TOC line and bookmark say
    covers = {m.title: reader.get_destination_page_number(m) for m in reader.outline if not isinstance(m, list)}
    assert covers["CX-2025-000001 项目😀1"] == 2
    assert "第3页" not in squeeze(reader.pages[2].extract_text())  # a cover: no footer
    assert squeeze(reader.pages[0].extract_text()).count("CX-2025-") == 26
    links = [a.get_object() for a in reader.pages[0].get("/Annots") or []]
    assert len(links) == 26 and all(link.get("/Subtype") == "/Link" for link in links)


def test_cancel_during_layout_of_a_combined_file(tmp_path):
    calls = {"n": 0}

    def cancelled():  # false while the stories are built, true once pages are being laid out
        calls["n"] += 1
        return calls["n"] > 6

    with pytest.raises(Cancelled):
        render_combined([sample_dossier(i) for i in range(1, 4)], tmp_path / "c.pdf", cancelled=cancelled)
    assert not (tmp_path / "c.pdf").exists()
    assert calls["n"] == 7


def test_overlong_table_values_become_notes_and_stay_fast(tmp_path):
    import time

    from app.dossier.model import Patent, TeamMember
    long_name = "名" * 3000
    word = "Z" * 5000
    d = sample_dossier(5)
    d.team = [TeamMember(long_name, word, "技师", "角色" * 1000)] + d.team
    d.patents = [Patent(word, "utility", "已授权", "一种<b>装置</b>" * 500)]
    out = tmp_path / "notes.pdf"
    started = time.perf_counter()
    render_dossier(d, out)
    assert time.perf_counter() - started < 20  # was minutes while such cells split across pages
    text = squeeze(body_text(out))
    assert "见本节末注①" in text and "见本节末注③" in text
    assert long_name in text and word in text and squeeze("一种<b>装置</b>" * 500) in text


def test_qr_code_scans_to_the_verification_code(hostile_pdf, tmp_path):
    if not (shutil.which("zbarimg") and shutil.which("pdftoppm")):
        pytest.skip("zbarimg (zbar-tools) or pdftoppm not installed")
    path, data, _, _ = hostile_pdf
    n = len(pypdf.PdfReader(path).pages)
    for page in (1, n):  # the cover and the declaration page
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                        str(path), str(tmp_path / f"p{page}")], check=True)
        out = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / f"p{page}.png")],
                             capture_output=True, text=True).stdout.split()
        assert out == [f"IDEABANK:{data.number}:{data.content_hash()}"]
