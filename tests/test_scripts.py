"""Script conversions of glossary forms."""

import random

from glossary.scripts import _char_tables, _dictionary, converter, to_traditional


def test_taiwan_and_hong_kong_conversions_equal_opencc_own():
    """to_traditional derives s2tw/s2hk from s2t with the variant tables; OpenCC must agree."""
    rng = random.Random(7)
    chars = list(_char_tables()[0]) + list(_dictionary("TWVariants.txt")) + list(
        _dictionary("HKVariants.txt"))
    phrases = list(_dictionary("STPhrases.txt"))
    samples = ["为了里面的着装", "台湾说话", "霍拉姆沙赫尔-4", "阿里·拉里贾尼", "后台干涉"]
    samples += ["".join(rng.choice(chars) for _ in range(rng.randint(1, 8))) for _ in range(1500)]
    samples += [rng.choice(phrases) + rng.choice(chars) + rng.choice(phrases) for _ in range(500)]
    for text in samples:
        for config in ("s2tw", "s2hk"):
            assert to_traditional(text, config) == converter(config).convert(text), (text, config)


def test_characters_that_taiwan_and_hong_kong_write_too_are_no_evidence_of_simplified():
    from glossary.scripts import script_only_characters

    simplified, traditional = script_only_characters()
    for char in "峰群秘床雇恒":  # s2t: 峯 羣 祕 牀 僱 恆; Taiwan and Hong Kong copy write them as they are
        assert char not in simplified and char not in traditional
    for char in "线为国们这说":
        assert char in simplified


def test_taiwan_wire_copy_is_one_script():
    from glossary.scripts import TRADITIONAL, profile

    cna = ("（中央社華盛頓6日綜合外電報導）川普與普丁的峰會將在下月舉行。白宮新聞秘書李威特說，"
           "美軍「林肯號」航艦打擊群已抵達中東，峰會前美方不會撤軍。聯合國秘書長與北約秘書長"
           "同日發表聲明。恒生指數收低，雇主團體表示關注。")
    result = profile(cna)
    assert (result.simplified, result.script) == (0, TRADITIONAL)


def test_regional_spellings_opencc_leaves_out():
    from glossary.scripts import traditional_forms

    assert "核計畫" in traditional_forms("核计划")  # Taiwan's standard
    assert "接觸綫" in traditional_forms("接触线")  # Hong Kong's
    assert not any("畫" in spelling for spelling in traditional_forms("规划"))
