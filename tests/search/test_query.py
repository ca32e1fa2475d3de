from hypothesis import given, settings
from hypothesis import strategies as st

from app.search.query import parse, snippet, year_values


def kinds(text):
    return [(c.kind, c.text, c.negated, c.prefix, c.field) for c in parse(text).clauses]


def test_words_phrases_exclusion_prefix_and_filters():
    got = kinds('变压器 "无人机 巡检" -误操作 变电* 分类:小发明 status:adopted 年份:2025 tag:GIS 工作室:"王建国 工作室"')
    assert ("words", "变压器", False, False, "") in got
    assert ("phrase", "无人机 巡检", False, False, "") in got
    assert ("words", "误操作", True, False, "") in got
    assert ("words", "变电", False, True, "") in got
    assert ("filter", "小发明", False, False, "category") in got
    assert ("filter", "adopted", False, False, "status") in got
    assert ("filter", "2025", False, False, "year") in got
    assert ("filter", "GIS", False, False, "tag") in got
    assert ("filter", "王建国 工作室", False, False, "studio") in got


def test_full_width_colon_and_quotes_work():
    assert kinds("分类：小发明") == [("filter", "小发明", False, False, "category")]
    assert kinds("“变电站巡检”") == [("phrase", "变电站巡检", False, False, "")]


def test_unknown_field_is_literal_text():
    assert kinds("http://x") == [("words", "http://x", False, False, "")]


def test_hostile_input_is_literal():
    for text in ["' OR 1=1--", "%", "_", '"', '"abc', "-", "*", ":", "分类:", "--", "-*", '-"', "\\", "a:b:c"]:
        parse(text)  # must not raise
    assert kinds("' OR 1=1--")[0][0] == "words"
    assert parse("*").is_empty() and parse("-*").is_empty()


def test_year_ranges():
    assert year_values("2023..2025") == ["2023", "2024", "2025"]
    assert year_values("2025") == ["2025"]
    assert year_values("abc") == []


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_no_input_raises_in_parse(text):
    q = parse(text)
    q.highlight_terms()


def test_snippet_marks_terms_and_prefers_the_densest_window():
    text = "开头无关的文字。" * 10 + "油浸式变压器漏油监测，变压器漏油报警。" + "结尾无关。" * 10
    s = snippet(text, ["变压器", "漏油"], width=30)
    marked = s.marked()
    assert "[变压器]" in marked and "[漏油]" in marked
    assert len(s.text) <= 32
    for a, b in s.spans:
        assert s.text[a:b] in ("变压器", "漏油")


def test_snippet_longest_term_wins_overlaps():
    s = snippet("油浸式变压器", ["油浸式变压器", "变压器"])
    assert s.spans == [(0, 6)]


def test_snippet_without_match_is_the_start():
    s = snippet("abc " * 100, ["zzz"], width=20)
    assert s.spans == [] and s.text.startswith("abc")
