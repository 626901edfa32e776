"""The streaming TMX reader on unusual but well-formed input (its fast path must not change it)."""

from __future__ import annotations

from glossary.formats.tmx import iter_units

ODD = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4" xmlns="urn:example:tmx">
<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="zh-CN" datatype="plaintext"/>
<body>
<tu tuid="a" creationdate="20240101T000000Z"><prop type="x-a">1</prop><note>tu note</note>
  <tuv lang="ZH-cn" xml:lang="zh-CN" changeid="me"><prop type="x-b">2</prop><note>tuv note</note><seg>你<bpt i="1">&lt;b&gt;</bpt>好<ept i="1">&lt;/b&gt;</ept><hi>呀</hi></seg></tuv>
  <?pi data?><!-- a comment -->
  <tuv lang="en"><seg>hello</seg></tuv>
</tu>
<tu><tuv xml:lang=""><seg/></tuv><tuv xml:lang="en-US" lang="en"><seg>x &amp; y</seg><seg>second</seg></tuv></tu>
</body>
</tmx>
"""


def test_iter_units_on_unusual_units(tmp_path):
    path = tmp_path / "odd.tmx"
    path.write_text(ODD, encoding="utf-8")
    units = [(u.tuid, u.props, u.notes, u.attrs, u.line,
              [(t.lang, t.text, t.props, t.notes, t.attrs) for t in u.tuvs])
             for u in iter_units(path)]
    assert units == [
        ("a", [("x-a", "1")], ["tu note"], {"creationdate": "20240101T000000Z"}, 5,
         [("zh-CN", "你好呀", [("x-b", "2")], ["tuv note"], {"changeid": "me"}),
          ("en", "hello", [], [], {})]),
        (None, [], [], {}, 10, [("", "", [], [], {}), ("en-US", "second", [], [], {})]),
    ]
