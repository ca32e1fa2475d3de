"""Dossiers from the store, and verification of exported PDFs against it."""
from __future__ import annotations

import pypdf
import pytest
from PIL import Image

from app.core import attachments, projects, reviews
from app.core.errors import PermissionDenied
from app.dossier.errors import DossierError
from app.dossier.gather import gather
from app.dossier.render import render_dossier
from app.dossier.verify import read_dossiers, verify_pdf


@pytest.fixture
def project(bank, people, draft_data, tmp_path):
    leader, worker = people["L001"], people["W001"]
    data = dict(draft_data, co_authors=["W002"], measured_benefit="12.6万", investment="46500",
                benefit_basis="减少停运 R&D <b>测算</b>", patents=[{"number": "ZL2025", "kind": "utility",
                                                                  "status": "已授权", "title": "防雨罩"}])
    pid = projects.propose(bank, worker, data, submit=True).value
    reviews.review(bank, leader, pid, scores={"creativity": 8, "practicality": 9, "economic": 7, "social": 6, "promotion": 7}, decision="adopt",
                   reason="方案可行", private_note="只给领衔人看的备注")
    photo = tmp_path / "before.png"
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(photo)
    attachments.add(bank, leader, pid, photo, kind="photo_before")
    doc = tmp_path / "说明.txt"
    doc.write_text("说明")
    attachments.add(bank, leader, pid, doc)
    return pid


def test_gather_fills_the_dossier_from_the_store(bank, people, project):
    d = gather(bank, people["L001"], project)
    assert d.title == "变电站巡检机器人防雨罩改进"
    assert d.category == "小革新" and d.status == "已采纳"
    assert d.studio_name == "王建国劳模创新工作室"
    assert [m.name for m in d.team] == ["张三", "李四"]  # contribution order: proposer first
    assert d.team[0].unit == "变电运维车间" and d.team[0].skill_grade == "技师"
    assert d.units == ["变电运维车间", "输电运检车间"]
    assert d.measured_benefit == 126000 and d.investment == 46500
    assert d.payback_years == pytest.approx(46500 / 126000)
    assert d.patents[0].number == "ZL2025"
    assert d.reviews[0].decision == "adopt" and d.reviews[0].scores["creativity"] == 8
    assert "只给领衔人看的备注" not in repr(d)  # private notes never reach a dossier
    assert [p.stage for p in d.photos] == ["before"] and d.photos[0].path.is_file()
    assert {a.name for a in d.attachments} == {"before.png", "说明.txt"}
    # by number as well as by id, and the same content gives the same code
    again = gather(bank, people["L001"], d.number)
    assert again.content_hash() == d.content_hash()


def test_gather_checks_permissions(bank, people, project):
    gather(bank, people["W001"], project)  # the proposer may export their own dossier
    gather(bank, people["W002"], project)  # so may a co-author
    with pytest.raises(PermissionDenied):
        gather(bank, people["L002"], project)  # a leader of another studio may not
    from app.core import people as P
    P.add_user(bank, people["admin"], "W009", "路人甲")
    with pytest.raises(PermissionDenied):
        gather(bank, bank.actor("W009"), project)  # nor a worker who has nothing to do with it
    gather(bank, people["admin"], project)


def test_verify_matches_then_names_what_changed(bank, people, project, tmp_path):
    out = tmp_path / "d.pdf"
    data = gather(bank, people["L001"], project)
    render_dossier(data, out)
    [v] = verify_pdf(bank, out, viewer=people["L001"])
    assert v.matches and v.changed == [] and v.current_code == data.content_hash()

    projects.edit(bank, people["L001"], project, {"title": "防雨罩改进（第二版）", "investment": "50000"})
    [v] = verify_pdf(bank, out, viewer=people["L001"])
    assert not v.matches
    assert v.changed == ["title", "investment"]
    assert v.changed_labels == ["项目名称", "投入"]

    reviews.review(bank, people["L001"], project, scores={"social": 5})
    [v] = verify_pdf(bank, out, viewer=people["L001"])
    assert "reviews" in v.changed


def test_verify_a_deleted_project_and_a_foreign_file(bank, people, project, tmp_path):
    out = tmp_path / "d.pdf"
    render_dossier(gather(bank, people["L001"], project), out)
    projects.delete_project(bank, people["admin"], project)
    [v] = verify_pdf(bank, out, viewer=people["L001"])
    assert v.deleted and not v.matches

    plain = tmp_path / "plain.pdf"
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    writer.write(plain)
    with pytest.raises(DossierError) as err:
        read_dossiers(plain)
    assert "校验信息" in str(err.value)
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4 garbage")
    with pytest.raises(DossierError):
        read_dossiers(junk)
    with pytest.raises(DossierError):
        read_dossiers(tmp_path / "nope.pdf")


def test_swapped_metadata_is_caught(bank, people, project, tmp_path):
    """Metadata copied from a current dossier into an old one must not make the old one pass."""
    old = tmp_path / "old.pdf"
    render_dossier(gather(bank, people["L001"], project), old)
    projects.edit(bank, people["L001"], project, {"title": "新标题"})
    reader = pypdf.PdfReader(old)
    writer = pypdf.PdfWriter(clone_from=reader)
    current = gather(bank, None, project)
    fresh = tmp_path / "fresh.pdf"
    render_dossier(current, fresh)
    writer.add_metadata({k: v for k, v in pypdf.PdfReader(fresh).metadata.items()})
    forged = tmp_path / "forged.pdf"
    with open(forged, "wb") as fh:
        writer.write(fh)
    [v] = verify_pdf(bank, forged, viewer=people["L001"])
    assert not v.printed_code_ok and not v.matches


def test_studio_logo_and_site_defaults_come_from_settings(bank, people, project, draft_data, tmp_path):
    from sqlalchemy import select

    from db.models import Setting, Studio
    logo = bank.data_dir / "logos" / "studio.png"
    logo.parent.mkdir(parents=True)
    Image.new("RGB", (300, 300), (158, 27, 27)).save(logo)
    with bank.write() as s:
        studio = s.scalar(select(Studio).where(Studio.name == "王建国劳模创新工作室"))
        studio.settings = {**(studio.settings or {}), "logo": "logos/studio.png"}  # relative to the data folder
        s.add(Setting(key="dossier.studio_name", value="示范供电公司职工创新联盟"))
        s.add(Setting(key="dossier.logo", value=str(logo)))
    d = gather(bank, people["L001"], project)
    assert d.studio_logo == logo and d.studio_name == "王建国劳模创新工作室"
    out = tmp_path / "logo.pdf"
    result = render_dossier(d, out)
    assert not result.image_problems and len(pypdf.PdfReader(out).pages[0].images) == 1

    # a project of no studio falls back to the site's settings
    admin = people["admin"]
    pid = projects.propose(bank, admin, dict(draft_data, title="无工作室的项目")).value
    orphan = gather(bank, admin, pid)
    assert orphan.studio_name == "示范供电公司职工创新联盟" and orphan.studio_logo == logo
