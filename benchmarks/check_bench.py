"""Benchmark of ``glossary check``: a generated corpus and a generated 10,000-entry glossary.

Prints throughput (MB/s), peak memory, automaton build and cache-load times, and the time of a
check of the seed texts including interpreter start-up. Usage::

    python benchmarks/check_bench.py [--mb 100] [--entries 10000] [--out benchmarks/out]

The corpus is the seed paragraphs shuffled, half of them converted to traditional script, with
noise added (interpunct and dash variants, full-width digits, pinyin annotations).
"""

from __future__ import annotations

import argparse
from collections import Counter
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from glossary import load_glossary  # noqa: E402
from glossary.check import CheckOptions, check_paths  # noqa: E402
from glossary.matcher import Matcher, get_matcher  # noqa: E402
from glossary.model import Entry, Glossary  # noqa: E402
from glossary.report.json_report import write_json  # noqa: E402
from glossary.scripts import to_simplified, to_traditional  # noqa: E402

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


def make_corpus(folder: Path, megabytes: float, glossary: Glossary, rng: random.Random) -> int:
    paragraphs = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        # Every paragraph in simplified script first; half the documents are converted below.
        text = to_simplified(path.read_text(encoding="utf-8"))
        paragraphs += [p for p in text.split("\n") if len(p) > 20]
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
            if rng.random() < 0.05:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100.0, help="corpus size in MB")
    parser.add_argument("--entries", type=int, default=10000, help="glossary size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus")
    parser.add_argument("--glossary", type=Path, default=REPO / "glossary", help="base glossary")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    seed_glossary = load_glossary(args.glossary)
    extra = max(0, args.entries - len(seed_glossary))
    glossary = Glossary(seed_glossary.entries + synthetic_entries(extra, rng))
    print(f"glossary: {len(glossary)} entries ({len(seed_glossary)} seed + {extra} synthetic)")

    work = Path(tempfile.mkdtemp(prefix="glossary-bench-"))
    os.environ["GLOSSARY_CACHE_DIR"] = str(work / "cache")
    try:
        t = time.perf_counter()
        size = make_corpus(work, args.mb, glossary, rng)
        print(f"corpus: {size / 1e6:.1f} MB in {len(list(work.glob('*.txt')))} files "
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
        t, cpu = time.perf_counter(), time.process_time()
        result = check_paths(glossary, [str(work)], CheckOptions())
        check_cpu = time.process_time() - cpu
        with open(work / "report.json", "w", encoding="utf-8") as handle:
            write_json(result, handle)
        elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        mb = size / 1e6
        print(f"check + JSON report: {mb:.1f} MB in {elapsed:.2f} s wall = {mb / elapsed:.1f} MB/s; "
              f"{cpu:.2f} s CPU = {mb / cpu:.1f} MB/s per core "
              f"({len(result.findings)} findings, {sum(f.terms for f in result.files)} terms, "
              f"{(work / 'report.json').stat().st_size / 1e6:.0f} MB of JSON)")
        print(f"  of which the check: {check_cpu:.2f} s CPU = {mb / check_cpu:.1f} MB/s, "
              f"the JSON report: {cpu - check_cpu:.2f} s CPU")
        by_code = Counter(f.code for f in result.findings)
        print("findings by rule: " + ", ".join(f"{c} {n}" for c, n in sorted(by_code.items())))
        del result
        quiet = CheckOptions(ignore=["GL002", "GL006", "GL008"])
        cpu = time.process_time()
        result = check_paths(glossary, [str(work)], quiet)
        cpu = time.process_time() - cpu
        print(f"same corpus, info rules and GL006 off ({len(result.findings)} findings): "
              f"{cpu:.2f} s CPU = {mb / cpu:.1f} MB/s per core")
        print(f"peak memory (max RSS of this process): {peak:.0f} MB")

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
