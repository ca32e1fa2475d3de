from app.search import analyzer


def terms(text):
    return [t for t, _ in analyzer.segment(text)]


def test_long_domain_word_keeps_its_sub_words_at_the_same_position():
    seg = analyzer.segment("油浸式变压器漏油")
    positions = dict(seg)
    assert positions["油浸式变压器"] == positions["变压器"] == 0
    assert positions["漏油"] == 1


def test_user_dictionary_keeps_domain_words_whole():
    for word in ("工器具", "云平台", "无人机巡检", "配电房", "接地线", "继电保护"):
        assert word in terms(f"关于{word}的改进"), word


def test_sub_words_longer_than_three_characters_are_found():
    # jieba's own search mode only looks at 2- and 3-grams: 继电保护 would hide in 继电保护装置
    assert "继电保护" in terms("继电保护装置定值核对")


def test_positions_are_sequential_for_main_words():
    main = []
    last = -1
    for term, pos in analyzer.segment("变电站巡检机器人充电桩改进"):
        if pos != last:
            main.append(pos)
            last = pos
    assert main == list(range(len(main)))


def test_latin_is_lowercased_split_on_dash_and_never_stemmed():
    got = terms("DJI-M300 GIS-220kV Sensors")
    assert "dji" in got and "m300" in got and "gis" in got and "220kv" in got
    assert "sensors" in got and "gi" not in got


def test_punctuation_and_particles_are_not_indexed():
    got = terms("变压器的，漏油。")
    assert "的" not in got and "，" not in got and "。" not in got


def test_person_terms_have_pinyin_initials_and_heteronyms():
    assert {"张三", "zhangsan", "zs"} <= set(analyzer.person_terms("张三"))
    zeng = set(analyzer.person_terms("曾国强"))
    assert {"zengguoqiang", "zgq", "cengguoqiang"} <= zeng


def test_stamp_names_segmenter_and_dictionary_hash():
    s = analyzer.stamp()
    assert s["segmenter"] == "rjieba" and len(s["dictionary"]) == 16 and s["analyzer"] >= 1
