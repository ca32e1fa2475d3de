"""A realistic dossier without a database: for previews, samples, tests and the benchmark."""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from app.dossier.model import (
    AttachmentInfo,
    Award,
    DossierData,
    IncubationEvent,
    Patent,
    Photo,
    ReviewOpinion,
    TeamMember,
)


def sample_dossier(n: int = 1, *, photos: list[Photo] | None = None,
                   logo: Path | None = None) -> DossierData:
    return DossierData(
        project_id=f"0193a6f0-0000-7000-8000-{n:012d}",
        number=f"CX-2025-{n:06d}",
        title="变压器油位在线监测与远程告警装置的研制",
        category="小革新",
        status="已采纳",
        confidentiality="internal",
        studio_name="国网某供电公司 王建国劳模创新工作室",
        studio_logo=logo,
        units=["变电检修中心", "变电运维二班"],
        proposer="王建国",
        tags=["变压器", "油位监测", "远程告警", "物联网"],
        submitted_at=date(2025, 3, 12),
        decided_at=date(2025, 4, 2),
        completed_at=date(2025, 9, 28),
        background=(
            "变电站主变压器油位是反映设备健康状况的重要参数。目前油位依靠运维人员每日巡视时目测"
            "油位计读数，巡视周期长、读数受光线与角度影响大，夜间及恶劣天气下难以及时发现油位异常。"
            "2024 年本单位因油位计卡涩未及时发现导致的缺陷共 7 起，平均发现时间 4 小时以上。\n"
            "为此，工作室组织技术骨干开展攻关，研制一套可加装于现有 YH-656 型油位计的在线监测与"
            "远程告警装置，实现油位、油温数据的实时采集与异常自动告警。"
        ),
        solution=(
            "装置由磁感应采集模块、低功耗主控板、4G/北斗双通道通信模块和后台告警软件四部分组成。"
            "采集模块采用非接触式霍尔传感器，通过磁耦合读取油位计指针角度，无需改动原有油位计结构；"
            "主控板对数据进行滤波与趋势分析，超过阈值或变化速率异常时立即上送告警。"
        ),
        innovation_points=[
            "非接触式磁耦合读数，免拆装加装于在运油位计，不停电即可安装。",
            "基于油温补偿的油位趋势判别算法，误报率由 12% 降至 0.8%。",
            "4G 与北斗短报文双通道上送，偏远站点无公网信号时仍能告警。",
        ],
        implementation=(
            "2025 年 4 月完成样机研制，5 月在 110kV 东郊变电站 2 号主变试点安装，6 月至 8 月在"
            "辖区 14 座变电站共 31 台主变推广安装。试运行期间共准确告警油位异常 5 次，无漏报。"
        ),
        indicators=(
            "油位测量误差 ≤ ±1.5%；告警响应时间 ≤ 30 秒；工作温度 −40 ℃～+85 ℃；防护等级 IP67；"
            "电池续航 ≥ 3 年。油位异常平均发现时间由 4 小时缩短至 15 分钟。"
        ),
        promotion="已在公司所属 14 座变电站推广应用，并被列入 2026 年公司“五小”成果推广目录。",
        expected_benefit=300000.0,
        measured_benefit=126000.0,
        benefit_basis=(
            "年节约费用 = 减少的缺陷处理费用 + 减少的巡视人工费用。2024 年油位类缺陷 7 起，"
            "平均处理费用 1.2 万元；应用后同类缺陷降至 1 起，节约 7.2 万元；巡视人工每年减少约 "
            "360 工时，按 150 元/工时计 5.4 万元，合计 12.6 万元/年。"
        ),
        investment=46500.0,
        social_benefit="提高了主变压器运行可靠性，减少了夜间及恶劣天气下的人员巡视风险。",
        patents=[Patent("ZL 2025 2 0123456.7", "utility", "已授权", "一种非接触式油位计读数装置")],
        awards=[Award("公司职工技术创新成果奖", "一等奖", 2025)],
        team=[
            TeamMember("王建国", "变电检修中心", "高级技师", "项目负责人，总体方案设计", ["全国劳动模范"]),
            TeamMember("李晓明", "变电检修中心", "技师", "采集模块与算法开发"),
            TeamMember("张丽", "变电运维二班", "高级工", "现场试点与数据分析"),
            TeamMember("陈志强", "信息通信分公司", "技师", "通信模块与后台软件"),
        ],
        reviews=[
            ReviewOpinion("刘振华", {"creativity": 18, "practicality": 19, "economic": 17,
                                    "social": 9, "promotion": 9}, 72, "adopt",
                          "方案成熟可靠，免停电加装的思路实用性强，建议扩大推广范围。", date(2025, 4, 2)),
            ReviewOpinion("赵敏", {"creativity": 17, "practicality": 18, "economic": 16,
                                  "social": 8, "promotion": 9}, 68, "adopt",
                          "经济效益测算依据充分。", date(2025, 4, 2)),
        ],
        incubation=[
            IncubationEvent(date(2025, 6, 10), "试品加工", "孵化基地完成 40 套试品加工。"),
            IncubationEvent(date(2025, 10, 8), "量化生产", "与合作厂家签订小批量生产协议。"),
        ],
        attachments=[
            AttachmentInfo("装置原理图.pdf", "document", 482_133, "9f2c4e1a7b3d" + "0" * 52),
            AttachmentInfo("试运行报告.docx", "document", 128_960, "41aa09c3e5f2" + "0" * 52),
        ] + [AttachmentInfo(p.name, f"photo_{p.stage}", 0, p.sha256) for p in (photos or [])],
        photos=list(photos or []),
        generated_at=datetime(2025, 11, 25, 14, 0, tzinfo=timezone.utc),
        export_date=date(2025, 11, 25),
    )


def sample_pictures(folder: Path) -> tuple[list[Photo], Path]:
    """Two made-up site photos and a studio logo (drawn, so the samples need no real files)."""
    from PIL import Image, ImageDraw, ImageFont

    from app.dossier.fonts import find_cjk_font

    folder.mkdir(parents=True, exist_ok=True)
    font = find_cjk_font()
    big: ImageFont.FreeTypeFont | ImageFont.ImageFont
    small: ImageFont.FreeTypeFont | ImageFont.ImageFont
    try:
        big = ImageFont.truetype(str(font.path), 54, index=font.subfont_index)
        small = ImageFont.truetype(str(font.path), 30, index=font.subfont_index)
    except OSError:
        big = small = ImageFont.load_default()

    def scene(name: str, sky: tuple[int, int, int], body: tuple[int, int, int], label: str, ok: bool) -> Path:
        im = Image.new("RGB", (1600, 1200), sky)
        d = ImageDraw.Draw(im)
        d.rectangle([0, 860, 1600, 1200], fill=(120, 118, 110))
        d.rectangle([420, 300, 1180, 900], fill=body, outline=(40, 40, 40), width=8)   # transformer tank
        for x in range(470, 1160, 70):
            d.rectangle([x, 340, x + 34, 860], fill=tuple(max(c - 25, 0) for c in body))  # radiator fins
        d.ellipse([1040, 180, 1240, 380], fill=(235, 235, 230), outline=(30, 30, 30), width=8)  # gauge
        d.line([1140, 280, 1200 if ok else 1090, 220 if ok else 330], fill=(200, 30, 30), width=10)
        if ok:
            d.rectangle([1250, 230, 1400, 330], fill=(30, 60, 110))  # the added sensor box
            d.text((1262, 258), "4G", fill=(255, 255, 255), font=small)
        d.text((60, 60), label, fill=(255, 255, 255), font=big)
        path = folder / name
        im.save(path, quality=88)
        return path

    before = scene("before.jpg", (150, 170, 190), (96, 110, 98), "改造前：人工目测油位", False)
    after = scene("after.jpg", (120, 170, 220), (90, 120, 100), "改造后：在线监测告警", True)
    logo = Image.new("RGBA", (600, 600), (0, 0, 0, 0))
    d = ImageDraw.Draw(logo)
    d.ellipse([10, 10, 590, 590], fill=(158, 27, 27, 255))
    d.ellipse([50, 50, 550, 550], outline=(255, 255, 255, 255), width=12)
    d.text((300, 300), "创新", fill=(255, 255, 255, 255), font=ImageFont.truetype(
        str(font.path), 170, index=font.subfont_index) if font else big, anchor="mm")
    logo_path = folder / "logo.png"
    logo.save(logo_path)
    return ([Photo(before, "油位计改造前.jpg", "1" * 64, "before"),
             Photo(after, "油位计改造后.jpg", "2" * 64, "after")], logo_path)


def write_samples(out_dir: Path) -> list[Path]:
    """docs/dossier-samples/: a PDF of each template and one page of each as PNG (needs pdftoppm)."""
    import shutil
    import subprocess
    import tempfile

    from app.dossier.render import render_dossier

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    pages = {"national_wuxiao": 1, "company_archive": 4}  # the cover; a page with the photos
    with tempfile.TemporaryDirectory() as tmp:
        photos, logo = sample_pictures(Path(tmp))
        for template, page in pages.items():
            pdf = Path(tmp) / f"{template}.pdf"
            render_dossier(sample_dossier(1, photos=photos, logo=logo), pdf, template=template)
            if shutil.which("pdftoppm"):
                stem = out_dir / f"{template}-page{page}"
                subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                                str(pdf), str(stem)], check=True)
                written.append(stem.with_suffix(".png"))
            else:
                shutil.copy(pdf, out_dir / pdf.name)
                written.append(out_dir / pdf.name)
    return written


if __name__ == "__main__":  # python -m app.dossier.demo docs/dossier-samples
    import sys

    for path in write_samples(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/dossier-samples")):
        print(path)
