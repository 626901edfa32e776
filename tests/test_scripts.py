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
