"""The import template (issue 16 item 7): Chinese headers, an example row, drop-down lists, notes."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.cli import main
from app.core import transfer
from app.core.errors import ValidationError
from app.core.transfer import ImportFailed
from app.core.transfer_template import EXAMPLE, KEYS, write_template
from db.models import Project
from tests.cli.test_cli_data import ideabank
from tests.sheets.office import SOFFICE, convert


def _validations(ws):
    return {str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in ws.data_validations.dataValidation}


def test_the_template_has_chinese_headers_an_example_lists_and_notes(tmp_path):
    path = write_template(tmp_path / "模板.xlsx")
    wb = load_workbook(path)
    ws, notes = wb["项目"], wb["填写说明"]
    headers = [c.value for c in ws[1]]
    assert headers[:5] == ["标题*", "分类*", "状态", "背景", "解决方案"] and len(headers) == len(KEYS)
    assert ws["A2"].value == EXAMPLE["title"] and ws["R2"].value == "0012345" and ws["R2"].number_format == "@"
    assert ws["R500"].number_format == "@"  # typed employee numbers stay text
    assert _validations(ws) == {"B": '"小发明,小创造,小革新,小设计,小建议,技改攻关,管理创新,QC成果"',
                                "C": '"草稿,已提交,评审中,已采纳,未采纳,攻关中,已完成,孵化中,已推广"',
                                "P": '"公开,内部,秘密"'}
    assert "保存为 .xlsx" in " ".join(str(c.value) for c in notes["A"] if c.value)
    assert [c.value for c in notes[8]] == ["列名", "必填", "说明", "English"]
    with pytest.raises(ValidationError, match=".xlsx"):
        write_template(tmp_path / "t.csv")


def test_a_filled_template_imports_and_its_example_row_never_does(bank, people, tmp_path):
    path = write_template(tmp_path / "t.xlsx")
    wb = load_workbook(path)
    ws = wb["项目"]
    ws.append(["配电房防小动物挡板", "小设计", "已采纳", "小动物进入配电房", "加装挡板", "可拆卸\n透明", None, None, None,
               "1.2万", None, None, 300, None, "配电房", "公开", None, "W001", "W002"])
    wb.save(path)
    with pytest.raises(ImportFailed) as caught:  # the example row was left in
        transfer.import_projects(bank, people["admin"], path)
    assert [str(e) for e in caught.value.errors] == ["第 2 行：这是导入模板中的示例行：请删除或改写后再导入。"]
    ws.delete_rows(2)
    wb.save(path)
    assert transfer.import_projects(bank, people["admin"], path).imported == 1
    with bank.session() as s:
        p = s.scalar(select(Project))
    assert (p.category, p.status, p.innovation_points, p.expected_benefit, p.confidentiality) == (
        "design", "adopted", ["可拆卸", "透明"], 12000, "public")


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed")
def test_the_template_keeps_its_lists_when_a_suite_saves_it(tmp_path):
    saved = convert(write_template(tmp_path / "t.xlsx"), tmp_path / "saved")
    ws = load_workbook(saved)["项目"]
    assert set(_validations(ws)) == {"B", "C", "P"} and ws["R2"].value == "0012345"


def test_cli_writes_the_template(tmp_path, capsys):
    out = tmp_path / "out" / "template.xlsx"
    proc = ideabank(tmp_path / "home", "import", "--template", "-o", str(out))  # the real entry point, once
    assert load_workbook(out)["项目"]["A1"].value == "标题*" and "导入模板" in proc.stderr + proc.stdout
    assert main(["--data-dir", str(tmp_path / "home"), "import", "--template"]) == 2
    assert "ideabank import --template -o" in capsys.readouterr().err
