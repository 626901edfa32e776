"""Reading texts in the encodings news copy comes in, writing them back, and naming the inputs."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest

from glossary.paths import collect_paths
from glossary.errors import GlossaryError
from glossary.reader import Decoded, UnreadableFile, decode, encode, read_text, write_atomic

SIMPLIFIED = "伊朗外长阿拉格齐说，伊朗将与美国谈判。\n霍拉姆沙赫尔-4导弹试射成功。\n"
TRADITIONAL = "伊朗外長阿拉格齊說，伊朗將與美國談判。\n霍拉姆沙赫爾-4導彈試射成功。\n"

BIG5 = ("big5", "big5hkscs", "cp950")


# --- decoding ---------------------------------------------------------------------------------


def test_utf8():
    d = decode(SIMPLIFIED.encode("utf-8"))
    assert d == Decoded(SIMPLIFIED, "utf-8", "\n")


def test_utf8_with_bom():
    d = decode(codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"))
    assert d.text == SIMPLIFIED  # the BOM is not part of the text (columns stay right)
    assert d.encoding == "utf-8-sig"
    assert encode(d.text, d.encoding) == codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8")


@pytest.mark.parametrize("text", [SIMPLIFIED, TRADITIONAL, "12日战争结束后，美军中央司令部发表声明。"])
def test_gb18030(text):
    data = text.encode("gb18030")
    d = decode(data)
    assert (d.text, d.encoding) == (text, "gb18030")
    assert encode(d.text, d.encoding) == data


@pytest.mark.parametrize("text", [TRADITIONAL, "12日戰爭結束後，美軍中央司令部發表聲明。", "阿拉格齊會見巴德爾"])
def test_big5(text):
    data = text.encode("big5")
    d = decode(data)
    assert d.text == text
    assert d.encoding in BIG5
    assert encode(d.text, d.encoding) == data


def test_gbk_bytes_are_read_as_gb18030():
    data = SIMPLIFIED.encode("gbk")
    assert decode(data).text == SIMPLIFIED


def test_gb18030_headline_of_names():
    text = "阿里·拉里贾尼与阿拉格齐会谈"
    assert decode(text.encode("gb18030")).text == text


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_line_ends_are_kept(newline):
    text = f"第一行{newline}第二行{newline}"
    d = decode(text.encode("utf-8"))
    assert d.text == text and d.newline == newline


def test_crlf_in_gb18030():
    text = SIMPLIFIED.replace("\n", "\r\n")
    d = decode(text.encode("gb18030"))
    assert (d.text, d.encoding, d.newline) == (text, "gb18030", "\r\n")


def test_no_line_end_and_empty():
    assert decode("阿拉格齐".encode()).newline == "\n"
    assert decode(b"") == Decoded("", "utf-8", "\n")


def test_binary_file_is_unreadable():
    with pytest.raises(UnreadableFile, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.txt")


@pytest.mark.parametrize("data", [b"\x80\xff\x80\xff", b"\xff\xff\xff\xff", b"abc\xfe"])
def test_undecodable_bytes_are_unreadable(data):
    with pytest.raises(UnreadableFile) as info:
        decode(data, "weird.txt")
    assert "weird.txt" in str(info.value)
    assert isinstance(info.value, GlossaryError)


def test_utf16_with_bom():
    d = decode(codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"))
    assert d.text == SIMPLIFIED


def test_read_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    assert read_text(path).text == TRADITIONAL
    with pytest.raises(GlossaryError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(GlossaryError, match="folder"):
        read_text(tmp_path)


# --- writing ----------------------------------------------------------------------------------


def test_write_atomic_replaces_content_and_keeps_mode(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    write_atomic(path, "新内容".encode("gb18030"))
    assert path.read_bytes() == "新内容".encode("gb18030")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["a.txt"]


def test_write_atomic_creates_a_new_file(tmp_path):
    write_atomic(tmp_path / "new.txt", b"x")
    assert (tmp_path / "new.txt").read_bytes() == b"x"


def test_write_atomic_failure_leaves_the_original(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"original")
    with pytest.raises(TypeError):
        write_atomic(path, "not bytes")  # type: ignore[arg-type]
    assert path.read_bytes() == b"original"
    assert os.listdir(tmp_path) == ["a.txt"]


# --- which files a check reads ------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ["texts/a.txt", "texts/b.md", "texts/c.csv", "texts/deep/d.txt", "texts/.hidden/e.txt",
                 "texts/node_modules/f.txt", "texts/drafts/g.txt", "notes.TXT", "other.text"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("阿拉格齐", encoding="utf-8")
    return tmp_path


def names(paths):
    return [p.as_posix() for p in paths]


def test_folder_is_walked_recursively(tree):
    assert names(collect_paths(["texts"])) == [
        "texts/a.txt", "texts/b.md", "texts/deep/d.txt", "texts/drafts/g.txt"]


def test_explicit_file_is_taken_whatever_its_suffix(tree):
    assert names(collect_paths(["texts/c.csv", "other.text"])) == ["texts/c.csv", "other.text"]


def test_glob_patterns(tree):
    assert names(collect_paths(["texts/*.md"])) == ["texts/b.md"]
    found = names(collect_paths(["texts/**/*.txt"]))
    assert {"texts/a.txt", "texts/deep/d.txt", "texts/drafts/g.txt"} <= set(found)
    assert "texts/.hidden/e.txt" not in found  # glob semantics: hidden folders are not matched
    assert names(collect_paths(["*.TXT"])) == ["notes.TXT"]


def test_include_and_exclude(tree):
    assert names(collect_paths(["texts"], include=["*.csv"])) == ["texts/c.csv"]
    assert names(collect_paths(["texts"], exclude=["texts/drafts/*"])) == [
        "texts/a.txt", "texts/b.md", "texts/deep/d.txt"]
    assert names(collect_paths(["texts"], exclude=["*.md", "d.txt"])) == ["texts/a.txt", "texts/drafts/g.txt"]
    assert names(collect_paths(["texts/a.txt"], exclude=["a.txt"])) == []


def test_broken_links_in_folders_are_left_out(tree):
    # An editor's lock file (Emacs: .#name -> user@host.pid) is a dangling symbolic link; it used
    # to abort the whole check with "no such file or folder" (fixed in check._walk).
    (tree / "texts" / ".#a.txt").symlink_to("user@host.1234:1700000000")
    assert names(collect_paths(["texts"])) == [
        "texts/a.txt", "texts/b.md", "texts/deep/d.txt", "texts/drafts/g.txt"]
    with pytest.raises(GlossaryError, match="no such file or folder"):
        collect_paths(["texts/.#a.txt"])  # named explicitly, it is still an error


def test_the_same_file_twice_is_read_once(tree):
    assert names(collect_paths(["texts/a.txt", "./texts/a.txt", "texts"])) == [
        "texts/a.txt", "texts/b.md", "texts/deep/d.txt", "texts/drafts/g.txt"]


def test_missing_path_and_empty_glob_are_errors(tree):
    with pytest.raises(GlossaryError, match="no such file or folder"):
        collect_paths(["missing.txt"])
    with pytest.raises(GlossaryError, match="matches no file"):
        collect_paths(["texts/*.docx"])


@pytest.mark.parametrize("data, text", [
    ("伊朗外长阿拉格奇说“很好”。".encode() + b"\x93" + "阿拉格奇".encode(), "伊朗外长阿拉格奇说“很好”。\ufffd阿拉格奇"),
    ("伊朗外长阿拉格奇说".encode()[:-1], "伊朗外长阿拉格奇\ufffd"),  # the last character cut off
    (b"abc\xfe", "abc\ufffd"),
])
def test_utf8_with_a_few_bad_bytes_is_read_with_replacements(data, text):
    decoded = decode(data, lossy=True)
    assert (decoded.text, decoded.encoding, decoded.replaced) == (text, "utf-8", 1)
    try:  # not for readers whose text may be written back: unreadable, or read as before
        strict = decode(data)
    except UnreadableFile:
        return
    assert strict.replaced == 0 and "\ufffd" not in strict.text


def test_a_fix_is_never_written_to_a_file_that_does_not_round_trip(tmp_path):
    from glossary.check import check_paths
    from glossary.fix import fix_files
    from glossary.store import load_glossary

    glossary = load_glossary(Path(__file__).resolve().parent / "data" / "check" / "glossary")
    # cp950 has 十 at A2CC as well as at A451: read, it would be written back as A451
    raw = "伊朗外長阿拉格奇說".encode("cp950") + b"\xa2\xcc" + "€".encode("cp950")
    path = tmp_path / "big5.txt"
    path.write_bytes(raw)
    result = check_paths(glossary, [str(path)])
    assert [f.code for f in result.findings if f.fix] == ["GL001"]
    (outcome,) = fix_files(result.findings)
    assert outcome.applied == [] and len(outcome.skipped) == 1 and path.read_bytes() == raw


@pytest.mark.parametrize("text, encoding, read_as", [
    ("阿拉格奇会见巴德尔", "gbk", "gb18030"),  # a short headline: Big5 would read 陝嶺跡✽頗獗匙肅嫌
    ("阿拉格奇说", "gbk", "gb18030"),
    ("伊朗外長阿拉格齊說€", "cp950", "cp950"),  # Windows' Big5: € is not in Big5 proper
    ("內坦亞胡說", "big5", "big5hkscs"),
])
def test_short_legacy_texts_and_windows_big5(text, encoding, read_as):
    decoded = decode(text.encode(encoding))
    assert (decoded.text, decoded.encoding) == (text, read_as)
    if read_as != "gb18030":
        assert encode(decoded.text, decoded.encoding) == text.encode(encoding)


@pytest.mark.parametrize("bom, codec", [
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")])
def test_utf16_and_utf32_keep_their_byte_order(bom, codec):
    """Each byte order is read (UTF-32 BE was taken for binary, its BOM starting with NULs)
    and written back as it was, BOM first (UTF-16 BE came back little-endian, so --fix never
    wrote such a file)."""
    from glossary.reader import encode

    data = bom + SIMPLIFIED.encode(codec)
    d = decode(data)
    assert (d.text, d.encoding) == (SIMPLIFIED, codec)
    assert encode(d.text, d.encoding) == data
