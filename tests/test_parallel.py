"""Checking in worker processes (``--jobs``) gives exactly the result of one process."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

from glossary import parallel
from glossary.check import CheckOptions, check_paths
from glossary.errors import GlossaryError
from glossary.reader import UnreadableFile
from glossary.report import render_json
from glossary.store import load_glossary

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "check"
SEEDS = HERE.parent / "seeds"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(DATA / "glossary")


@pytest.fixture
def every_file_a_batch(monkeypatch):
    """Workers even for a few small files, each file a batch of its own."""
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "BATCH_BYTES", (1, 1))


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    """Files with findings of every rule, GL007 across files and batches, other encodings,
    CRLF, a skipped binary file, an empty file and a bilingual PO file."""
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "texts"
    root.mkdir()
    files = {
        "a.txt": "伊朗外长阿拉格奇表示，\n议长阿里•拉里贾尼和拉里贾尼说天(tiān)气很好。\n",
        "b/b.txt": "這個國家說阿拉格齐，这个国家说。\r\n內坦亞胡",
        "b/c.md": "# 内塔尼亚胡\n\n伊朗外长阿拉格齐说，内塔尼亚胡说。\n",
        "d.txt": "内坦亚胡说，阿 拉 格 齐也说。\n" * 3,
        "e.txt": "",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8", newline="")
    (root / "gbk.txt").write_bytes("伊朗外长阿拉格奇说，内坦亚胡说。\n".encode("gb18030"))
    (root / "big5.txt").write_bytes("伊朗外長阿拉格奇說，內坦亞胡說。\n".encode("big5"))
    (root / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (root / "stray.txt").write_bytes("外长阿拉格奇说“好”".encode() + b"\x93" + "。\n".encode())
    (root / "x.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "伊朗外长阿拉格齐说。"\nmsgstr "Iran\'s foreign minister Araqchi said."\n',
        encoding="utf-8")
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(seed, root / seed.name)
    return root


def _same(one, other) -> None:
    assert [f.to_dict() for f in other.findings] == [f.to_dict() for f in one.findings]
    assert other.files == one.files
    assert other.skipped == one.skipped
    assert other.warnings == one.warnings
    assert other.usage == one.usage


@pytest.mark.parametrize("options", [
    {},
    {"stats": True},
    {"select": ["GL007", "GL001"]},
    {"ignore": ["GL006"], "severity": {"GL001": "info", "GL007": "error"}},
    {"traditional_interpunct": "‧"},
])
def test_workers_give_the_result_of_one_process(glossary, corpus, every_file_a_batch, options):
    one = check_paths(glossary, ["texts"], CheckOptions(jobs=1, **options))
    assert one.findings and one.skipped and one.warnings
    two = check_paths(glossary, ["texts"], CheckOptions(jobs=2, **options))
    _same(one, two)
    assert render_json(two) == render_json(one)


def test_the_corpus_rule_reports_the_first_use_across_batches(glossary, corpus, every_file_a_batch):
    result = check_paths(glossary, ["texts"], CheckOptions(jobs=3, select=["GL007"]))
    netanyahu = [f for f in result.findings if f.entry_id == "benjamin-netanyahu"]
    assert len(netanyahu) == 1
    # the less frequent form, at its first use in file order (b/b.txt before d.txt)
    one = check_paths(glossary, ["texts"], CheckOptions(jobs=1, select=["GL007"]))
    assert netanyahu[0].to_dict() == [f for f in one.findings
                                      if f.entry_id == "benjamin-netanyahu"][0].to_dict()


def test_workers_started_afresh_load_the_glossary_themselves(glossary, corpus, every_file_a_batch,
                                                             monkeypatch):
    monkeypatch.setattr(parallel, "START_METHOD", "spawn")
    one = check_paths(glossary, ["texts"], CheckOptions(jobs=1))
    _same(one, check_paths(glossary, ["texts"], CheckOptions(jobs=2)))


def test_progress_is_told_in_file_order(glossary, corpus, every_file_a_batch):
    seen = []
    check_paths(glossary, ["texts"], CheckOptions(jobs=2), lambda *a: seen.append(a))
    done = [count for count, _, _ in seen]
    total = len(list(corpus.rglob("*.*")))
    assert done == sorted(set(done)) and done[-1] == total  # an empty file rides with the next
    assert {files for _, files, _ in seen} == {total}
    names = [Path(p).name for _, _, p in seen]
    assert names.index("a.txt") < names.index("b.txt") < names.index("c.md")


def test_small_runs_and_one_job_stay_in_this_process(monkeypatch):
    monkeypatch.setattr(parallel, "available_cores", lambda: 8)
    big = parallel.PARALLEL_MIN_BYTES
    assert parallel.worker_count(1, [big, big]) == 1
    assert parallel.worker_count(4, [big]) == 1  # one file
    assert parallel.worker_count(4, [10, 10]) == 1  # too little text
    assert parallel.worker_count(4, [big, big]) == 2  # no more workers than files
    assert parallel.worker_count(0, [big] * 20) == 8  # 0: one per core
    assert parallel.worker_count(None, [big] * 20) == 8


def test_batches_keep_the_order_and_split_by_size():
    paths = [Path(f"{n}.txt") for n in range(100)]
    sizes = [50_000] * 100
    cut = parallel.batches(paths, sizes, 2)
    assert [p for batch in cut for p in batch] == [str(p) for p in paths]
    assert len(cut) >= 2 * 8 - 1  # several batches per worker, for an even finish
    assert all(batch for batch in cut)
    assert parallel.batches(paths[:1], [10**9], 4) == [["0.txt"]]


def test_errors_cross_processes_whole():
    error = pickle.loads(pickle.dumps(GlossaryError("bad line", "a.po", 7)))
    assert (str(error), error.path, error.line) == ("a.po:7: bad line", "a.po", 7)
    skipped = pickle.loads(pickle.dumps(UnreadableFile("binary file", "x.txt")))
    assert type(skipped) is UnreadableFile and str(skipped) == "x.txt: binary file"


def test_cli_jobs_gives_the_same_report(cli, corpus, every_file_a_batch, tmp_path, monkeypatch):
    shutil.copytree(DATA / "glossary", tmp_path / "glossary")
    monkeypatch.delenv("GLOSSARY_DIR", raising=False)
    one = cli("check", "texts", "--format", "json", "--jobs", "1", cwd=tmp_path)
    two = cli("check", "texts", "--format", "json", "-j", "2", cwd=tmp_path)
    auto = cli("check", "texts", "--format", "json", cwd=tmp_path)
    assert one.code == two.code == auto.code == 1
    assert json.loads(one.out)["findings"]
    assert two.out == one.out == auto.out


def test_cli_refuses_a_negative_job_count(cli, corpus, tmp_path, monkeypatch):
    shutil.copytree(DATA / "glossary", tmp_path / "glossary")
    monkeypatch.delenv("GLOSSARY_DIR", raising=False)
    bad = cli("check", "texts", "--jobs", "-1", cwd=tmp_path)
    assert bad.code == 2 and "--jobs" in bad.err and "Traceback" not in bad.err
    (tmp_path / "glossary.toml").write_text("jobs = -2\n", encoding="utf-8")
    bad = cli("check", "texts", cwd=tmp_path)
    assert bad.code == 2 and "glossary.toml" in bad.err and "jobs" in bad.err


def _die(paths):
    os._exit(9)  # as a worker killed for memory


def test_a_worker_that_dies_stops_the_run_with_an_error(glossary, corpus, every_file_a_batch,
                                                        monkeypatch):
    monkeypatch.setattr(parallel, "_check_batch", _die)
    with pytest.raises(GlossaryError, match="worker process of the check died.*--jobs 1"):
        check_paths(glossary, ["texts"], CheckOptions(jobs=2))
