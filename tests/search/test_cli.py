"""`ideabank search`, `ideabank similar`, `ideabank reindex` through the real command entry."""
import json

from app.cli import main


def run(capsys, data_dir, *args):
    code = main(["--data-dir", str(data_dir), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def add(capsys, data_dir, title, background):
    code, out, _ = run(capsys, data_dir, "project", "add", "--title", title, "--category", "invention",
                       "--background", background, "--json")
    assert code == 0
    return json.loads(out)


def test_search_similar_reindex(capsys, tmp_path):
    d = tmp_path / "data"
    assert run(capsys, d, "init")[0] == 0
    a = add(capsys, d, "油浸式变压器漏油监测", "变压器渗漏油难以及时发现")
    b = add(capsys, d, "变压器漏油报警装置", "变压器漏油时自动报警")
    add(capsys, d, "安全帽佩戴识别", "摄像头识别未戴安全帽")

    code, out, _ = run(capsys, d, "search", "变压器", "漏油", "--json", "--facets")
    assert code == 0
    page = json.loads(out)
    assert page["total"] == 2 and {r["id"] for r in page["results"]} == {a["id"], b["id"]}
    first = page["results"][0]
    assert first["score"] > 0 and first["snippet"] and first["highlights"]
    assert page["facets"]["category"] == {"invention": 2}

    code, out, _ = run(capsys, d, "search", "变压器", "--limit", "1")
    assert code == 0 and "【变压器】" in out and out.count("CX-") == 1

    code, out, err = run(capsys, d, "search", "' OR 1=1--")
    assert code == 0 and "没有找到" in err

    code, out, _ = run(capsys, d, "similar", a["number"], "--json")
    assert code == 0
    assert [r["id"] for r in json.loads(out)["results"]][:1] == [b["id"]]

    code, _, err = run(capsys, d, "reindex")
    assert code == 0 and "3/3" in err

    code, _, err = run(capsys, d, "similar", "CX-0000-NOPE")
    assert code != 0 and err.startswith("ideabank:")
