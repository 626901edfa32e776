"""``glossary check`` end to end: inputs, output formats, exit codes, --fix and --diff."""

from __future__ import annotations

import codecs
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "check"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
HUMAN_LINE = re.compile(r"^(\S+):(\d+):(\d+): (GL\d{3}) (error|warning|info): (.+)$", re.M)

FORBIDDEN = "伊朗外长阿拉格奇表示。\n"  # GL001 error at 1:5
VARIANT = "伊朗议长拉里贾尼表示。\n"  # GL002 info at 1:5
CLEAN = "伊朗外长阿拉格齐表示。\n"
SEPARATOR = "议长阿里•拉里贾尼表示。\n"  # GL005 warning at 1:3


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A project folder with the test glossary in ``glossary/`` (found from the cwd)."""
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.delenv("GLOSSARY_DIR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    shutil.copytree(DATA / "glossary", tmp_path / "glossary")
    return tmp_path


@pytest.fixture
def run(cli, project):
    def go(*args):
        return cli("check", *args, cwd=project)
    return go


def put(project: Path, name: str, text: str = "", encoding: str = "utf-8", raw: bytes | None = None) -> Path:
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw if raw is not None else text.encode(encoding))
    return path


def rows(out: str):
    return [(p, int(l), int(c), code, sev) for p, l, c, code, sev, _ in HUMAN_LINE.findall(out)]


# --- human output and exit codes ----------------------------------------------------------------


def test_human_report_and_exit_1(run, project):
    put(project, "a.txt", FORBIDDEN)
    r = run("a.txt")
    assert r.code == 1
    assert rows(r.out) == [("a.txt", 1, 5, "GL001", "error")]
    assert ("a.txt:1:5: GL001 error: `阿拉格奇` is forbidden for abbas-araghchi "
            "(non-standard transliteration) (suggestion: `阿拉格齐`) [fixable]") in r.out
    assert "    1 | 伊朗外长阿拉格奇表示。\n      |         ^^^^^^^^\n" in r.out
    assert "By rule:\n  GL001 forbidden-form" in r.out and "By entry:\n  abbas-araghchi" in r.out
    assert not ANSI.search(r.out)  # not a terminal
    assert r.err == ""


def test_clean_file_exit_0(run, project):
    put(project, "a.txt", CLEAN)
    r = run("a.txt")
    assert (r.code, r.out) == (0, "No findings in 1 file.\n")


def test_glossary_given_by_option_or_environment(cli, project, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    put(elsewhere, "a.txt", FORBIDDEN)
    shutil.move(str(project / "glossary"), str(tmp_path / "terms"))
    assert cli("--glossary", tmp_path / "terms", "check", "a.txt", cwd=elsewhere).code == 1
    monkeypatch.setenv("GLOSSARY_DIR", str(tmp_path / "terms"))
    assert cli("check", "a.txt", cwd=elsewhere).code == 1


@pytest.mark.parametrize("text, fail_on, code", [
    (VARIANT, None, 0),  # info only: below the default (warning)
    (VARIANT, "info", 1),
    (SEPARATOR, None, 1),
    (SEPARATOR, "error", 0),
    (FORBIDDEN, "error", 1),
    (FORBIDDEN, "never", 0),
    (CLEAN, "info", 0),
])
def test_fail_on(run, project, text, fail_on, code):
    put(project, "a.txt", text)
    args = ["a.txt"] + (["--fail-on", fail_on] if fail_on else [])
    r = run(*args)
    assert r.code == code
    assert r.out  # the report is printed whatever the exit code


@pytest.mark.parametrize("args, message", [
    (["--fail-on", "sometimes", "a.txt"], "--fail-on must be one of"),
    (["--format", "xml", "a.txt"], "--format must be one of"),
    (["--color", "rainbow", "a.txt"], "--color must be"),
    (["--select", "GL999", "a.txt"], "unknown rule 'GL999'"),
    (["--ignore", "no-such-rule", "a.txt"], "unknown rule 'no-such-rule'"),
    (["missing.txt"], "missing.txt: no such file or folder"),
    (["a.txt", "missing/"], "missing/: no such file or folder"),
    (["*.docx"], "*.docx: the pattern matches no file"),
    (["--no-such-option", "a.txt"], "no-such-option"),
])
def test_usage_and_input_errors_exit_2(run, project, args, message):
    put(project, "a.txt", FORBIDDEN)
    r = run(*args)
    assert r.code == 2
    assert r.err.startswith("glossary: error: ") and message in r.err
    assert r.err.count("\n") == 1 and "Traceback" not in r.err
    assert r.out == ""


def test_no_glossary_is_exit_2(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.delenv("GLOSSARY_DIR", raising=False)
    put(tmp_path, "a.txt", FORBIDDEN)
    r = cli("--glossary", tmp_path / "nowhere", "check", "a.txt", cwd=tmp_path)
    assert r.code == 2 and r.err.count("\n") == 1


# --- inputs -----------------------------------------------------------------------------------


def checked_paths(run):
    """A function that runs the check with *args* and returns the checked files, sorted."""

    def paths(*args):
        r = run("--format", "json", *args)
        return sorted(f["path"] for f in json.loads(r.out)["files"])

    return paths


def test_folders_globs_include_exclude(run, project):
    put(project, "texts/a.txt", FORBIDDEN)
    put(project, "texts/deep/b.md", VARIANT)
    put(project, "texts/deep/c.csv", FORBIDDEN)
    put(project, "texts/.git/d.txt", FORBIDDEN)
    put(project, "texts/drafts/e.txt", SEPARATOR)

    paths = checked_paths(run)

    assert paths("texts") == ["texts/a.txt", "texts/deep/b.md", "texts/drafts/e.txt"]
    assert paths("texts/**/*.md") == ["texts/deep/b.md"]
    assert paths("texts", "--include", "*.csv,*.md") == ["texts/deep/b.md", "texts/deep/c.csv"]
    assert paths("texts", "--exclude", "texts/drafts/*", "--exclude", "b.md") == ["texts/a.txt"]
    assert paths("texts/deep/c.csv") == ["texts/deep/c.csv"]  # a file named explicitly is checked


def test_exclude_patterns_match_however_the_folder_is_written(run, project):
    put(project, "texts/a.txt", FORBIDDEN)
    put(project, "texts/drafts/e.txt", SEPARATOR)
    put(project, "texts/drafts/old/f.txt", SEPARATOR)

    paths = checked_paths(run)

    for folder in ("texts", "./texts", str(project / "texts")):
        found = paths(folder, "--exclude", "drafts/*")
        assert [p.rsplit("texts/", 1)[1] for p in found] == ["a.txt"], folder
    assert paths("texts", "--exclude", "old/*") == ["texts/a.txt", "texts/drafts/e.txt"]
    assert paths("texts", "--exclude", "*.txt") == []


def test_recursive_globs_skip_what_folder_walks_skip(run, project):
    put(project, "texts/a.txt", FORBIDDEN)
    put(project, "texts/node_modules/pkg/b.txt", FORBIDDEN)
    put(project, "texts/__pycache__/c.txt", FORBIDDEN)

    paths = checked_paths(run)

    assert paths("texts/**/*.txt") == ["texts/a.txt"]
    assert paths("texts") == ["texts/a.txt"]
    assert paths("texts/**") == ["texts/a.txt"]  # the folder itself is a match of **
    assert paths("texts/*") == ["texts/a.txt"]
    assert paths("texts/node_modules/**/*.txt") == ["texts/node_modules/pkg/b.txt"]  # named
    assert paths("texts/node_*/**/*.txt") == ["texts/node_modules/pkg/b.txt"]


def test_include_names_files_and_exclude_works_like_gitignore(run, project):
    put(project, "corp/archive/a.txt", FORBIDDEN)
    put(project, "corp/archive/image.png", "not text")
    put(project, "corp/news/2026/b.md", VARIANT)
    put(project, "corp/news/c.md", VARIANT)

    paths = checked_paths(run)

    assert paths("corp", "--include", "arch*") == []  # a file pattern: no file is named arch*
    assert paths("corp", "--include", "*.md") == ["corp/news/2026/b.md", "corp/news/c.md"]
    assert paths("corp", "--include", "news/*.md") == ["corp/news/c.md"]  # * stays in a folder
    assert paths("corp", "--include", "news/**/*.md") == ["corp/news/2026/b.md", "corp/news/c.md"]
    assert paths("corp", "--exclude", "archive") == ["corp/news/2026/b.md", "corp/news/c.md"]
    assert paths("corp", "--exclude", "news/*") == ["corp/archive/a.txt"]


def test_editor_lock_file_in_a_folder_does_not_abort_the_check(run, project):
    put(project, "texts/a.txt", CLEAN)
    (project / "texts" / ".#a.txt").symlink_to("user@host.1234:1700000000")
    r = run("texts")
    assert (r.code, r.out, r.err) == (0, "No findings in 1 file.\n", "")


def test_binary_and_undecodable_files_are_skipped_with_one_warning(run, project):
    put(project, "a.txt", CLEAN)
    put(project, "image.txt", raw=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    put(project, "weird.txt", raw=b"\x80\xff\x80\xff")
    r = run("a.txt", "image.txt", "weird.txt")
    assert r.code == 0
    warnings = r.err.splitlines()
    assert warnings == [
        "glossary: warning: image.txt: binary file (NUL bytes), skipped",
        "glossary: warning: weird.txt: not UTF-8, GB18030 or Big5 text, skipped; convert it to UTF-8",
    ]
    data = json.loads(run("--format", "json", "a.txt", "image.txt").out)
    assert data["skipped"] == [{"path": "image.txt", "reason": "binary file (NUL bytes), skipped"}]
    assert [f["path"] for f in data["files"]] == ["a.txt"]


def test_empty_file_is_fine(run, project):
    put(project, "empty.txt", "")
    put(project, "empty.md", raw=codecs.BOM_UTF8)
    r = run("empty.txt", "empty.md")
    assert (r.code, r.out, r.err) == (0, "No findings in 2 files.\n", "")


@pytest.mark.parametrize("encoding, raw_prefix, expected", [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ("gb18030", b"", "gb18030"),
    ("gbk", b"", "gb18030"),
])
def test_simplified_encodings(run, project, encoding, raw_prefix, expected):
    text = "伊朗外长阿拉格奇说，伊朗将与美国谈判。\n霍拉姆沙赫尔－４导弹\n"
    put(project, "a.txt", raw=raw_prefix + text.encode(encoding))
    data = json.loads(run("--format", "json", "a.txt").out)
    assert data["files"][0]["encoding"] == expected
    assert [(f["code"], f["line"], f["column"], f["matched"]) for f in data["findings"]] == [
        ("GL001", 1, 5, "阿拉格奇"), ("GL005", 2, 1, "霍拉姆沙赫尔－４")]
    r = run("--verbose", "a.txt")
    assert f"a.txt: {expected}, LF, simplified script" in r.err


def test_big5(run, project):
    text = "伊朗外長阿拉格奇說，伊朗將與美國談判。\r\n這是川普的協議。\r\n"
    put(project, "tw.txt", text, "big5")
    data = json.loads(run("--format", "json", "tw.txt").out)
    (info,) = data["files"]
    assert info["encoding"] in ("big5", "big5hkscs", "cp950")
    assert (info["script"], info["newline"], info["lines"]) == ("traditional", "\r\n", 2)
    assert [(f["code"], f["line"], f["column"], f["suggestion"]) for f in data["findings"]] == [
        ("GL001", 1, 5, "阿拉格齊")]
    r = run("--verbose", "tw.txt")
    assert re.search(r"tw\.txt: big5\w*, CRLF, traditional script, Taiwan forms \(\d+ simplified-only, \d+ "
                     r"traditional-only characters\), 5 terms", r.err)


def test_crlf_columns(run, project):
    put(project, "a.txt", raw="第一行\r\n第二行阿拉格奇\r\n第三行拉里贾尼\r\n".encode())
    r = run("a.txt")
    assert rows(r.out) == [("a.txt", 2, 4, "GL001", "error"), ("a.txt", 3, 4, "GL002", "info")]
    assert "    2 | 第二行阿拉格奇\n      |       ^^^^^^^^\n" in r.out
    assert "\r" not in r.out


def test_excerpt_with_a_line_separator_inside_a_line(run, project):
    put(project, "a.txt", "第一行\u2028续\n阿拉格奇表示\n")
    r = run("a.txt")
    assert rows(r.out) == [("a.txt", 2, 1, "GL001", "error")]
    assert "    2 | 阿拉格奇表示\n" in r.out


# --- output formats ---------------------------------------------------------------------------


def test_json_format(run, project):
    put(project, "a.txt", FORBIDDEN)
    put(project, "b.txt", "天(tiān)气")
    r = run("--format", "json", "a.txt", "b.txt")
    assert r.code == 1
    data = json.loads(r.out)
    assert data["version"] == 1 and data["summary"]["findings"] == 2
    assert data["summary"]["by_rule"] == {"GL001": 1, "GL006": 1}
    assert [f["fix"] for f in data["findings"]] == [
        {"start": 4, "end": 8, "replacement": "阿拉格齐"}, {"start": 1, "end": 7, "replacement": ""}]


def test_sarif_format_is_valid(run, project):
    put(project, "a.txt", FORBIDDEN + SEPARATOR + "天(tiān)气、拉里賈尼\n")
    put(project, "mixed.txt", "这个国家说。這個國家說。")
    r = run("--format", "sarif", "a.txt", "mixed.txt")
    assert r.code == 1
    log = json.loads(r.out)
    schema = json.loads((HERE / "schemas" / "sarif" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(schema).iter_errors(log))
    assert errors == [], [e.message for e in errors[:5]]
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"GL001", "GL002", "GL003", "GL004", "GL005", "GL006"}
    assert sum(1 for r in results if "fixes" in r) == 3


def test_output_file(run, project):
    put(project, "a.txt", FORBIDDEN)
    r = run("--format", "json", "-o", "report.json", "a.txt")
    assert (r.code, r.out) == (1, "")
    assert json.loads((project / "report.json").read_text(encoding="utf-8"))["summary"]["findings"] == 1
    (project / "out").mkdir()
    run("--output", "out/report.txt", "a.txt")
    text = (project / "out" / "report.txt").read_text(encoding="utf-8")
    assert "a.txt:1:5: GL001 error" in text and not ANSI.search(text)


def test_output_file_in_a_missing_folder_is_exit_2(run, project):
    put(project, "a.txt", FORBIDDEN)
    r = run("-o", "missing/report.txt", "a.txt")
    assert r.code == 2
    assert r.err.startswith("glossary: error: ") and "missing/report.txt" in r.err


def test_stats(run, project):
    put(project, "a.txt", "伊朗外长阿拉格齐说，阿拉格齐说。\n")
    put(project, "b.txt", "阿拉格奇说伊朗\n")
    r = run("--stats", "a.txt", "b.txt")
    assert r.code == 1
    lines = r.out.splitlines()
    assert lines[0] == "Files: #1 a.txt  #2 b.txt"
    assert lines[2].split() == ["entry", "form", "total", "#1", "#2"]
    assert lines[3].split() == ["abbas-araghchi", "阿拉格齐", "2", "2"]
    assert lines[4].split() == ["abbas-araghchi", "阿拉格奇", "1", "1"]
    assert lines[5].split() == ["iran", "伊朗", "2", "1", "1"]
    assert lines[-1] == "2 entries found, 5 occurrences."


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_stats_go_into_a_json_or_sarif_report(run, project, output_format):
    # not a table in place of the report: the counts are part of it
    put(project, "a.txt", "伊朗外长阿拉格齐说，阿拉格齐说。\n")
    put(project, "b.txt", "阿拉格奇说伊朗\n")
    r = run("--stats", "--format", output_format, "-o", "report", "a.txt", "b.txt")
    assert (r.code, r.out) == (1, "")
    data = json.loads((project / "report").read_text(encoding="utf-8"))
    if output_format == "sarif":
        schema = json.loads((HERE / "schemas" / "sarif" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
        assert list(Draft202012Validator(schema).iter_errors(data)) == []
        assert len(data["runs"][0]["results"]) == 2
        usage = data["runs"][0]["properties"]["usage"]
    else:
        assert data["summary"]["findings"] == 2
        usage = data["usage"]
    assert usage == {"abbas-araghchi": {"阿拉格奇": {"b.txt": 1}, "阿拉格齐": {"a.txt": 2}},
                     "iran": {"伊朗": {"a.txt": 1, "b.txt": 1}}}
    r = run("--format", output_format, "-o", "plain", "a.txt", "b.txt")
    assert "usage" not in (project / "plain").read_text(encoding="utf-8")


@pytest.mark.parametrize("option, coloured", [([], False), (["--color", "never"], False),
                                               (["--color", "always"], True), (["--color", "auto"], False)])
def test_colour(run, project, option, coloured):
    put(project, "a.txt", FORBIDDEN)
    r = run(*option, "a.txt")
    assert bool(ANSI.search(r.out)) is coloured
    assert rows(ANSI.sub("", r.out)) == [("a.txt", 1, 5, "GL001", "error")]


# --- selection ---------------------------------------------------------------------------------


ALL_RULES_TEXT = "阿拉格奇，拉里贾尼，阿里•拉里贾尼，天(tiān)气\n"


@pytest.mark.parametrize("args, expected", [
    ([], ["GL001", "GL002", "GL005", "GL006"]),
    (["--select", "GL001"], ["GL001"]),
    (["--select", "GL001,variant-form"], ["GL001", "GL002"]),
    (["--select", "GL001", "--select", "GL006"], ["GL001", "GL006"]),
    (["--select", "GL00", "--ignore", "GL002"], ["GL001", "GL005", "GL006"]),
    (["--ignore", "separator-variant,pinyin-annotation"], ["GL001", "GL002"]),
    (["--ignore", "GL"], []),
])
def test_select_and_ignore(run, project, args, expected):
    put(project, "a.txt", ALL_RULES_TEXT)
    r = run("--format", "json", *args, "a.txt")
    assert sorted(f["code"] for f in json.loads(r.out)["findings"]) == expected


# --- --fix and --diff --------------------------------------------------------------------------


MESSY = "“12日战(zhàn)争”后，阿里•拉利贾尼和阿拉格奇讨论了霍拉姆沙赫尔－４导弹。\r\n"
TIDY = "“12日战争”后，阿里·拉里贾尼和阿拉格齐讨论了霍拉姆沙赫尔-4导弹。\r\n"


def test_diff_shows_fixes_and_writes_nothing(run, project):
    path = put(project, "a.txt", MESSY)
    before = path.read_bytes()
    r = run("--diff", "a.txt")
    assert path.read_bytes() == before
    assert r.out.startswith("--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n")
    assert f"-{MESSY}" in r.out and f"+{TIDY}" in r.out
    assert r.code == 1


def test_diff_of_absolute_paths_applies_with_git_and_patch(run, project, tmp_path_factory):
    import subprocess

    path = put(project, "sub/a.txt", MESSY)
    inside = run("--diff", str(path)).out
    assert inside.startswith("--- a/sub/a.txt\n+++ b/sub/a.txt\n")
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "b.txt"
    elsewhere.write_text(MESSY, encoding="utf-8")
    outside = run("--diff", str(elsewhere)).out
    name = str(elsewhere).lstrip("/")
    assert outside.startswith(f"--- a/{name}\n+++ b/{name}\n")  # not a//tmp/...
    patch = project / "fix.patch"
    patch.write_text(inside, encoding="utf-8")
    if subprocess.run(["git", "--version"], capture_output=True).returncode == 0:
        checked = subprocess.run(["git", "apply", "--check", "--unsafe-paths", str(patch)],
                                 cwd=project, capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-8-sig"])
def test_diff_into_a_pipe_writes_each_files_lines_in_its_encoding(project, encoding):
    """Piped (to patch or git apply), each file's lines are in the file's own encoding, so the
    diff applies to GB18030 and Big5 files; a BOM is the first line's, not on each line."""
    import subprocess

    messy = "伊朗外長阿拉格奇說。\r\n第二行\r\n"
    path = put(project, "tw.txt", messy, encoding)
    script = Path(sys.executable).parent / "glossary"
    command = [str(script)] if script.exists() else [sys.executable, "-c",
                                                     "from glossary.cli.app import run; run()"]
    done = subprocess.run(command + ["check", "--diff", "tw.txt"], cwd=project,
                          capture_output=True, timeout=120)
    assert done.stdout.startswith(b"--- a/tw.txt\n+++ b/tw.txt\n@@ -1,2 +1,2 @@\n"), done.stderr
    # the first line as the file holds it: in its encoding, with its BOM
    assert b"-" + "伊朗外長阿拉格奇說。\r\n".encode(encoding) in done.stdout
    assert b"+" + "伊朗外長阿拉格齊說。\r\n".encode(encoding) in done.stdout
    if subprocess.run(["patch", "--version"], capture_output=True).returncode == 0:
        applied = subprocess.run(["patch", "-p1", "-s"], input=done.stdout, cwd=project,
                                 capture_output=True)
        assert applied.returncode == 0, applied.stderr
        assert path.read_bytes() == messy.replace("奇", "齊").encode(encoding)


@pytest.mark.parametrize("encoding, prefix", [("utf-8", b""), ("utf-8-sig", codecs.BOM_UTF8), ("gb18030", b"")])
def test_fix_writes_in_place_keeping_encoding_and_crlf(run, project, encoding, prefix):
    path = put(project, "a.txt", MESSY + "第二行阿拉格奇，内坦亚胡\r\n", encoding)
    r = run("--fix", "a.txt")
    assert path.read_bytes() == (TIDY + "第二行阿拉格齐，内坦亚胡\r\n").encode(encoding)
    assert path.read_bytes().startswith(prefix)
    assert "Fixed 5 findings in 1 file." in r.err
    # what is left is reported: the variant (no safe fix), an info, so exit 0
    assert [code for *_, code, _ in rows(r.out)] == ["GL002"]
    assert r.code == 0
    second = run("--fix", "a.txt")
    assert path.read_bytes() == (TIDY + "第二行阿拉格齐，内坦亚胡\r\n").encode(encoding)
    assert "Fixed 0 findings in 0 files." in second.err
    assert list(project.glob(".a.txt.*")) == []  # no temporary file left behind


def test_fix_only_the_selected_rules(run, project):
    path = put(project, "a.txt", MESSY)
    r = run("--fix", "--select", "pinyin-annotation", "a.txt")
    assert path.read_bytes().decode() == MESSY.replace("(zhàn)", "")
    assert "Fixed 1 finding in 1 file." in r.err and r.out == "No findings in 1 file.\n"


def test_fix_with_diff_writes_nothing(run, project):
    path = put(project, "a.txt", MESSY)
    r = run("--fix", "--diff", "a.txt")
    assert path.read_bytes().decode() == MESSY
    assert f"+{TIDY}" in r.out and "Fixed" not in r.err


def test_fix_big5_file(run, project):
    path = put(project, "tw.txt", "伊朗外長阿拉格奇說，這個國家的協(xie2)議\r\n阿里•拉里賈尼表示。\r\n", "big5")
    r = run("--fix", "tw.txt")
    assert r.code == 0
    # the name's ‧ (Big5's A1 45, Taiwan's standard) is the document's own: it stays
    assert path.read_bytes() == "伊朗外長阿拉格齊說，這個國家的協議\r\n阿里•拉里賈尼表示。\r\n".encode("big5")


def test_fix_json_report_lists_what_is_left(run, project):
    put(project, "a.txt", FORBIDDEN + VARIANT)
    data = json.loads(run("--fix", "--format", "json", "a.txt").out)
    assert [f["code"] for f in data["findings"]] == ["GL002"]


def test_fix_leaves_no_stale_gl007(run, project):
    put(project, "a.txt", CLEAN)
    put(project, "b.txt", FORBIDDEN)
    r = run("--fix", "a.txt", "b.txt")
    assert (project / "b.txt").read_text(encoding="utf-8") == CLEAN
    assert "GL007" not in r.out
    assert r.code == 0


def test_fix_annotation_inside_forbidden_form_is_not_left_over(run, project):
    path = put(project, "a.txt", "阿拉格(gé)奇表示\n")
    r = run("--fix", "a.txt")
    assert path.read_text(encoding="utf-8") == "阿拉格齐表示\n"
    assert "left out" not in r.err
    assert rows(r.out) == []
    assert r.code == 0


def test_fix_reports_what_is_left_at_its_new_position(run, project):
    path = put(project, "a.txt", "说(shuō)拉里贾尼\n")
    r = run("--fix", "a.txt")
    assert path.read_text(encoding="utf-8") == "说拉里贾尼\n"
    assert rows(r.out) == [("a.txt", 1, 2, "GL002", "info")]


def test_fix_twice_changes_nothing_when_a_fix_completes_a_longer_form(run, project):
    path = put(project, "a.txt", "外长阿巴斯•阿拉格奇表示\n")
    run("--fix", "a.txt")
    once = path.read_text(encoding="utf-8")
    run("--fix", "a.txt")
    assert path.read_text(encoding="utf-8") == once == "外长阿巴斯·阿拉格齐表示\n"


def test_no_cache_option(run, project):
    put(project, "a.txt", FORBIDDEN)
    r = run("--no-cache", "a.txt")
    assert r.code == 1
    assert not (project / ".cache").exists()
    run("a.txt")
    assert list((project / ".cache").glob("patterns-*"))
    assert list((project / ".cache").glob("entries-*"))


def test_a_stray_byte_in_utf8_is_checked_around_and_never_written(run, project):
    raw = ("伊朗外长阿拉格奇表示，\n他说“很好”".encode() + b"\x93" + "。\n外长阿拉格奇说。\n".encode())
    path = put(project, "mail.txt", raw=raw)
    r = run("mail.txt")
    assert r.code == 1
    assert r.err.splitlines() == [
        "glossary: warning: mail.txt:2: 1 invalid UTF-8 sequence (the first here) read as U+FFFD; "
        "the rest of the file is checked, and --fix leaves it alone"]
    assert [(p, l, c, code) for p, l, c, code, _ in rows(r.out)] == [
        ("mail.txt", 1, 5, "GL001"), ("mail.txt", 3, 3, "GL001")]
    data = json.loads(run("--format", "json", "mail.txt").out)
    assert data["files"][0]["replaced"] == 1
    fixed = run("mail.txt", "--fix")
    assert path.read_bytes() == raw  # the stray byte is the user's: nothing is written
    assert "2 fixes left out" in fixed.err


def test_a_bad_glob_is_one_line_and_exit_2(run, project):
    put(project, "a.txt", FORBIDDEN)
    r = run("a.txt", "--exclude", "[z-a]")
    assert r.code == 2 and "bad glob pattern '[z-a]'" in r.err and "Traceback" not in r.err


def test_a_file_removed_during_the_check_is_skipped(project):
    import os

    from glossary import load_glossary
    from glossary.check import CheckOptions, check_paths

    put(project, "d/a.txt", FORBIDDEN)
    put(project, "d/b.txt", FORBIDDEN)

    def progress(done, total, path):  # an editor removing its temporary file meanwhile
        if path.endswith("a.txt") and os.path.exists(project / "d" / "b.txt"):
            os.remove(project / "d" / "b.txt")

    result = check_paths(load_glossary(project / "glossary"), [str(project / "d")],
                         CheckOptions(jobs=1), progress)
    assert [(os.path.basename(p), why) for p, why in result.skipped] == [
        ("b.txt", "removed during the check")]
    assert len(result.findings) == 1


def test_a_report_into_a_pipe_is_written_into_it_not_over_it(run, project):
    """-o onto a FIFO (or a device such as /dev/null) writes into it; replacing it with a
    regular file, as an atomic write would, took /dev/null's place when run as root."""
    import os
    import stat
    import threading

    put(project, "a.txt", FORBIDDEN)
    fifo = project / "report.pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    r = run("a.txt", "--format", "json", "-o", str(fifo))
    reader.join(timeout=30)
    assert r.code == 1
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(received[0])["summary"]["findings"] == 1


def test_a_double_star_glob_does_not_follow_symlinked_folders(run, project):
    """glob's own ** follows a link to a parent folder: the files were listed again and again,
    and two such links never ended."""
    import os

    put(project, "d/a.txt", FORBIDDEN)
    put(project, "d/sub/b.txt", FORBIDDEN)
    os.symlink("..", project / "d" / "sub" / "up")
    os.symlink(".", project / "d" / "x")
    os.symlink(".", project / "d" / "y")
    r = run("d/**/*.txt", "--format", "json")
    assert sorted(f["path"] for f in json.loads(r.out)["files"]) == ["d/a.txt", "d/sub/b.txt"]


@pytest.mark.parametrize("fmt", ["human", "json", "sarif"])
def test_a_file_name_that_is_not_utf8_is_reported_not_a_traceback(run, project, fmt):
    import os

    name = os.fsdecode(b"bad\xff.txt")
    put(project, name, FORBIDDEN)
    r = run(name, "--format", fmt, "-o", "report.out")
    assert r.code == 1 and "Traceback" not in r.err
    report = (project / "report.out").read_text(encoding="utf-8")
    assert "bad\\udcff.txt" in report or "bad%FF.txt" in report
