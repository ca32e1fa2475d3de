"""Every export and every verification applies the visibility rule of lists (issue 14 item 1):
a secret project reaches a dossier, a batch, a combined PDF, a studio report or a verdict only for
its authors, its studio's leader and admins. The incubation base exports, but not secrets."""
from __future__ import annotations

import pypdf
import pytest

from app.cli import main
from app.core import projects
from app.core.errors import PermissionDenied
from app.dossier.export import BatchFilter, export_batch, export_dossier, export_ids
from app.dossier.gather import gather
from app.dossier.render import render_dossier
from app.dossier.report import annual_report
from app.dossier.verify import verify_pdf

SECRET_TITLE = "保密的继电保护改进"
OPEN_TITLE = "公开的工具改进"


@pytest.fixture
def two(bank, people, draft_data):
    """A secret project of the studio's worker (with an amount) and an open one."""
    secret = projects.propose(bank, people["W001"], draft_data | {
        "title": SECRET_TITLE, "confidentiality": "秘密", "expected_benefit": "98765"}, submit=True).value
    public = projects.propose(bank, people["W001"], draft_data | {"title": OPEN_TITLE}, submit=True).value
    return secret, public


def text_of(path) -> str:
    return "".join("".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(path).pages)


def test_the_base_cannot_export_a_secret_dossier(bank, people, two, tmp_path):
    secret, public = two
    export_dossier(bank, people["B001"], public, tmp_path / "open.pdf")
    with pytest.raises(PermissionDenied, match="秘密"):
        export_dossier(bank, people["B001"], secret, tmp_path / "secret.pdf")
    assert not (tmp_path / "secret.pdf").exists()
    export_dossier(bank, people["L001"], secret, tmp_path / "leader.pdf")  # the studio's leader may
    export_dossier(bank, people["W001"], secret, tmp_path / "author.pdf")  # and so may its author


@pytest.mark.parametrize("combined", [False, True])
def test_batches_leave_out_secret_projects_of_others(bank, people, two, tmp_path, combined):
    target = tmp_path / ("all.pdf" if combined else "out")
    result = export_batch(bank, people["B001"], BatchFilter(), target, combined=combined)
    assert result.total == 1
    text = "".join(text_of(f) for f in result.files)
    assert OPEN_TITLE in text and SECRET_TITLE not in text and "98765" not in text.replace(",", "")
    # the leader's batch of the same filter holds both
    assert export_batch(bank, people["L001"], BatchFilter(), tmp_path / "leader.pdf", combined=True).total == 2


def test_an_explicit_list_with_a_secret_project_is_refused(bank, people, two, tmp_path):
    secret, public = two
    with pytest.raises(PermissionDenied):
        export_ids(bank, people["B001"], [public, secret], tmp_path / "both.pdf", combined=True)
    assert not (tmp_path / "both.pdf").exists()


def test_the_studio_report_counts_only_what_its_maker_may_see(bank, people, two, tmp_path):
    annual_report(bank, people["B001"], studio="王建国劳模创新工作室", year=None, target=tmp_path / "base.pdf")
    annual_report(bank, people["L001"], studio=None, year=None, target=tmp_path / "leader.pdf")
    base, leader = text_of(tmp_path / "base.pdf"), text_of(tmp_path / "leader.pdf")
    assert OPEN_TITLE in base and SECRET_TITLE not in base
    assert OPEN_TITLE in leader and SECRET_TITLE in leader


def test_verify_says_nothing_about_a_secret_project_to_others(bank, people, two, tmp_path):
    secret, _ = two
    pdf = tmp_path / "secret.pdf"
    render_dossier(gather(bank, people["L001"], secret), pdf)
    projects.edit(bank, people["L001"], secret, {"title": "改过的标题"})
    [v] = verify_pdf(bank, pdf, viewer=people["B001"])
    assert v.hidden and not v.matches and v.changed == [] and v.current_code is None
    [v] = verify_pdf(bank, pdf, viewer=people["L001"])
    assert not v.hidden and v.changed == ["title"]


def test_cli_verify_and_dossier_as_the_base(bank, people, two, tmp_path, capsys):
    secret, _ = two
    pdf = tmp_path / "secret.pdf"
    render_dossier(gather(bank, people["L001"], secret), pdf)
    projects.edit(bank, people["L001"], secret, {"title": "改过的标题"})
    data = str(bank.data_dir)
    bank.close()
    capsys.readouterr()
    assert main(["--data-dir", data, "--as", "B001", "verify", str(pdf)]) == 10
    out = capsys.readouterr().out
    assert "项目名称" not in out and "秘密" in out
    assert main(["--data-dir", data, "--as", "B001", "dossier", secret, "-o", str(tmp_path / "x.pdf")]) == 4
    assert not (tmp_path / "x.pdf").exists()
    assert main(["--data-dir", data, "--as", "B001", "dossier", "--batch", "--combined",
                 "-o", str(tmp_path / "b.pdf")]) == 0
    assert SECRET_TITLE not in text_of(tmp_path / "b.pdf")
