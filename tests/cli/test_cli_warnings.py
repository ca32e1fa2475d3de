"""`ideabank warnings config`: the thresholds it shows are those of the studio it was given."""
from __future__ import annotations

import json

from sqlalchemy import select

from app.cli import main
from app.core.errors import ValidationError
from db.models import Studio

A = "王建国劳模创新工作室"


def test_config_shows_the_studio_it_names_and_refuses_one_that_is_not_there(bank, people, tmp_path, capsys):
    with bank.session() as s:
        studio_id = s.scalar(select(Studio.id).where(Studio.name == A))
    bank.close()
    data = ["--data-dir", str(tmp_path / "data")]
    # set by id (as the core allows), then shown: the studio's value, not the site's default
    assert main([*data, "warnings", "config", "--studio", studio_id, "--stuck-days", "12", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["stuck_days"] == 12
    assert main([*data, "warnings", "config", "--studio", f" {A} ", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["stuck_days"] == 12
    assert main([*data, "warnings", "config", "--json"]) == 0
    site_default = json.loads(capsys.readouterr().out)["stuck_days"]
    assert site_default != 12
    # a mistyped studio is one line and a non-zero exit, not the site's defaults shown as the studio's
    assert main([*data, "warnings", "config", "--studio", "王建国劳模创新工作", "--json"]) == ValidationError.exit_code
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and "王建国劳模创新工作" in err
