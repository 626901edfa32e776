"""Translation-memory benchmark: import rate, file size, lookup latency and recall at scale.

    python benchmarks/tm_bench.py --size 100000
    python benchmarks/tm_bench.py --size 1000000 --linear-queries 50

It builds a memory of ``--size`` Chinese–English pairs from the seed sentences in ``seeds/``
varied by substitution (news-agency datelines, dates, cities, numbers; about 30 % converted to
traditional script, character by character), imports it (by default by running ``glossary tm
import`` on a TMX file of them in a new process, timed from start to exit; ``--via store``
adds them straight from this process), then times ``tm lookup``'s function on two query sets:

* near-duplicates: a stored unit's source with 1–3 character edits plus noise (script flipped,
  full-width digits, a pinyin annotation, spaces), whose true nearest unit is the one it was made
  from; recall@1 counts a query as found when the best match scores at least as high as that
  unit does (an equally good twin is as good an answer);
* no-match: seed sentences with their characters shuffled.

and compares with a plain linear scan (rapidfuzz's ``process.extract`` over every normalised
source held in memory) on ``--linear-queries`` of the near-duplicate queries. Figures are
printed; nothing is asserted. The memory is written under ``benchmarks/out/`` (git-ignored)
and removed unless ``--keep``.
"""

from __future__ import annotations

import argparse
import gc
import glob
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from glossary.memory.normalize import normalize
from glossary.memory.score import lookup, score
from glossary.memory.sqlite_store import SqliteStore
from glossary.memory.store import Unit
from glossary.scripts import _char_tables

REPO = Path(__file__).resolve().parent.parent

CITIES = ("北京 上海 德黑兰 华盛顿 莫斯科 伦敦 巴黎 柏林 东京 首尔 开罗 利雅得 多哈 马斯喀特 "
          "伊斯坦布尔 安卡拉 日内瓦 维也纳 纽约 布鲁塞尔 罗马 马德里 新德里 伊斯兰堡 喀布尔 巴格达 "
          "大马士革 贝鲁特 耶路撒冷 安曼 迪拜 阿布扎比 科威特 麦纳麦 萨那 亚丁 吉达 孟买 曼谷 河内 "
          "雅加达 悉尼 渥太华 墨西哥城 巴西利亚 布宜诺斯艾利斯 内罗毕 约翰内斯堡 拉各斯 阿尔及尔 "
          "突尼斯 的黎波里 喀土穆 亚的斯亚贝巴 基辅 华沙 布拉格 布达佩斯 明斯克 塔什干").split()
AGENCIES = "新华社 中新社 央视新闻 看看新闻 环球时报 人民日报 澎湃新闻 参考消息 路透社 美联社 法新社 塔斯社".split()
PINYIN = ["(zhàn)", "(xié)", "(yì)", "(guó)", "(tán)", "(pàn)"]


def seed_sentences() -> list[str]:
    out = []
    for path in sorted(glob.glob(str(REPO / "seeds" / "*.txt"))):
        text = Path(path).read_text(encoding="utf-8")
        for line in text.splitlines():
            for piece in re.findall(r"[^。！？!?]+[。！？!?”]*", line.strip()):
                piece = piece.strip()
                if len(piece) >= 8:
                    out.append(piece)
    return list(dict.fromkeys(out))


def s2t_table() -> dict[int, str]:
    s2t, _ = _char_tables()
    return str.maketrans({k: v[0] for k, v in s2t.items() if len(k) == 1 and len(v[0]) == 1})


def generate(size: int, seed: int) -> list[Unit]:
    """*size* distinct-ish pairs made from the seed sentences."""
    rng = random.Random(seed)
    seeds = seed_sentences()
    to_trad = s2t_table()
    digits = re.compile(r"\d+")
    units = []
    now = int(time.time())
    for n in range(size):
        i = rng.randrange(len(seeds))
        city, agency = rng.randrange(len(CITIES)), rng.randrange(len(AGENCIES))
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        body = seeds[i]
        for name in CITIES:  # move the story to another city
            if name in body:
                body = body.replace(name, CITIES[rng.randrange(len(CITIES))], 1)
                break
        if rng.random() < 0.5:
            body = digits.sub(lambda m: str(rng.randint(1, 99)), body)
        source = f"{AGENCIES[agency]}{CITIES[city]}{month}月{day}日电 {body}"
        lang = "zh-CN"
        if rng.random() < 0.3:
            source, lang = source.translate(to_trad), "zh-TW"
        target = (f"{CITIES[city].upper()}, {month}/{day} (agency {agency}) -- sentence {i} of "
                  f"the seed texts, variant {n}, in English.")
        units.append(Unit(source, target, lang, "en-US", "bench.tmx", str(n), created=now,
                          changed=now))
    return units


def near_duplicate(rng: random.Random, source: str, chars: str) -> str:
    """*source* with 1–3 character edits and some noise a translator's copy would have."""
    text = list(source)
    for _ in range(rng.randint(1, 3)):
        pos = rng.randrange(len(text))
        what = rng.random()
        if what < 0.4:
            text[pos] = rng.choice(chars)
        elif what < 0.7 and len(text) > 10:
            del text[pos]
        else:
            text.insert(pos, rng.choice(chars))
    out = "".join(text)
    noise = rng.random()
    if noise < 0.25:
        out = out.translate(s2t_table())
    elif noise < 0.5:
        out = re.sub(r"\d", lambda m: chr(ord(m.group()) + 0xFEE0), out)
    elif noise < 0.75:
        han = [k for k, c in enumerate(out) if "\u4e00" <= c <= "\u9fff"]
        if han:
            k = rng.choice(han) + 1
            out = out[:k] + rng.choice(PINYIN) + out[k:]
    else:
        out = out.replace("，", ", ")
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def write_tmx(units: list[Unit], path: Path) -> None:
    """A TMX 1.4 file of *units*, written directly (fast) for the import measurement."""
    from xml.sax.saxutils import escape

    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                  '<header creationtool="tm_bench" creationtoolversion="1" segtype="sentence" '
                  'o-tmf="bench" adminlang="en-US" srclang="zh-CN" datatype="plaintext"/>\n<body>\n')
        for u in units:
            out.write(f'<tu tuid="{u.origin_id}"><tuv xml:lang="{u.source_lang}"><seg>'
                      f'{escape(u.source)}</seg></tuv><tuv xml:lang="{u.target_lang}"><seg>'
                      f'{escape(u.target)}</seg></tuv></tu>\n')
        out.write("</body>\n</tmx>\n")


def table_sizes(store: SqliteStore) -> str:
    """`; units …, source index …` from SQLite's dbstat table, when it is compiled in."""
    try:
        rows = store.conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
    except Exception:  # noqa: BLE001 - dbstat is optional in SQLite builds
        return ""
    groups: dict[str, int] = {}
    for name, size in rows:
        group = ("source index" if name.startswith("source_") or name == "gram_stats" else
                 "target index" if name.startswith("target_") else
                 "unit table and its indexes" if name.startswith(("unit", "sqlite_autoindex_unit"))
                 else "other")
        groups[group] = groups.get(group, 0) + size
    return "; " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in sorted(groups.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="units in the memory")
    parser.add_argument("--queries", type=int, default=1000, help="queries per query set")
    parser.add_argument("--linear-queries", type=int, default=None,
                        help="near-duplicate queries also timed with a linear scan "
                             "(default: all up to 100k units, 100 at 1M)")
    parser.add_argument("--via", choices=("cli", "store"), default="cli",
                        help="import by running `glossary tm import` on a TMX file (default), "
                             "or straight into the store from this process")
    parser.add_argument("--record-terms", action="store_true",
                        help="let the import record glossary renderings (the repository's "
                             "glossary/); by default --no-terms")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "out"))
    parser.add_argument("--keep", action="store_true", help="keep the memory file")
    args = parser.parse_args(argv)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    db = out / f"bench-{args.size}.sqlite"
    for ext in ("", "-wal", "-shm"):
        Path(str(db) + ext).unlink(missing_ok=True)

    print(f"# tm benchmark: {args.size:,} units, {args.queries} queries per set, "
          f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")
    t0 = time.perf_counter()
    units = generate(args.size, args.seed)
    print(f"generated {len(units):,} pairs in {time.perf_counter() - t0:.1f} s "
          f"(from {len(seed_sentences())} seed sentences)")
    gc.freeze()  # the benchmark's own million units are not the importer's garbage to scan

    via = args.via
    if via == "cli":
        tmx = out / f"bench-{args.size}.tmx"
        write_tmx(units, tmx)
        command = [sys.executable, "-c",
                   "import sys; from glossary.cli.app import main; sys.exit(main(sys.argv[1:]))",
                   "tm", "--tm", str(db), "import", str(tmx)]
        if not args.record_terms:
            command.append("--no-terms")
        t0 = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
        elapsed = time.perf_counter() - t0
        tmx.unlink()
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return 1
        what = result.stdout.strip().splitlines()[-1].split(": ", 1)[-1]
        print(f"import (glossary tm import of a {args.size:,}-unit TMX file, a new process"
              f"{', recording glossary renderings' if args.record_terms else ''}): {what} in "
              f"{elapsed:.1f} s = {args.size / elapsed:,.0f} units/s")
        store = SqliteStore(db)
    else:
        store = SqliteStore(db)
        t0 = time.perf_counter()
        report = store.add_many(units)
        elapsed = time.perf_counter() - t0
        print(f"import (Store.add_many in this process): {report.added:,} added, "
              f"{report.duplicates:,} duplicates, {report.skipped:,} skipped in {elapsed:.1f} s "
              f"= {args.size / elapsed:,.0f} units/s")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = os.path.getsize(db)
    print(f"file size: {size / 1e6:.1f} MB ({size / max(1, store.count()):.0f} bytes/unit)"
          + table_sizes(store))

    rng = random.Random(args.seed + 1)
    pool = "".join(sorted({c for u in units[:2000] for c in u.source if "\u4e00" <= c <= "\u9fff"}))
    near = []
    for _ in range(args.queries):
        unit = units[rng.randrange(len(units))]
        near.append((near_duplicate(rng, unit.source, pool), unit))
    seeds = seed_sentences()
    nomatch = []
    for _ in range(args.queries):
        chars = list(seeds[rng.randrange(len(seeds))])
        rng.shuffle(chars)
        nomatch.append("".join(chars))

    def timed(queries: list[str]) -> tuple[list[float], list[list]]:
        times, results = [], []
        for q in queries:
            t = time.perf_counter()
            results.append(lookup(store, q, min_score=70, limit=5))
            times.append(time.perf_counter() - t)
        return times, results

    timed([q for q, _ in near[:20]])  # warm the page cache a little
    near_times, near_results = timed([q for q, _ in near])
    found1 = found5 = 0
    for (query, truth), matches in zip(near, near_results):
        want = score(normalize(query), normalize(truth.source))
        if matches and matches[0].score >= want:
            found1 += 1
        if any(m.unit.source == truth.source or m.score >= want for m in matches):
            found5 += 1
    print(f"lookup, near-duplicates: median {ms(statistics.median(near_times))}, "
          f"p95 {ms(percentile(near_times, 95))}, max {ms(max(near_times))}; "
          f"recall@1 {found1 / len(near):.3f}, recall@5 {found5 / len(near):.3f}")
    none_times, none_results = timed(nomatch)
    false_hits = sum(1 for r in none_results if r)
    print(f"lookup, no-match: median {ms(statistics.median(none_times))}, "
          f"p95 {ms(percentile(none_times, 95))}, max {ms(max(none_times))}; "
          f"{false_hits} of {len(nomatch)} returned a match >= 70")

    linear_n = args.linear_queries
    if linear_n is None:
        linear_n = len(near) if args.size <= 100_000 else 100
    if linear_n:
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        t0 = time.perf_counter()
        keys = [normalize(s) for (s,) in store.conn.execute("SELECT source FROM unit")]
        load = time.perf_counter() - t0
        times, agree = [], 0
        for (query, truth), indexed in zip(near[:linear_n], near_results):
            t = time.perf_counter()
            best = process.extract(normalize(query), keys, scorer=Levenshtein.normalized_similarity,
                                   limit=5, score_cutoff=0.7)
            times.append(time.perf_counter() - t)
            top = int(best[0][1] * 100) if best else None
            if (indexed[0].score if indexed else None) == (min(99, top) if top is not None and
                                                           top < 100 else top):
                agree += 1
        print(f"linear scan ({linear_n} queries, rapidfuzz over {len(keys):,} keys held in memory; "
              f"loading them took {load:.1f} s): median {ms(statistics.median(times))}, "
              f"p95 {ms(percentile(times, 95))}; indexed top score equals the scan's on "
              f"{agree}/{linear_n}")
    t0 = time.perf_counter()
    store.index_targets(wait=None)
    elapsed = time.perf_counter() - t0
    t0 = time.perf_counter()
    hits = list(store.concordance("sentence 17 of", target=True, limit=10_000))
    search = time.perf_counter() - t0
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"target index, built by the first `tm search --target`: {elapsed:.1f} s; then a "
          f"target search ({len(hits):,} hits) {ms(search)}; file size now "
          f"{os.path.getsize(db) / 1e6:.1f} MB" + table_sizes(store))
    t0 = time.perf_counter()
    hits = list(store.concordance("马斯喀特举行", limit=10_000))
    print(f"source concordance (`tm search`, {len(hits):,} hits): {ms(time.perf_counter() - t0)}")
    store.close()
    if not args.keep:
        for ext in ("", "-wal", "-shm"):
            Path(str(db) + ext).unlink(missing_ok=True)
        try:
            out.rmdir()
        except OSError:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
