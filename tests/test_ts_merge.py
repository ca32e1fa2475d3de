"""The .ts merge driver keeps both branches' strings and respects deletions (packaging/ts_merge.py)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("ts_merge", ROOT / "packaging" / "ts_merge.py")
ts_merge = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ts_merge)  # type: ignore[union-attr]

HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="zh_CN">\n'


def _msg(source: str, tr: str | None) -> str:
    body = f"        <translation>{tr}</translation>\n" if tr else '        <translation type="unfinished"></translation>\n'
    return f"    <message>\n        <source>{source}</source>\n{body}    </message>\n"


def _ts(contexts: dict[str, list[str]]) -> str:
    return HEAD + "".join(f"<context>\n    <name>{n}</name>\n{''.join(m)}</context>\n" for n, m in contexts.items()) + "</TS>\n"


def _merge(tmp_path: Path, base: str, ours: str, theirs: str) -> str:
    paths = []
    for name, text in (("base", base), ("ours", ours), ("theirs", theirs)):
        p = tmp_path / f"{name}.ts"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    assert ts_merge.main(["ts_merge", *paths]) == 0
    return (tmp_path / "ours.ts").read_text(encoding="utf-8")


def test_the_real_catalogues_pass_through_unchanged() -> None:
    for ts in (ROOT / "resources" / "i18n").glob("*.ts"):
        text = ts.read_text(encoding="utf-8")
        head, cat = ts_merge.parse(text)
        assert ts_merge.render(head, ts_merge.merge(cat, cat, cat)) == text


def test_both_sides_additions_kept_deletions_respected_finished_wins(tmp_path: Path) -> None:
    base = _ts({"Pane": [_msg("Keep", "保留"), _msg("Gone", "删除"), _msg("Todo", None)]})
    ours = _ts({"Pane": [_msg("Keep", "保留"), _msg("Todo", None), _msg("Ours", "我方")]})
    theirs = _ts({"Aaa": [_msg("New page", "新页面")],
                  "Pane": [_msg("Keep", "保留"), _msg("Gone", "删除"), _msg("Todo", "待办"), _msg("Theirs", "对方")]})
    out = _merge(tmp_path, base, ours, theirs)
    _, merged = ts_merge.parse(out)
    assert list(merged) == ["Aaa", "Pane"]
    pane = "".join(merged["Pane"].values())
    assert "<source>Gone</source>" not in pane  # deleted by ours
    for s in ("Keep", "Ours", "Theirs"):
        assert f"<source>{s}</source>" in pane
    assert "<translation>待办</translation>" in pane  # the finished translation wins
    assert out.endswith("</TS>\n") and out.startswith(HEAD)
