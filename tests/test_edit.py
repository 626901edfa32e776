"""Rendering entries and changing glossary files textually, atomically and under a lock."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import glossary.edit as edit_module
from glossary.edit import (AddReport, _File, add_entries, add_entry, default_file, remove_entry,
                           slugify, update_entry, write_atomic)
from glossary.errors import GlossaryError
from glossary.model import ENTRY_TYPES, NOT_XML_CHAR, STATUSES, Entry, Forbidden
from glossary.render import entry_lines, flow_list, render_entries, render_entry, scalar
from glossary.store import load_file, load_glossary

HEADER = "# yaml-language-server: $schema=../src/glossary/schema/glossary.schema.json\n"


def entry(id: str, zh: str, en: str | None = None, type: str = "person", **fields) -> Entry:
    return Entry.from_dict({"id": id, "zh": zh, "en": en or id.replace("-", " ").title(),
                            "type": type, **fields})


LARIJANI = entry("ali-larijani", "拉里贾尼", "Ali Larijani", variants=["阿里·拉里贾尼"])


def read(path: Path) -> bytes:
    return path.read_bytes()


# --- render --------------------------------------------------------------------------------


def test_render_layout_matches_the_seed_files():
    e = entry("abbas-araghchi", "阿拉格齐", "Abbas Araghchi", variants=["阿巴斯·阿拉格齐"],
              forbidden=[{"form": "阿拉格奇", "reason": "non-standard transliteration"}, "阿拉格其"],
              en_variants=["Araghchi"], note="Iran's foreign minister.", sources=["https://x.org/a,b"])
    assert render_entry(e) == (
        "- id: abbas-araghchi\n"
        "  zh: 阿拉格齐\n"
        "  en: Abbas Araghchi\n"
        "  type: person\n"
        "  status: approved\n"
        "  variants: [阿巴斯·阿拉格齐]\n"
        "  forbidden:\n"
        "    - form: 阿拉格奇\n"
        "      reason: non-standard transliteration\n"
        "    - form: 阿拉格其\n"
        "  en_variants: [Araghchi]\n"
        "  note: Iran's foreign minister.\n"
        "  sources: ['https://x.org/a,b']\n"
    )
    assert render_entry(e, "\r\n").count("\r\n") == 13
    assert entry_lines(e, indent=2)[0] == "  - id: abbas-araghchi"


@pytest.mark.parametrize("value, text", [
    ("plain text", "plain text"),
    ("a: b", "'a: b'"),
    ("# not a comment", "'# not a comment'"),
    ("*alias", "'*alias'"),
    ("&anchor", "'&anchor'"),
    ("'quoted'", "'''quoted'''"),
    ('"quoted"', "'\"quoted\"'"),
    ("yes", "'yes'"),
    ("null", "'null'"),
    ("1984", "'1984'"),
    ("2024-01-01", "'2024-01-01'"),
    ("line one\nline two", '"line one\\nline two"'),
    ("tab\there", '"tab\\there"'),
    ("阿拉格齐 𠀀", "阿拉格齐 𠀀"),
])
def test_scalars_are_quoted_exactly_when_yaml_needs_it(value, text):
    assert scalar(value) == text


def test_flow_lists_quote_flow_indicators():
    assert flow_list(["a", "b, c", "[d]", "e}", "f: g", "h:"]) == "[a, 'b, c', '[d]', 'e}', 'f: g', 'h:']"
    assert flow_list(["https://x.org/a?b=c#d", "阿·拉"]) == "[https://x.org/a?b=c#d, 阿·拉]"


# Random entries: XML-special characters, quotes, colons, line breaks, non-BMP characters.
SPECIAL = st.sampled_from(list("<>&'\":#-?*!|%@`{}[],~= \t\n\r\\\u0085\u2028\ufeff\x00\x7f")
                          + ["𠀀", "😀", "…", ": ", " #", "\r\n", "https://x.org/a?b=c#d", "a:b",
                             "?", ":", "- ", "yes", "~", "0x1F", "1e3", ".inf", "<<", "!tag", "%", "'"])
# (less the characters XML cannot carry, which an entry may not hold)
TEXT = st.lists(st.one_of(st.characters(codec="utf-8"), SPECIAL), min_size=1, max_size=12) \
    .map("".join).map(lambda text: NOT_XML_CHAR.sub("", text))
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF) | st.sampled_from(["𠀀", "𪚥", "齊"])


@st.composite
def words(draw, strategy=TEXT):
    value = draw(strategy).strip()
    return value or "x"


@st.composite
def zh_forms(draw):
    return (draw(TEXT | st.just("")) + draw(HAN) + draw(TEXT | st.just(""))).strip()


def unique(values):
    return list(dict.fromkeys(v for v in values))


@st.composite
def entries(draw):
    slug = "-".join(draw(st.lists(st.text("abcz019", min_size=1, max_size=5), min_size=1, max_size=3)))
    data = {"id": slug, "zh": draw(zh_forms()), "en": draw(words()),
            "type": draw(st.sampled_from(ENTRY_TYPES)), "status": draw(st.sampled_from(STATUSES))}
    if draw(st.booleans()):
        data["zh_hant"] = draw(zh_forms())
    for name, strategy in (("variants", zh_forms()), ("en_variants", words()),
                           ("en_forbidden", words()), ("sources", words())):
        values = unique(draw(st.lists(strategy, max_size=3)))
        if values:
            data[name] = values
    forbidden = []
    for form in unique(draw(st.lists(zh_forms(), max_size=3))):
        reason = draw(st.none() | words())
        forbidden.append({"form": form, "reason": reason} if reason else form)
    if forbidden:
        data["forbidden"] = forbidden
    for name in ("note", "context"):
        if draw(st.booleans()):
            data[name] = draw(words())
    return Entry.from_dict(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries(), st.sampled_from(["\n", "\r\n"]))
def test_render_then_parse_gives_the_same_entry(e, newline):
    text = HEADER.replace("\n", newline) + render_entry(e, newline)
    [back] = load_file("x.yaml", text)
    assert back == e
    assert back.location.line == 2


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries(), entries(), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_replacing_an_entry_changes_only_its_lines(old, new, newline, final_newline):
    before = ("# header\n" + render_entry(LARIJANI) + "\n# about the next one\n"
              + render_entry(old).replace("  en:", "  # a comment inside\n  en:", 1)
              + "\n- id: last-one\n  zh: 末\n  en: Last\n  type: term  # trailing\n")
    before = before.replace("\n", newline)
    if not final_newline:
        before = before.rstrip("\r\n")
    f = _File(Path("x.yaml"), before)
    after = f.replaced(1, new)
    assert load_file("x.yaml", after) == [LARIJANI, new, f.entries[2]]
    span = f.spans[1]
    old_lines, new_lines = before.splitlines(True), after.splitlines(True)
    head, tail = old_lines[: span.start], old_lines[span.end + 1:]
    assert new_lines[: len(head)] == head
    assert new_lines[len(new_lines) - len(tail):] == tail
    assert after.endswith(newline) == final_newline
    if newline == "\r\n":
        assert after.count("\n") == after.count("\r\n")
    if new == old:
        assert after == before


# --- add -----------------------------------------------------------------------------------


def test_add_appends_and_keeps_the_old_text_byte_for_byte(small_glossary):
    path = small_glossary / "people.yaml"
    before = read(path)
    assert add_entry(small_glossary, LARIJANI) == path
    after = read(path)
    assert after.startswith(before)
    assert after[len(before):] == b"\n" + render_entry(LARIJANI).encode()
    assert load_file(path)[-1] == LARIJANI
    assert load_file(path)[-1].location.line == 22


def test_add_to_a_crlf_file_without_final_newline(tmp_path):
    root = tmp_path / "glossary"
    root.mkdir()
    path = root / "people.yaml"
    original = "# header\r\n- id: a\r\n  zh: 甲\r\n  en: A\r\n  type: person"
    path.write_bytes(original.encode())
    add_entry(root, LARIJANI)
    text = read(path).decode()
    assert text.startswith(original + "\r\n\r\n- id: ali-larijani\r\n")
    assert text.count("\n") == text.count("\r\n")
    assert not text.endswith("\n")
    assert [e.id for e in load_file(path)] == ["a", "ali-larijani"]


def test_add_keeps_a_byte_order_mark(tmp_path):
    root = tmp_path / "glossary"
    root.mkdir()
    path = root / "people.yaml"
    path.write_bytes("\ufeff- {id: a, zh: 甲, en: A, type: person}\n".encode())
    add_entry(root, LARIJANI)
    assert read(path).startswith("\ufeff- {id: a, zh: 甲, en: A, type: person}\n\n- id: ali".encode())


def test_add_without_blank_separators_adds_none(tmp_path):
    root = tmp_path / "glossary"
    root.mkdir()
    path = root / "people.yaml"
    original = "- id: a\n  zh: 甲\n  en: A\n  type: person\n- id: b\n  zh: 乙\n  en: B\n  type: person\n"
    path.write_text(original, encoding="utf-8")
    add_entry(root, LARIJANI)
    assert path.read_text(encoding="utf-8") == original + render_entry(LARIJANI)


def test_add_picks_the_file_by_type(tmp_path):
    root = tmp_path / "glossary"
    root.mkdir()
    (root / "misc.yaml").write_text("- {id: p, zh: 甲, en: P, type: place}\n"
                                    "- {id: q, zh: 乙, en: Q, type: place}\n"
                                    "- {id: r, zh: 丙, en: R, type: person}\n", encoding="utf-8")
    (root / "names.yaml").write_text("- {id: s, zh: 丁, en: S, type: person}\n", encoding="utf-8")
    assert add_entry(root, LARIJANI) == root / "names.yaml"
    assert add_entry(root, entry("tehran", "德黑兰", type="place")) == root / "misc.yaml"
    # No file is mostly about events: a new events.yaml, with the schema modeline.
    path = add_entry(root, entry("snapback", "快速恢复制裁", type="event"))
    assert path == root / "events.yaml" == default_file(root, "event")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    schema = (path.parent / text.splitlines()[0].split("$schema=")[1]).resolve()
    assert schema == edit_module.SCHEMA_PATH
    assert load_file(path) == [entry("snapback", "快速恢复制裁", type="event")]
    assert default_file(root, "person").name == "people.yaml"


def test_new_file_copies_a_sibling_modeline(small_glossary):
    path = add_entry(small_glossary, entry("tehran", "德黑兰", type="place"))
    assert path.name == "places.yaml"
    assert path.read_text(encoding="utf-8") == HEADER + "\n" + render_entry(entry("tehran", "德黑兰", type="place"))


def test_add_with_explicit_file(small_glossary, monkeypatch):
    e = entry("tehran", "德黑兰", type="place")
    assert add_entry(small_glossary, e, file="people.yaml") == small_glossary / "people.yaml"
    path = add_entry(small_glossary, entry("iran", "伊朗", type="place"), file="regions/mideast.yaml")
    assert path == small_glossary / "regions" / "mideast.yaml" and path.exists()
    monkeypatch.chdir(small_glossary.parent)
    assert add_entry(small_glossary, entry("oman", "阿曼", type="place"),
                     file="glossary/regions/mideast.yaml").resolve() == path.resolve()
    with pytest.raises(GlossaryError, match="not inside the glossary folder"):
        add_entry(small_glossary, entry("iraq", "伊拉克", type="place"), file="../elsewhere.yaml")
    with pytest.raises(GlossaryError, match="must end in .yaml"):
        add_entry(small_glossary, entry("iraq", "伊拉克", type="place"), file="places.txt")


@pytest.mark.parametrize("new, needle", [
    (entry("abbas-araghchi", "阿拉"), "the id abbas-araghchi is already used by the entry at"),
    (entry("other", "阿拉格齐"), "阿拉格齐 (preferred form of other) is already claimed by entry abbas-araghchi"),
    (entry("other", "阿拉格齊"), "claimed by entry abbas-araghchi"),  # traditional script
    (entry("other", "阿巴斯阿拉格齐"), "as variant"),  # without the interpunct
    (entry("other", "阿巴斯・阿拉格齐"), "as variant"),  # another interpunct
    (entry("other", "某人", variants=["阿拉格奇"]), "as forbidden form"),
    (entry("other", "某人", forbidden=["巴德尔"]), "claimed by entry badr-albusaidi"),
    (entry("other", "某人", variants=["某某"], forbidden=["某某"]), "both accepted"),
])
def test_duplicates_are_refused_naming_the_existing_entry(small_glossary, new, needle):
    path = small_glossary / "people.yaml"
    before = read(path)
    with pytest.raises(GlossaryError) as info:
        add_entry(small_glossary, new)
    message = str(info.value)
    assert needle in message
    if "already" in message:
        assert f"{small_glossary / 'people.yaml'}:" in message
    assert read(path) == before
    assert sorted(p.name for p in small_glossary.iterdir()) == [".lock", "people.yaml"]


def test_refusal_names_file_and_line(small_glossary):
    with pytest.raises(GlossaryError, match=r"badr-albusaidi at .*people\.yaml:16 "):
        add_entry(small_glossary, entry("badr", "巴德尔"))


def test_homographs_with_distinct_contexts_are_allowed(tmp_path):
    root = tmp_path / "glossary"
    root.mkdir()
    add_entry(root, entry("georgia-country", "格鲁吉亚", "Georgia", type="place", context="the country"))
    with pytest.raises(GlossaryError, match="homograph"):
        add_entry(root, entry("georgia-state", "格鲁吉亚", "Georgia", type="place"))
    add_entry(root, entry("georgia-state", "格鲁吉亚", "Georgia", type="place", context="US state"))
    assert [e.id for e in load_glossary(root)] == ["georgia-country", "georgia-state"]


def test_add_refuses_when_any_glossary_file_is_broken(small_glossary):
    (small_glossary / "broken.yaml").write_text("- id: x\n  zh: [\n", encoding="utf-8")
    before = read(small_glossary / "people.yaml")
    with pytest.raises(GlossaryError) as info:
        add_entry(small_glossary, LARIJANI)
    assert info.value.path.endswith("broken.yaml") and info.value.line == 3
    assert read(small_glossary / "people.yaml") == before


def test_add_refuses_a_flow_style_file(tmp_path):
    root = tmp_path / "glossary"
    root.mkdir()
    path = root / "people.yaml"
    path.write_text("[{id: a, zh: 甲, en: A, type: person}]\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="without reformatting"):
        add_entry(root, LARIJANI)
    assert path.read_text(encoding="utf-8") == "[{id: a, zh: 甲, en: A, type: person}]\n"


def test_add_validates_hand_built_entries(tmp_path):
    root = tmp_path / "glossary"
    root.mkdir()
    with pytest.raises(GlossaryError, match="not one of"):
        add_entry(root, dataclasses.replace(LARIJANI, type="alien"))
    with pytest.raises(GlossaryError, match="not valid Unicode"):  # undecodable argv bytes
        add_entry(root, dataclasses.replace(LARIJANI, note="bad \udcff byte"))
    assert list(root.iterdir()) == []


# --- edit ----------------------------------------------------------------------------------


def test_update_changes_only_the_changed_fields(small_glossary):
    path = small_glossary / "people.yaml"
    before = path.read_text(encoding="utf-8")

    def change(old: Entry) -> Entry:
        return dataclasses.replace(old, status="proposed", note=None, context="Iran",
                                   forbidden=old.forbidden + (Forbidden("阿拉格其", "typo"),))

    assert update_entry(small_glossary, "abbas-araghchi", change) == path
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("  status: approved\n", "  status: proposed\n").replace(
        "      reason: non-standard transliteration\n",
        "      reason: non-standard transliteration\n    - form: 阿拉格其\n      reason: typo\n",
    ).replace("  note: Iran's foreign minister.\n", "  context: Iran\n")


def test_update_keeps_comments_inside_the_entry(tmp_path):
    root = tmp_path / "glossary"
    root.mkdir()
    path = root / "people.yaml"
    path.write_text("- id: a  # stable id\n  zh: 甲\n  # the English name\n  en: A  # check\n"
                    "  type: person\n  variants: [甲甲]\n", encoding="utf-8")
    update_entry(root, "a", lambda e: dataclasses.replace(e, id="b", en="B", variants=()))
    assert path.read_text(encoding="utf-8") == (
        "- id: b  # stable id\n  zh: 甲\n  # the English name\n  en: B  # check\n  type: person\n")


def test_update_of_a_flow_entry_replaces_it_whole(tmp_path):
    root = tmp_path / "glossary"
    root.mkdir()
    path = root / "people.yaml"
    path.write_text("# h\n- {id: a, zh: 甲, en: A, type: person}\n\n- {id: b, zh: 乙, en: B, type: person}\n",
                    encoding="utf-8")
    update_entry(root, "a", entry("a", "甲", "Alpha"))
    assert path.read_text(encoding="utf-8") == (
        "# h\n" + render_entry(entry("a", "甲", "Alpha")) + "\n- {id: b, zh: 乙, en: B, type: person}\n")


def test_update_with_an_entry_and_rename(small_glossary):
    new = entry("badr-al-busaidi", "巴德尔", "Badr Al-Busaidi")
    update_entry(small_glossary, "badr-albusaidi", new)
    glossary = load_glossary(small_glossary)
    assert glossary.get("badr-al-busaidi") == new and "badr-albusaidi" not in glossary


def test_update_refusals_write_nothing(small_glossary):
    path = small_glossary / "people.yaml"
    before = read(path)
    with pytest.raises(GlossaryError, match="no entry has the id 'badr'; did you mean badr-albusaidi"):
        update_entry(small_glossary, "badr", LARIJANI)
    with pytest.raises(GlossaryError, match="already used"):
        update_entry(small_glossary, "badr-albusaidi",
                     lambda e: dataclasses.replace(e, id="abbas-araghchi"))
    with pytest.raises(GlossaryError, match="already claimed by entry abbas-araghchi"):
        update_entry(small_glossary, "badr-albusaidi",
                     lambda e: dataclasses.replace(e, variants=e.variants + ("阿拉格奇",)))
    assert read(path) == before


def test_update_to_the_same_entry_writes_nothing(small_glossary):
    path = small_glossary / "people.yaml"
    mtime = path.stat().st_mtime_ns
    update_entry(small_glossary, "abbas-araghchi", lambda e: e)
    assert path.stat().st_mtime_ns == mtime


def test_an_entry_may_keep_its_own_forms_when_edited(small_glossary):
    update_entry(small_glossary, "abbas-araghchi", lambda e: dataclasses.replace(e, zh="阿巴斯·阿拉格齐",
                                                                                   variants=("阿拉格齐",)))
    assert load_glossary(small_glossary).get("abbas-araghchi").zh == "阿巴斯·阿拉格齐"


# --- remove --------------------------------------------------------------------------------


def test_remove_takes_the_entry_its_comment_and_one_blank_line(small_glossary):
    path = small_glossary / "people.yaml"
    before = path.read_text(encoding="utf-8")
    remove_entry(small_glossary, "badr-albusaidi")
    after = path.read_text(encoding="utf-8")
    assert after == before[: before.index("\n# The Omani mediator.")]
    assert "# People named in the news." in after


def test_remove_the_first_entry_keeps_the_file_header(small_glossary):
    path = small_glossary / "people.yaml"
    remove_entry(small_glossary, "abbas-araghchi")
    assert path.read_text(encoding="utf-8") == (
        HEADER + "# People named in the news.\n# The Omani mediator.\n- id: badr-albusaidi\n"
        "  zh: 巴德尔\n  en: Badr Albusaidi\n  type: person\n  variants: [巴德尔·本·哈马德·阿尔布赛义迪]\n")


def test_remove_the_first_entry_takes_its_own_comment(tmp_path):
    root = tmp_path / "glossary"
    root.mkdir()
    path = root / "g.yaml"
    path.write_text(HEADER + "# Terms.\n\n# about a\n- id: a\n  zh: 甲\n  en: A\n  type: term\n\n"
                    "- id: b\n  zh: 乙\n  en: B\n  type: term\n", encoding="utf-8")
    remove_entry(root, "a")
    assert path.read_text(encoding="utf-8") == (
        HEADER + "# Terms.\n\n- id: b\n  zh: 乙\n  en: B\n  type: term\n")


def test_remove_in_the_middle_of_a_crlf_file(tmp_path):
    root = tmp_path / "glossary"
    root.mkdir()
    path = root / "g.yaml"
    text = ("# h\n\n- id: a\n  zh: 甲\n  en: A\n  type: term\n  # trailing comment of a\n\n"
            "# about b\n- id: b\n  zh: 乙\n  en: B\n  type: term\n\n- id: c\n  zh: 丙\n  en: C\n  type: term")
    path.write_bytes(text.replace("\n", "\r\n").encode())
    remove_entry(root, "b")
    assert read(path).decode() == text.replace(
        "# about b\n- id: b\n  zh: 乙\n  en: B\n  type: term\n\n", "").replace("\n", "\r\n")
    remove_entry(root, "c")
    assert read(path).decode() == "# h\r\n\r\n- id: a\r\n  zh: 甲\r\n  en: A\r\n  type: term\r\n  # trailing comment of a"


def test_remove_unknown_id(small_glossary):
    with pytest.raises(GlossaryError, match="no entry has the id 'nobody'"):
        remove_entry(small_glossary, "nobody")


# --- atomic writes, locking ----------------------------------------------------------------


def test_a_crash_during_the_write_leaves_the_old_file(small_glossary, monkeypatch):
    path = small_glossary / "people.yaml"
    before = read(path)

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(GlossaryError, match="cannot write: No space left on device; the file is unchanged"):
        add_entry(small_glossary, LARIJANI)
    assert read(path) == before
    assert sorted(p.name for p in small_glossary.iterdir()) == [".lock", "people.yaml"]


def test_an_interrupt_during_the_write_leaves_the_old_file(small_glossary, monkeypatch):
    path = small_glossary / "people.yaml"
    before = read(path)

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        remove_entry(small_glossary, "badr-albusaidi")
    assert read(path) == before
    assert sorted(p.name for p in small_glossary.iterdir()) == [".lock", "people.yaml"]


def test_write_atomic_keeps_the_mode(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, "new\r\n")
    assert read(path) == b"new\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_write_atomic_through_a_symlink_replaces_the_target(tmp_path):
    target = tmp_path / "real.yaml"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    write_atomic(link, "new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"


def test_lock_timeout_is_a_clear_error(small_glossary, monkeypatch):
    import filelock

    monkeypatch.setattr(edit_module, "LOCK_TIMEOUT", 0.1)
    holder = filelock.FileLock(str(small_glossary / ".lock"), thread_local=False)
    with holder:
        # Another process holds the lock: simulate with a separate lock object in a thread.
        import threading

        errors = []

        def attempt():
            try:
                with edit_module.glossary_lock(small_glossary, timeout=0.1):
                    pass
            except GlossaryError as error:
                errors.append(error)

        thread = threading.Thread(target=attempt)
        thread.start()
        thread.join()
    assert errors and "another glossary command" in str(errors[0])


def _add_many(args):
    root, worker, count = args
    for i in range(count):
        add_entry(root, entry(f"w{worker}-n{i}", chr(0x4E00 + worker * 100 + i), type="term"))


def test_concurrent_adds_all_land(tmp_path):
    root = tmp_path / "glossary"
    root.mkdir()
    (root / "terms.yaml").write_text(HEADER + "# terms\n", encoding="utf-8")
    workers, count = 6, 5
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with context.Pool(workers) as pool:
        pool.map(_add_many, [(str(root), w, count) for w in range(workers)])
    ids = sorted(e.id for e in load_glossary(root))
    assert ids == sorted(f"w{w}-n{i}" for w in range(workers) for i in range(count))
    assert (root / "terms.yaml").read_text(encoding="utf-8").startswith(HEADER + "# terms\n")
    assert not [p for p in root.iterdir() if p.name.endswith(".tmp")]


def test_concurrent_cli_processes_both_land(small_glossary):
    script = Path(sys.executable).parent / "glossary"
    command = [str(script)] if script.exists() else [sys.executable, "-c",
                                                     "from glossary.cli.app import run; run()"]
    procs = [subprocess.Popen(command + ["--glossary", str(small_glossary), "add", zh, en, "--type", "person"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for zh, en in (("拉里贾尼", "Ali Larijani"), ("哈梅内伊", "Ali Khamenei"),
                            ("佩泽希齐扬", "Masoud Pezeshkian"))]
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err.decode()
    ids = {e.id for e in load_glossary(small_glossary)}
    assert {"ali-larijani", "ali-khamenei", "masoud-pezeshkian"} <= ids


# --- add_entries ---------------------------------------------------------------------------


def test_add_entries_skip(small_glossary):
    batch = [LARIJANI, entry("araghchi", "阿拉格齊"), entry("tehran", "德黑兰", type="place"),
             entry("larijani-again", "拉里贾尼")]
    report = add_entries(small_glossary, batch)
    assert isinstance(report, AddReport)
    assert [e.id for e, _ in report.added] == ["ali-larijani", "tehran"]
    assert [(s.entry.id, s.existing.id) for s in report.skipped] == [
        ("araghchi", "abbas-araghchi"), ("larijani-again", "ali-larijani")]
    assert "already claimed by entry abbas-araghchi" in report.skipped[0].reason
    assert report.files == [small_glossary / "people.yaml", small_glossary / "places.yaml"]


def test_add_entries_overwrite(small_glossary):
    path = small_glossary / "people.yaml"
    before = path.read_text(encoding="utf-8")
    batch = [entry("araghchi", "阿拉格齐", "Abbas Araghchi", note="new note"),
             entry("badr-albusaidi", "巴德尔", "Badr bin Hamad Albusaidi"),
             entry("both", "巴德尔", variants=["阿拉格齐"]),
             LARIJANI]
    report = add_entries(small_glossary, batch, on_conflict="overwrite")
    assert [e.id for e, _ in report.overwritten] == ["abbas-araghchi", "badr-albusaidi"]
    assert [e.id for e, _ in report.added] == ["ali-larijani"]
    assert [s.entry.id for s in report.skipped] == ["both"]
    glossary = load_glossary(small_glossary)
    assert glossary.get("abbas-araghchi").note == "new note"
    assert glossary.get("abbas-araghchi").variants == ()
    assert glossary.get("badr-albusaidi").en == "Badr bin Hamad Albusaidi"
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before[: before.index("  variants: [阿巴斯")])
    assert "# The Omani mediator.\n- id: badr-albusaidi\n" in after


def test_add_entries_fail_writes_nothing(small_glossary):
    before = read(small_glossary / "people.yaml")
    with pytest.raises(GlossaryError, match="refused araghchi: .* nothing was written"):
        add_entries(small_glossary, [LARIJANI, entry("araghchi", "阿拉格齐")], on_conflict="fail")
    assert read(small_glossary / "people.yaml") == before
    with pytest.raises(GlossaryError, match="on_conflict must be one of"):
        add_entries(small_glossary, [], on_conflict="merge")


def test_add_entries_many_in_one_file(tmp_path):
    root = tmp_path / "glossary"
    root.mkdir()
    batch = [entry(f"t{i}", f"术语{i}", type="term") for i in range(50)]
    report = add_entries(root, batch)
    assert len(report.added) == 50 and report.files == [root / "terms.yaml"]
    assert load_file(root / "terms.yaml") == batch
    assert (root / "terms.yaml").read_text(encoding="utf-8") == render_entries(
        batch, header=HEADER.rstrip("\n").replace("../src/glossary/schema/glossary.schema.json",
                                                 os.path.relpath(edit_module.SCHEMA_PATH, root)))


# --- ids -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, slug", [
    ("Abbas Araghchi", "abbas-araghchi"),
    ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
    ("People's Liberation Army", "peoples-liberation-army"),
    ("  F-35 (jet)  ", "f-35-jet"),
])
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_slugify_needs_latin_letters():
    with pytest.raises(GlossaryError, match="--id"):
        slugify("阿拉格齐")


# --- add_entries appends in memory and checks each file once ------------------------------

_LAYOUTS = {
    "plain": HEADER + "\n- id: a\n  zh: 甲\n  en: A\n  type: term\n",
    "crlf-bom-no-final-newline": "\ufeff# terms\r\n\r\n- id: a\r\n  zh: 甲\r\n  en: A\r\n  type: term",
    "not-blank-separated": "- id: a\n  zh: 甲\n  en: A\n  type: term\n- id: b\n  zh: 乙\n  en: B\n  type: term\n",
    "indented-with-trailing-comment": "  - id: a\n    zh: 甲\n    en: A\n    type: term\n  # end\n",
    "empty": "",
}


def _batch() -> list[Entry]:
    out = [entry(f"t{i}", f"术语{i}", type="term", note=f"note {i}: #{i}") for i in range(6)]
    out.append(entry("t2-again", "术语2", type="term"))  # skipped: claimed by t2 of this batch
    out.append(entry("t3", "别的", type="term"))  # skipped: the id t3 of this batch
    return out


@pytest.mark.parametrize("layout", sorted(_LAYOUTS))
@pytest.mark.parametrize("verify", ["batch", "rerun"])
def test_add_entries_matches_adding_one_by_one(tmp_path, monkeypatch, layout, verify):
    one, many = tmp_path / "one", tmp_path / "many"
    for root in (one, many):
        root.mkdir()
        (root / "terms.yaml").write_bytes(_LAYOUTS[layout].encode("utf-8"))
    reasons = []
    for e in _batch():
        try:
            add_entry(one, e, file="terms.yaml")
        except GlossaryError as error:
            reasons.append(error.message.removeprefix("refused: ").replace(str(one), str(many)))
    if verify == "rerun":  # the whole-file check disagrees: the batch is redone entry by entry
        def unverified(self, f):
            if f.pending:
                raise edit_module._Unverified
            return f
        monkeypatch.setattr(edit_module._Glossary, "flush", unverified)
    report = add_entries(many, _batch(), file="terms.yaml")
    assert read(many / "terms.yaml") == read(one / "terms.yaml")
    assert [s.reason for s in report.skipped] == reasons
    assert [s.entry.id for s in report.skipped] == ["t2-again", "t3"]
    loaded = {e.id: e for e in load_file(many / "terms.yaml")}
    for e, _ in report.added:
        assert (e.location, e.field_lines) == (loaded[e.id].location, loaded[e.id].field_lines)


# --- add_entries overwrites in memory and checks each file once -----------------------------

_MANY = HEADER + """
# The first entry, with a comment above it.
- id: t0
  zh: 术语0
  en: T0
  type: term
  note: first   # a comment after a value

- id: t1
  zh: 术语1
  en: T1
  type: term
  variants: [别名1]

- {id: t2, zh: 术语2, en: T2, type: term}

- id: t3
  zh: 术语3
  en: T3
  type: term
  note: >-
    a folded
    note
"""


def _overwrites() -> list[Entry]:
    return [
        entry("t0", "术语0", "T0", type="term", note="first, rewritten"),
        entry("t3", "术语3", "T3 (new)", type="term", variants=["别名3"]),  # lines are added
        entry("t1", "术语1", "T1", type="term"),  # its variants go: a line fewer
        entry("t2", "术语2", "T2 again", type="term"),  # flow style: rendered afresh
        entry("t1", "术语1", "T1 twice", type="term", note="overwritten twice"),
        entry("t4", "术语4", type="term"),  # new: appended
        entry("t5", "别名1", type="term"),  # new id, but takes t1's old variant: t1 no longer has it
    ]


@pytest.mark.parametrize("verify", ["batch", "rerun"])
def test_add_entries_overwrite_matches_one_by_one(tmp_path, monkeypatch, verify):
    one, many = tmp_path / "one", tmp_path / "many"
    for root in (one, many):
        root.mkdir()
        (root / "terms.yaml").write_text(_MANY, encoding="utf-8")
    reference = edit_module._add_all(edit_module._Glossary(one), _overwrites(), "overwrite", None)
    parses = []
    real_file = edit_module._File

    def counted(path, text):
        parses.append(path)
        return real_file(path, text)

    monkeypatch.setattr(edit_module, "_File", counted)
    if verify == "rerun":  # the whole-file check disagrees: the batch is redone entry by entry
        def unverified(self, f):
            if f.pending or f.replacing:
                raise edit_module._Unverified
            return f
        monkeypatch.setattr(edit_module._Glossary, "flush", unverified)
    report = add_entries(many, _overwrites(), on_conflict="overwrite")
    assert read(many / "terms.yaml") == read(one / "terms.yaml")
    assert [(e.id, e.en) for e, _ in report.overwritten] == [
        (e.id, e.en) for e, _ in reference.overwritten]
    assert [e.id for e, _ in report.added] == [e.id for e, _ in reference.added] == ["t4", "t5"]
    loaded = {e.id: e for e in load_file(many / "terms.yaml")}
    assert loaded["t1"].note == "overwritten twice" and loaded["t3"].variants == ("别名3",)
    assert "  note: first, rewritten   # a comment after a value\n" in (
        many / "terms.yaml").read_text(encoding="utf-8")
    if verify == "batch":  # read; the overwrites checked before the first append; the appends
        assert len(parses) <= 4


def test_add_entries_overwrites_parse_a_file_a_fixed_number_of_times(tmp_path, monkeypatch):
    root = tmp_path / "glossary"
    root.mkdir()
    old = [entry(f"t{i}", f"术语{i}", type="term", note=f"note {i}") for i in range(60)]
    (root / "terms.yaml").write_text(HEADER + "\n" + render_entries(old), encoding="utf-8")
    parses = []
    real_file = edit_module._File
    monkeypatch.setattr(edit_module, "_File", lambda path, text: parses.append(path) or
                        real_file(path, text))
    new = [entry(f"t{i}", f"术语{i}", type="term", note=f"note {i}, revised") for i in range(60)]
    report = add_entries(root, [entry("t60", "术语60", type="term"), *new], on_conflict="overwrite")
    assert len(report.overwritten) == 60 and len(report.added) == 1
    assert load_file(root / "terms.yaml") == new + [entry("t60", "术语60", type="term")]
    assert len(parses) <= 3  # was one per overwrite: quadratic in the file's size
