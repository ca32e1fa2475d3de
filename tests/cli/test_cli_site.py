"""`ideabank site show|key|trust` and package refusals: in-process through `main()` (starting an
interpreter per call costs seconds), one call through the installed script."""
from __future__ import annotations

import json
import stat
from dataclasses import dataclass

import pytest

from app.cli import main
from tests.cli.test_cli_data import ideabank as ideabank_script


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def ideabank(capsys):
    def run(home, *args, check=True):  # type: ignore[no-untyped-def]
        code = main(["--data-dir", str(home), *args])
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        if check:
            assert code == 0, err
        return Run(code, out, err)
    return run


def test_site_identity_key_file_and_trust(tmp_path, ideabank):
    a, b = tmp_path / "a", tmp_path / "b"
    ideabank(a, "init")
    ideabank(a, "site", "rename", "总部机房")
    shown = json.loads(ideabank(a, "site", "show", "--json").stdout)
    assert set(shown) == {"id", "name", "code", "keys"} and shown["name"] == "总部机房"
    assert shown["keys"]["signing"]["algorithm"] == "Ed25519" and shown["keys"]["encryption"]["algorithm"] == "X25519"
    assert len(shown["keys"]["signing"]["fingerprint"].split()) == 8
    assert stat.S_IMODE((a / "keys" / f"{shown['id']}.key").stat().st_mode) == 0o600

    key = tmp_path / "usb" / "a.key"
    proc = ideabank(a, "site", "key", "-o", str(key))
    assert shown["keys"]["signing"]["fingerprint"] in proc.stderr
    assert json.loads(key.read_text())["site_id"] == shown["id"]

    trusted = ideabank(b, "site", "trust", str(key))
    assert "总部机房" in trusted.stdout and shown["keys"]["signing"]["fingerprint"] in trusted.stdout
    listed = json.loads(ideabank(b, "site", "list", "--json").stdout)
    assert [(s["id"], s["packages"]["acknowledged"]) for s in listed] == [(shown["id"], 0)]

    # A forged file: one line, exit 2, nothing trusted.
    doc = json.loads(key.read_text())
    doc["name"] = "冒充"
    (tmp_path / "forged.key").write_text(json.dumps(doc))
    c = tmp_path / "c"
    bad = ideabank(c, "site", "trust", str(tmp_path / "forged.key"), check=False)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "签名与内容不符" in bad.stderr
    assert json.loads(ideabank(c, "site", "list", "--json").stdout) == []

    # Something that is not a package: one line, exit 9 (through the installed script).
    junk = ideabank_script(b, "package", "import", str(key), check=False)
    assert junk.returncode == 9 and junk.stderr.count("\n") == 1 and "不是创新智慧库交换包" in junk.stderr
    # No trusted site to send to from c: one line naming the fix.
    none = ideabank(c, "package", "export", "-o", str(tmp_path / "x.ibpkg"), check=False)
    assert none.returncode == 3 and "site trust" in none.stderr and not (tmp_path / "x.ibpkg").exists()
