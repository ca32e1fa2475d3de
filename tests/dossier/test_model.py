from datetime import datetime
from pathlib import Path

from app.dossier.model import DossierData, Photo, TeamMember


def make(**kw):
    base = dict(project_id="p1", number="CX-2025-000001", title="变压器油位在线监测装置",
                investment=12000.0, measured_benefit=48000.0, team=[TeamMember("张三", "检修班")])
    base.update(kw)
    return DossierData(**base)


def test_payback_period_is_investment_over_yearly_benefit():
    assert make().payback_years == 0.25
    assert make(measured_benefit=None).payback_years is None
    assert make(measured_benefit=0.0).payback_years is None
    assert make(investment=None).payback_years is None


def test_hash_ignores_presentation_but_not_content():
    a = make()
    same = make(generated_at=datetime(2030, 1, 1), studio_logo=Path("/x/logo.png"),
                photos=[])
    assert a.content_hash() == same.content_hash()
    assert len(a.content_hash()) == 64
    assert make(title="变压器油位监测装置").content_hash() != a.content_hash()
    assert make(measured_benefit=48000.01).content_hash() != a.content_hash()


def test_photo_identity_is_its_sha_not_its_path():
    a = make(photos=[Photo(Path("/data/a/ab/abc"), "前.jpg", "abc", "before")])
    b = make(photos=[Photo(Path("C:/other/abc"), "前.jpg", "abc", "before")])
    c = make(photos=[Photo(Path("/data/a/ab/abc"), "前.jpg", "abd", "before")])
    assert a.content_hash() == b.content_hash() != c.content_hash()


def test_line_endings_do_not_change_the_code():
    assert make(background="一\r\n二").content_hash() == make(background="一\n二").content_hash()


def test_field_hashes_point_at_what_changed():
    a, b = make().field_hashes(), make(team=[TeamMember("张三", "运行班")]).field_hashes()
    assert [k for k in a if a[k] != b[k]] == ["team"]
