from pathlib import Path

import pytest

from app.dossier import fonts
from app.dossier.errors import DossierError
from app.dossier.fonts import FontCandidate, find_cjk_font

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def test_finds_an_embeddable_cjk_font():
    font = find_cjk_font()
    assert font.path.is_file()
    assert font is find_cjk_font()  # cached: the file is parsed once per process


def test_none_found_names_the_debian_package(tmp_path):
    broken = tmp_path / "broken.ttc"
    broken.write_bytes(b"not a font at all" * 100)
    with pytest.raises(DossierError) as err:
        find_cjk_font([FontCandidate(tmp_path / "missing.ttc"), FontCandidate(broken)])
    assert "fonts-wqy-microhei" in str(err.value)
    assert "找不到" in str(err.value)


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVuSans.ttf not installed")
def test_latin_only_font_is_rejected(tmp_path):
    with pytest.raises(DossierError):
        find_cjk_font([FontCandidate(DEJAVU)])


@pytest.mark.skipif(not NOTO_CJK.is_file(), reason="fonts-noto-cjk not installed")
def test_postscript_outline_ttc_is_skipped_for_the_next_candidate():
    good = find_cjk_font()
    font = find_cjk_font([FontCandidate(NOTO_CJK), FontCandidate(good.path, good.subfont_index)])
    assert font.path == good.path


def test_postscript_outline_collection_is_skipped_without_noto_installed(tmp_path):
    """A font collection whose face has CFF outlines, built by hand: reportlab refuses it the way it
    refuses NotoSansCJK-Regular.ttc, and the search moves on to the next candidate."""
    import struct
    otto = b"OTTO" + struct.pack(">HHHH", 1, 16, 0, 0) + b"CFF " + struct.pack(">III", 0, 40, 4) + b"\0" * 4
    ttc = b"ttcf" + struct.pack(">IIi", 0x00010000, 1, 16) + otto
    fake = tmp_path / "NotoSansCJK-Regular.ttc"
    fake.write_bytes(ttc)
    good = find_cjk_font()
    font = find_cjk_font([FontCandidate(fake), FontCandidate(good.path, good.subfont_index)])
    assert font.path == good.path


def test_env_override_is_tried_first(monkeypatch):
    good = find_cjk_font()
    monkeypatch.setenv(fonts.ENV_OVERRIDE, f"{good.path}#0")
    assert fonts._override_candidate() == [FontCandidate(good.path, 0)]
