"""Benchmark of ``glossary check``: a generated corpus and a generated 10,000-entry glossary.

Prints, in this order:

* automaton build and cache-load times;
* a baseline in the same run (reading and decoding the corpus), then the in-process check +
  JSON report of the main corpus, best of ``--repeat`` runs: throughput (MB/s on wall and CPU
  time), its ratio to the baseline, findings (by rule, and per MB), and the peak memory of this
  process;
* the check of part of the main corpus split into files of four lines (~1 KB), as corpora of
  one short article per file come: MB/s and files/s;
* the same as the main corpus for a second corpus with the density of findings of ordinary
  news copy (no pinyin annotations);
* the time to load the glossary from YAML in-process: parsed, then through the cache (cold, warm);
* what a user experiences: the command line ``glossary --glossary DIR check CORPUS --format json
  -o REPORT`` end to end in a child process, once with an empty cache and twice warm, then warm
  with the human and the SARIF report: wall and CPU seconds of the child, MB/s on each, and the
  child's own peak RSS;
* the time of a check of the seed texts including interpreter start-up.

Usage::

    python benchmarks/check_bench.py [--mb 100] [--entries 10000] [--skip-cli] [--keep]

The main corpus is the seed paragraphs shuffled, half of them converted to traditional script,
with noise added (interpunct and dash variants, full-width digits, pinyin annotations) and
glossary names appended. The news corpus is generated the same way from the seed paragraphs with
their pinyin annotations removed, and without injected ones.
"""

from __future__ import annotations

import argparse
from collections import Counter
import filecmp
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from glossary import load_glossary  # noqa: E402
from glossary.check import CheckOptions, check_paths  # noqa: E402
from glossary.matcher import Matcher, get_matcher  # noqa: E402
from glossary.model import Entry, Glossary  # noqa: E402
from glossary.parallel import available_cores  # noqa: E402
from glossary.pinyin import find_annotations, strip_annotations  # noqa: E402
from glossary.reader import read_text  # noqa: E402
from glossary.report.json_report import write_json  # noqa: E402
from glossary.scripts import to_simplified, to_traditional  # noqa: E402
from glossary.store import glossary_files  # noqa: E402

SYLLABLES = ("阿 巴 卡 达 法 哈 贾 拉 马 纳 帕 萨 塔 瓦 扎 尔 里 尼 斯 特 克 德 姆 布 普 夫 赫 "
             "伊 乌 奥 埃 科 罗 莫 索 多 洛 沙 加 丹 兰 米 基 西 齐 吉 利 迪 提 维 耶 亚 娜 莎 苏 图 鲁 努").split()


def synthetic_entries(count: int, rng: random.Random, start: int = 0) -> list[Entry]:
    entries, seen = [], set()
    while len(entries) < count:
        given = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        family = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4)))
        zh = f"{given}·{family}"
        if zh in seen or family in seen:
            continue
        seen.update({zh, family})
        n = start + len(entries)
        forbidden = []
        if rng.random() < 0.3:
            alt = family[:-1] + rng.choice(SYLLABLES)
            if alt not in seen:
                seen.add(alt)
                forbidden = [alt]
        entries.append(Entry.from_dict({
            "id": f"synthetic-{n}", "zh": zh, "en": f"Synthetic Person {n}", "type": "person",
            "variants": [family], "forbidden": forbidden,
        }))
    return entries


def make_corpus(folder: Path, megabytes: float, glossary: Glossary, rng: random.Random,
                annotated: bool = True) -> int:
    """Write about *megabytes* MB of text files into *folder*; return the bytes written.

    With ``annotated=False`` the seed paragraphs lose their pinyin annotations and none are
    injected: the density of findings of ordinary news copy.
    """
    paragraphs = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        # Every paragraph in simplified script first; half the documents are converted below.
        text = to_simplified(path.read_text(encoding="utf-8"))
        for p in text.split("\n"):
            if not annotated:
                p = strip_annotations(p, list(find_annotations(p)))
            if len(p) > 20:
                paragraphs.append(p)
    names = [e.zh for e in glossary.entries[:2000]]
    noise = [("·", "•"), ("·", "‧"), ("-", "－"), ("4", "４"), ("2", "２")]
    target = int(megabytes * 1024 * 1024)
    written, number = 0, 0
    while written < target:
        lines = []
        for _ in range(200):
            text = rng.choice(paragraphs)
            if rng.random() < 0.5:
                text += rng.choice(names) + "表示。"
            if rng.random() < 0.1:
                a, b = rng.choice(noise)
                text = text.replace(a, b)
            if rng.random() < 0.05 and annotated:  # the draw is made either way
                text = text.replace("战争", "战(zhàn)争")
            lines.append(text)
        body = "\n".join(lines) + "\n"
        if number % 2:
            body = to_traditional(body)
        data = body.encode("utf-8")
        (folder / f"doc{number:05d}.txt").write_bytes(data)
        written += len(data)
        number += 1
    return written


def split_corpus(corpus: Path, folder: Path, megabytes: float, lines: int = 4) -> tuple[int, int]:
    """Copy the first *megabytes* of *corpus* into *folder*, *lines* lines to a file."""
    folder.mkdir()
    size = count = 0
    for path in sorted(corpus.glob("*.txt")):
        rows = path.read_text(encoding="utf-8").split("\n")
        for first in range(0, len(rows), lines):
            data = ("\n".join(rows[first:first + lines]) + "\n").encode("utf-8")
            (folder / f"{count:06d}.txt").write_bytes(data)
            size, count = size + len(data), count + 1
        if size >= megabytes * 1e6:
            break
    return size, count


def write_glossary(folder: Path, seed_dir: Path, synthetic: list[Entry]) -> None:
    """The seed glossary's files and the synthetic entries (``synthetic.yaml``) as a folder."""
    seed_dir = Path(seed_dir)
    for path in glossary_files(seed_dir):
        target = folder / path.relative_to(seed_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    records = []
    for e in synthetic:
        record = {"id": e.id, "zh": e.zh, "en": e.en, "type": e.type, "variants": list(e.variants)}
        if e.forbidden:
            record["forbidden"] = [f.form for f in e.forbidden]
        records.append(record)
    (folder / "synthetic.yaml").write_text(
        yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")


def run_child(command: list[str], env: dict[str, str], cwd: Path, log: Path):
    """Run *command*; return (exit code, wall s, CPU s (user + sys), peak RSS in MB, stderr).

    The CPU time is the difference of RUSAGE_CHILDREN around the run; the peak RSS is that of
    this child alone, from wait4 (RUSAGE_CHILDREN's ru_maxrss is a maximum over all children).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    with open(log, "wb") as errors:
        child = subprocess.Popen(command, stdout=errors, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - t
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return child.returncode, wall, cpu, usage.ru_maxrss / 1024, log.read_text(errors="replace")


def check_and_report(glossary: Glossary, corpus: Path, report: Path, jobs: int = 1):
    """Check *corpus* and write its JSON report: (result, wall s, CPU s of the check, CPU s of
    check and report); with *jobs* other than 1, in worker processes (their CPU not counted)."""
    t, cpu = time.perf_counter(), time.process_time()
    result = check_paths(glossary, [str(corpus)], CheckOptions(jobs=jobs))
    check_cpu = time.process_time() - cpu
    with open(report, "w", encoding="utf-8") as handle:
        write_json(result, handle)
    return result, time.perf_counter() - t, check_cpu, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100.0, help="corpus size in MB")
    parser.add_argument("--entries", type=int, default=10000, help="glossary size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus")
    parser.add_argument("--glossary", type=Path, default=REPO / "glossary", help="base glossary")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of the in-process check of the main corpus (the best is shown)")
    parser.add_argument("--skip-cli", action="store_true",
                        help="leave out the command-line runs (end to end, in a child process)")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    seed_glossary = load_glossary(args.glossary)
    extra = max(0, args.entries - len(seed_glossary))
    glossary = Glossary(seed_glossary.entries + synthetic_entries(extra, rng))
    print(f"glossary: {len(glossary)} entries ({len(seed_glossary)} seed + {extra} synthetic)")

    work = Path(tempfile.mkdtemp(prefix="glossary-bench-"))
    os.environ["GLOSSARY_CACHE_DIR"] = str(work / "cache")
    corpus, news = work / "corpus", work / "news"
    corpus.mkdir()
    news.mkdir()
    try:
        t = time.perf_counter()
        size = make_corpus(corpus, args.mb, glossary, rng)
        print(f"corpus: {size / 1e6:.1f} MB in {len(list(corpus.glob('*.txt')))} files "
              f"(generated in {time.perf_counter() - t:.1f} s)")

        t = time.perf_counter()
        built = Matcher.build(glossary)
        build_s = time.perf_counter() - t
        print(f"automaton: {len(built.patterns)} patterns, built in {build_s:.2f} s (cold, no cache)")
        t = time.perf_counter()
        Matcher.for_glossary(glossary)  # writes the cache
        t = time.perf_counter()
        loaded = Matcher.for_glossary(glossary)
        print(f"automaton: loaded from cache in {time.perf_counter() - t:.3f} s "
              f"(from cache: {loaded.loaded_from_cache})")

        get_matcher(glossary)
        mb = size / 1e6
        # The baseline, in the same run: reading and decoding the corpus, which any checker
        # pays. Shared machines vary from minute to minute; the ratio varies less.
        files = sorted(corpus.glob("*.txt"))
        cpu = time.process_time()
        for path in files:
            read_text(path)
        read_cpu = time.process_time() - cpu
        best = None
        for attempt in range(args.repeat):
            result, elapsed, check_cpu, cpu = check_and_report(glossary, corpus,
                                                               work / "report.json")
            if best is None or cpu < best[2]:
                best = (elapsed, check_cpu, cpu)
            if attempt + 1 < args.repeat:
                del result
        elapsed, check_cpu, cpu = best
        elapsed_one = elapsed
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"baseline: reading and decoding the corpus, {read_cpu:.2f} s CPU = "
              f"{mb / read_cpu:.0f} MB/s")
        print(f"best of {args.repeat} runs:")
        print(f"check + JSON report: {mb:.1f} MB in {elapsed:.2f} s wall = {mb / elapsed:.1f} MB/s; "
              f"{cpu:.2f} s CPU = {mb / cpu:.1f} MB/s per core "
              f"({len(result.findings)} findings, {sum(f.terms for f in result.files)} terms, "
              f"{(work / 'report.json').stat().st_size / 1e6:.0f} MB of JSON)")
        print(f"  of which the check: {check_cpu:.2f} s CPU = {mb / check_cpu:.1f} MB/s, "
              f"the JSON report: {cpu - check_cpu:.2f} s CPU; "
              f"end to end = {cpu / read_cpu:.1f} x the baseline")
        by_code = Counter(f.code for f in result.findings)
        print("findings by rule: " + ", ".join(f"{c} {n}" for c, n in sorted(by_code.items())))
        print(f"findings per MB: {len(result.findings) / mb:.0f}")
        main_findings = len(result.findings)
        del result, by_code
        cores = available_cores()
        if cores > 1:
            walls = []
            for _ in range(args.repeat):
                result, elapsed, _, _ = check_and_report(glossary, corpus, work / "report-j.json",
                                                         jobs=0)
                walls.append(elapsed)
                del result
            same = filecmp.cmp(work / "report-j.json", work / "report.json", shallow=False)
            workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"check + JSON report in {cores} worker processes (--jobs 0, all cores): best "
                  f"{min(walls):.2f} s wall = {mb / min(walls):.1f} MB/s = "
                  f"{elapsed_one / min(walls):.2f} x one process; peak RSS of a worker "
                  f"{workers:.0f} MB; report "
                  + ("byte for byte the same" if same else "DIFFERS from one process's"))
            (work / "report-j.json").unlink()
        quiet = CheckOptions(ignore=["GL002", "GL006", "GL008"])
        cpu = time.process_time()
        result = check_paths(glossary, [str(corpus)], quiet)
        cpu = time.process_time() - cpu
        print(f"same corpus, info rules and GL006 off ({len(result.findings)} findings): "
              f"{cpu:.2f} s CPU = {mb / cpu:.1f} MB/s per core")
        del result
        print(f"peak memory (max RSS of this process): {peak:.0f} MB")

        # One short article per file, as many corpora come: the fixed cost of a file.
        small = work / "small"
        small_size, small_files = split_corpus(corpus, small, megabytes=min(10.0, args.mb / 4))
        cpu = time.process_time()
        result = check_paths(glossary, [str(small)], CheckOptions())
        cpu = time.process_time() - cpu
        print(f"the same text as {small_files} files of ~{small_size / small_files / 1000:.1f} KB "
              f"({small_size / 1e6:.1f} MB): check {cpu:.2f} s CPU = "
              f"{small_size / 1e6 / cpu:.1f} MB/s, {small_files / cpu:.0f} files/s")
        del result
        shutil.rmtree(small)

        # The density of findings of ordinary news copy: no pinyin annotations.
        t = time.perf_counter()
        news_size = make_corpus(news, args.mb, glossary, rng, annotated=False)
        print(f"corpus without pinyin annotations (ordinary news copy): {news_size / 1e6:.1f} MB "
              f"in {len(list(news.glob('*.txt')))} files "
              f"(generated in {time.perf_counter() - t:.1f} s)")
        result, elapsed, check_cpu, cpu = check_and_report(glossary, news,
                                                           work / "news-report.json")
        news_mb = news_size / 1e6
        print(f"  check + JSON report: {news_mb:.1f} MB in {elapsed:.2f} s wall = "
              f"{news_mb / elapsed:.1f} MB/s; {cpu:.2f} s CPU = {news_mb / cpu:.1f} MB/s per core "
              f"(the check alone: {news_mb / check_cpu:.1f} MB/s per core)")
        by_code = Counter(f.code for f in result.findings)
        print(f"  {len(result.findings)} findings = {len(result.findings) / news_mb:.0f} per MB "
              f"(main corpus: {main_findings / mb:.0f} per MB); by rule: "
              + ", ".join(f"{c} {n}" for c, n in sorted(by_code.items())))
        del result, by_code
        (work / "news-report.json").unlink()

        # The glossary as YAML files, as a user has it: the seed files and synthetic.yaml.
        glossary_dir = work / "glossary"
        write_glossary(glossary_dir, args.glossary, glossary.entries[len(seed_glossary):])
        t = time.perf_counter()
        parsed = load_glossary(glossary_dir, use_cache=False)
        parse_s = time.perf_counter() - t
        if {e.id: e for e in parsed.entries} != {e.id: e for e in glossary.entries}:
            raise SystemExit("error: the glossary written as YAML loads differently")
        del parsed
        os.environ["GLOSSARY_CACHE_DIR"] = str(work / "load-cache")
        loads = []
        for _ in range(2):
            t = time.perf_counter()
            load_glossary(glossary_dir, use_cache=True)
            loads.append(time.perf_counter() - t)
        os.environ["GLOSSARY_CACHE_DIR"] = str(work / "cache")
        print(f"glossary load in-process ({len(glossary)} entries, "
              f"{sum(p.stat().st_size for p in glossary_files(glossary_dir)) / 1e6:.1f} MB of "
              f"YAML): parsed {parse_s:.2f} s; with the cache: {loads[0]:.2f} s (empty cache: "
              f"parse + write), {loads[1]:.3f} s (from the cache)")

        if not args.skip_cli:
            # The command line end to end, as a user runs it, in a fresh cache folder.
            report = work / "cli-report.json"
            env = dict(os.environ, GLOSSARY_CACHE_DIR=str(work / "cli-cache"))
            env["PYTHONPATH"] = os.pathsep.join(
                filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))
            command = [sys.executable, "-c", "from glossary.cli.app import run; run()",
                       "--glossary", str(glossary_dir), "check", str(corpus),
                       "--format", "json", "-o", str(report)]
            print(f"command line end to end: glossary --glossary DIR check CORPUS --format json "
                  f"-o REPORT ({len(glossary)} entries, {mb:.1f} MB; in a child process; "
                  f"peak RSS is the child's own, from wait4)")
            runs = (("cold (empty cache), one process (--jobs 1)", ["--jobs", "1"]),
                    ("warm, one process (--jobs 1)", ["--jobs", "1"]),
                    ("warm, one process (--jobs 1)", ["--jobs", "1"]),
                    (f"warm, all {available_cores()} cores (default)", []),
                    (f"warm, all {available_cores()} cores (default)", []))
            for label, jobs in runs:
                code, wall, cpu, rss, output = run_child(command + jobs, env, work,
                                                         work / "cli.log")
                if code != 1:  # 1: findings; anything else is an error
                    sys.stderr.write(output)
                    raise SystemExit(f"error: the command line exited with {code}, expected 1")
                print(f"  {label}: {wall:.2f} s wall = {mb / wall:.1f} MB/s; "
                      f"{cpu:.2f} s CPU (all processes) = {mb / cpu:.1f} MB/s per core; "
                      f"peak RSS {rss:.0f} MB")
            for output_format, name in (("human", "cli-report.txt"), ("sarif", "cli-report.sarif")):
                other = command[:-4] + ["--format", output_format, "-o", str(work / name)]
                code, wall, cpu, rss, output = run_child(other, env, work, work / "cli.log")
                if code != 1:
                    sys.stderr.write(output)
                    raise SystemExit(f"error: the command line exited with {code}, expected 1")
                print(f"  warm, all cores, --format {output_format}: {wall:.2f} s wall = {mb / wall:.1f} MB/s; "
                      f"{cpu:.2f} s CPU = {mb / cpu:.1f} MB/s; peak RSS {rss:.0f} MB; "
                      f"{(work / name).stat().st_size / 1e6:.0f} MB written")
                (work / name).unlink()
            same = filecmp.cmp(report, work / "report.json", shallow=False)
            print(f"  report: {report.stat().st_size / 1e6:.0f} MB of JSON, "
                  + ("byte for byte the in-process report" if same else
                     f"differs from the in-process report "
                     f"({(work / 'report.json').stat().st_size / 1e6:.0f} MB)"))
            report.unlink()

        baseline = args.glossary
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", "from glossary.cli.app import run; run()",
                            "--glossary", str(baseline), "check", str(REPO / "seeds")],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
            runs.append(time.perf_counter() - t)
        print(f"seed check incl. start-up (warm cache): best {min(runs):.2f} s of 3 "
              f"(first {runs[0]:.2f} s)")
    finally:
        if args.keep:
            print(f"corpus kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
