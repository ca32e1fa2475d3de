"""Batch export, the annual report and the `ideabank dossier/report/verify` commands on a real store."""
from __future__ import annotations

import shutil
import subprocess

import pypdf
import pytest

from app.cli import main
from app.core import projects, reviews
from app.core.errors import PermissionDenied
from app.dossier.export import BatchFilter, export_batch, file_name
from app.dossier.report import annual_report

STUDIO = "王建国劳模创新工作室"


@pytest.fixture
def adopted(bank, people, draft_data):
    """Three adopted projects of the studio, one submitted one, one of another studio."""
    leader = people["L001"]
    ids = []
    for i, benefit in enumerate(["3万", "12000", None]):
        data = dict(draft_data, title=f"{draft_data['title']} 第{i + 1}号", measured_benefit=benefit,
                    investment="5000")
        pid = projects.propose(bank, people["W001"], data, submit=True).value
        reviews.review(bank, leader, pid, scores={"creativity": 8, "practicality": 9, "economic": 7, "social": 6,
                                                  "promotion": 7}, decision="adopt", reason="好")
        ids.append(pid)
    projects.propose(bank, people["W001"], dict(draft_data, title="还在评审"), submit=True)
    projects.propose(bank, people["L002"], dict(draft_data, title="输电的项目"), submit=True)
    return ids


def text_of(path) -> str:
    return "".join("".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages)


def test_batch_one_pdf_each_with_progress(bank, people, adopted, tmp_path):
    seen = []
    result = export_batch(bank, people["L001"], BatchFilter(studio=STUDIO, statuses=("已采纳",)),
                          tmp_path / "out", progress=lambda d, n: seen.append((d, n)))
    assert result.total == 3 and len(result.files) == 3 and not result.cancelled
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert all(f.is_file() and f.name.startswith("CX-") for f in result.files)
    assert "第1号" in text_of(result.files[0])


def test_batch_cancel_keeps_whole_files_only(bank, people, adopted, tmp_path):
    calls = iter([False, False, True])
    result = export_batch(bank, people["L001"], BatchFilter(studio=STUDIO, statuses=("adopted",)),
                          tmp_path / "out", cancelled=lambda: next(calls))
    assert result.cancelled and len(result.files) == 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f.name for f in result.files)

    calls = iter([False, True])
    result = export_batch(bank, people["L001"], BatchFilter(studio=STUDIO, statuses=("adopted",)),
                          tmp_path / "all.pdf", combined=True, cancelled=lambda: next(calls, True))
    assert result.cancelled and not (tmp_path / "all.pdf").exists()


def test_leaders_export_only_their_studio_and_workers_not_in_batch(bank, people, adopted, tmp_path):
    with pytest.raises(PermissionDenied):
        export_batch(bank, people["L002"], BatchFilter(studio=STUDIO), tmp_path / "x")
    with pytest.raises(PermissionDenied):
        export_batch(bank, people["W001"], BatchFilter(studio=STUDIO), tmp_path / "y")
    # a leader without --studio gets their own studio's projects
    result = export_batch(bank, people["L002"], BatchFilter(), tmp_path / "own")
    assert result.total == 1 and "输电的项目" in text_of(result.files[0])


def test_file_names_are_safe():
    assert file_name("CX-1", 'a/b\\c:d*e?"f<g>h|i') == "CX-1_a_b_c_d_e_f_g_h_i.pdf"
    assert len(file_name("CX-2025-ABCD-000001", "长" * 500)) < 70


def test_annual_report_counts_and_charts(bank, people, adopted, tmp_path):
    out = tmp_path / "report.pdf"
    pages = annual_report(bank, people["L001"], studio=STUDIO, year=2025, target=out)
    assert pages == len(pypdf.PdfReader(out).pages) >= 2
    text = text_of(out)
    assert STUDIO in text and "2025年度创新工作报告" in text
    assert "项目总数4项" in text  # three adopted and one submitted; the other studio's is not counted
    assert "年经济效益合计4.20万元" in text  # 30,000 + 12,000
    assert "按类别的项目数" in text and "按状态的项目数" in text
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout.splitlines()[2:]
        assert fonts and all(row.split()[-5] == "yes" for row in fonts)


def test_cli_dossier_verify_report(bank, people, adopted, tmp_path, capsys):
    data = str(bank.data_dir)
    number = projects_number(bank, adopted[0])
    out = tmp_path / "one.pdf"
    assert main(["--data-dir", data, "--as", "L001", "dossier", number, "-o", str(out),
                 "--template", "company_archive"]) == 0
    assert main(["--data-dir", data, "verify", str(out)]) == 0
    assert "一致" in capsys.readouterr().out

    projects.edit(bank, people["L001"], adopted[0], {"background": "改写后的背景"})
    assert main(["--data-dir", data, "verify", str(out)]) == 10
    assert "项目背景" in capsys.readouterr().out

    folder = tmp_path / "batch"
    assert main(["--data-dir", data, "--as", "L001", "dossier", "--batch", "--status", "adopted",
                 "--year", "2025", "-o", str(folder)]) == 0
    assert len(list(folder.glob("*.pdf"))) == 3
    combined = tmp_path / "all.pdf"
    assert main(["--data-dir", data, "dossier", "--batch", "--studio", STUDIO, "-o", str(combined),
                 "--combined"]) == 0
    assert main(["--data-dir", data, "verify", str(combined)]) == 0
    capsys.readouterr()
    projects.edit(bank, people["L001"], adopted[1], {"title": "又改了"})
    assert main(["--data-dir", data, "verify", str(combined)]) == 10
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and sum(line.startswith("✗") for line in lines) == 1
    assert "项目名称" in next(line for line in lines if line.startswith("✗"))
    report = tmp_path / "r.pdf"
    assert main(["--data-dir", data, "report", "--studio", STUDIO, "--year", "2025", "-o", str(report)]) == 0
    capsys.readouterr()

    assert main(["--data-dir", data, "verify", str(report)]) == 1  # a report carries no dossier
    assert "校验信息" in capsys.readouterr().err
    assert main(["--data-dir", data, "--as", "L002", "dossier", number, "-o", str(tmp_path / "x.pdf")]) == 4
    assert main(["--data-dir", data, "dossier", "-o", str(tmp_path / "y.pdf")]) == 2
    assert main(["--data-dir", data, "dossier", "--batch", "-o", str(tmp_path / "z.pdf")]) != 0
    assert "--combined" in capsys.readouterr().err


def projects_number(bank, pid) -> str:
    from app.core.queries import project_by_ref
    return project_by_ref(bank, pid)["number"]
