"""Terminal widths used to align tables and the marker under a finding."""

from glossary.textwidth import display_width


def test_ascii_cjk_fullwidth_and_interpunct():
    assert display_width("abc") == 3
    assert display_width("阿拉格奇") == 8
    assert display_width("Ｆ－") == 4
    assert display_width("·") == 1
    assert display_width("") == 0


def test_combining_marks_take_no_column():
    assert display_width("zha\u0300n") == 4  # a + combining grave: one column
    assert display_width("zhàn") == 4
