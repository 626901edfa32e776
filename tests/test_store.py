"""Reading glossary files: entries with lines, and one clear error per kind of bad file."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest

from glossary.errors import GlossaryError
from glossary.store import find_glossary_dir, glossary_files, load_file, load_glossary, read_text
from glossary.yamlnodes import parse_entries


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def test_entries_carry_file_entry_and_field_lines(small_glossary):
    path = small_glossary / "people.yaml"
    first, second = load_file(path)
    assert first.id == "abbas-araghchi" and second.id == "badr-albusaidi"
    assert first.location.path == str(path)
    assert first.location.line == 3
    assert first.line_of("forbidden") == 9 and first.line_of("note") == 13
    # The end line is the entry's own last line, not the comment above the next entry.
    assert first.location.end_line == 13
    assert second.location.line == 16 and second.location.end_line == 20


def test_end_line_of_block_scalar_and_flow_entries(tmp_path):
    path = write(tmp_path / "g.yaml",
                 "- id: a\n  zh: 阿\n  en: A\n  type: term\n  note: |\n    two\n    lines\n\n"
                 "# next\n- {id: b, zh: 乙, en: B, type: term}\n")
    a, b = load_file(path)
    assert a.note == "two\nlines"
    assert (a.location.line, a.location.end_line) in {(1, 7), (1, 8)}
    assert (b.location.line, b.location.end_line) == (10, 10)


def test_load_glossary_reads_every_yaml_file_sorted(tmp_path):
    root = tmp_path / "glossary"
    write(root / "b.yaml", "- {id: b, zh: 乙, en: B, type: term}\n")
    write(root / "sub" / "a.yml", "- {id: a, zh: 甲, en: A, type: term}\n")
    write(root / "notes.txt", "not a glossary file")
    write(root / ".b.yaml.123.tmp", "garbage: [")
    glossary = load_glossary(root)
    assert [e.id for e in glossary] == ["b", "a"]
    assert [Path(f).name for f in glossary.files] == ["b.yaml", "a.yml"]
    assert glossary_files(root) == [root / "b.yaml", root / "sub" / "a.yml"]


def test_empty_file_and_comment_only_file_have_no_entries(tmp_path):
    assert load_file(write(tmp_path / "a.yaml", "")) == []
    assert load_file(write(tmp_path / "b.yaml", "# only a comment\n")) == []


def test_byte_order_mark_and_crlf_are_read(tmp_path):
    path = write(tmp_path / "a.yaml", "\ufeff# c\r\n- id: a\r\n  zh: 阿\r\n  en: A\r\n  type: term\r\n")
    [entry] = load_file(path)
    assert entry.id == "a" and entry.location.line == 2 and entry.line_of("type") == 5
    assert read_text(path).startswith("\ufeff# c\r\n")


def test_find_glossary_dir_walks_up(tmp_path, monkeypatch):
    (tmp_path / "glossary").mkdir()
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_glossary_dir(deep) == (tmp_path / "glossary").resolve()
    monkeypatch.chdir(deep)
    assert find_glossary_dir() == (tmp_path / "glossary").resolve()


def test_no_glossary_dir_is_one_clear_error(tmp_path):
    with pytest.raises(GlossaryError, match="no glossary/ folder"):
        find_glossary_dir(tmp_path)
    with pytest.raises(GlossaryError, match="does not exist"):
        glossary_files(tmp_path / "missing")


@pytest.mark.parametrize("text, line, message", [
    ("- id: a\n  zh: [阿\n  en: A\n", 3, "invalid YAML"),
    ("- id: a\n  zh: 阿\n en: A\n", 3, "invalid YAML"),
    ("id: a\nzh: 阿\n", 1, "must be a list of entries"),
    ("- id: a\n  zh: 阿\n  en: A\n  type: term\n  zh: 乙\n", 5, "field 'zh' given twice"),
    ("- id: a\n  zh: 阿\n  en: A\n  type: term\n  colour: red\n", 5, "unknown field 'colour'"),
    ("- id: a\n  zh: 阿\n  en: A\n  type: term\n  variants: 3\n", 5, "must be a list of strings"),
    ("- id: a\n  zh: 阿\n  type: term\n", 1, "missing required field 'en'"),
    ("- id: a\n  zh: 阿\n  en: A\n  type: term\n  note: !!binary aGVsbG8=\n", 5, "must be a string"),
    ("- id: a\n  zh: 阿\n  en: A\n  type: term\n  status: [approved]\n", 5, "must be a string"),
    ("- just a string\n", 1, "must be a mapping"),
])
def test_bad_files_give_one_error_with_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path / "bad.yaml", text)
    with pytest.raises(GlossaryError) as info:
        load_file(path)
    assert info.value.path == str(path)
    assert info.value.line == line, str(info.value)
    assert message in info.value.message
    assert "\n" not in str(info.value)


def test_not_utf8(tmp_path):
    path = write(tmp_path / "gbk.yaml", "- id: a\n  zh: 阿拉格齐\n", encoding="gbk")
    with pytest.raises(GlossaryError, match="not UTF-8") as info:
        load_file(path)
    assert info.value.path == str(path) and info.value.line == 2


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.yaml", "- {id: a, zh: 阿, en: A, type: term}\n")
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    with pytest.raises(GlossaryError, match="cannot read: Permission denied") as info:
        load_file(path)
    assert info.value.path == str(path)


def test_parse_entries_gives_nodes_data_and_field_lines(small_glossary):
    text = (small_glossary / "people.yaml").read_text(encoding="utf-8")
    parsed = parse_entries(text, "people.yaml")
    assert [data["id"] for _, data, _ in parsed] == ["abbas-araghchi", "badr-albusaidi"]
    node, data, lines = parsed[0]
    assert node.start_mark.line == 2 and lines["zh"] == 4
