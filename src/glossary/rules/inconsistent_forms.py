"""GL007 inconsistent-forms: one entry written in different forms across the checked texts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter

from glossary.normalize import holds_name, strip_interpuncts
from glossary.rules.base import Rule

RULE = Rule(
    "GL007", "inconsistent-forms", "warning",
    "Across the checked files, one entry is written in two or more of its forms (preferred, "
    "variants, forbidden). Script differences between documents of different scripts, "
    "separator variants (GL005) and a short form used beside the full name it is part of "
    "(拉里贾尼 beside 阿里·拉里贾尼) do not count, nor does an abbreviation introduced in "
    "brackets (伊朗伊斯兰共和国通讯社（伊通社）), nor a form the text names rather than uses "
    "(也有人译作阿拉奇). Reported once per entry, at the first use "
    "of the form that departs from the glossary (a forbidden form first, the less used one).",
    "a.txt: 内塔尼亚胡…  b.txt: 内坦亚胡… → GL007 benjamin-netanyahu is written in 2 forms "
    "across the checked files: `内塔尼亚胡` (3× in a.txt), `内坦亚胡` (1× in b.txt)",
    scope="corpus",
)


@dataclass
class FormUse:
    """How often one glossary form of an entry was used, where, and its first finding site."""

    count: int = 0
    kind: str = ""
    files: set = field(default_factory=set)
    first: object = None  # a Finding template at the first use
    # How the documents wrote it: the glossary spelling it came from (an entry's zh, or its
    # zh_hant, which traditional documents may write instead) → [count, the first document's
    # spelling of it (its script, its house style)]
    spellings: dict = field(default_factory=dict)


class FormKeys(dict):
    """Pattern number → ((entry id, glossary form), kind), for the patterns in :attr:`numbers`.

    Those are the patterns of entries with more than one form: an entry with a single form (and
    its own traditional form, if any) cannot be inconsistent. An entry's own traditional form
    (``zh_hant``) counts as its preferred form: which region's wording a document writes is
    GL008's. Filled on first use of each pattern: a check meets a small part of a large
    glossary's spellings.
    """

    def __init__(self, matcher):
        super().__init__()
        self.matcher = matcher
        entries = matcher.glossary.entries
        several = [bool(e.variants or e.forbidden) for e in entries]
        self.numbers = frozenset(n for n, p in enumerate(matcher.patterns) if several[p.entry])
        # of those, the variant and forbidden forms: the ones a text may name rather than use
        self.departing = frozenset(n for n in self.numbers if matcher.patterns[n].kind != "preferred")

    def __missing__(self, number: int):
        index, kind, form = self.matcher.patterns[number][:3]
        entry = self.matcher.glossary.entries[index]
        if form == entry.zh_hant:  # its regional wording is GL008's, not another form
            form = entry.zh
        key = self[number] = ((entry.id, form), kind)
        return key


def form_keys(matcher) -> FormKeys:
    """The :class:`FormKeys` of *matcher* (kept on the matcher)."""
    keys = matcher.__dict__.get("_gl007_keys")
    if keys is None:
        keys = matcher.__dict__["_gl007_keys"] = FormKeys(matcher)
    return keys


class CorpusUses:
    """The uses of the forms of several-form entries across the checked documents.

    Each document leaves what C-level set operations give: its patterns' counts, and the first
    use of each pattern not met before. Only the entries written in two forms or more, which
    few are, are then added up form by form (:meth:`forms`).
    """

    def __init__(self):
        self.keys: FormKeys | None = None
        # (path, pattern number → count, pattern number → [(pattern, count)] of the short
        # forms introduced in brackets that its count takes in: 伊通社 of 伊朗伊斯兰共和国通讯社)
        self.documents: list[tuple[str, dict[int, int], dict]] = []
        # pattern number → (document number, offset, the document's spelling of it)
        self.firsts: dict[int, tuple] = {}
        self.first_finding: dict = {}  # (entry id, form) → a Finding template at its first use
        self.merged: dict = {}  # (entry id, form) → FormUse counted by other processes

    def add(self, doc) -> None:
        """Record *doc*'s uses."""
        keys = self.keys
        if keys is None:
            keys = self.keys = form_keys(doc.matcher)
        counts = doc.pattern_counts
        used = keys.numbers.intersection(counts)
        if not used:
            return
        number = len(self.documents)
        mine = {n: counts[n] for n in used}
        named = _named(doc, used.intersection(keys.departing))
        if named:  # 也有人译作阿拉奇: a form the text names is no use of it
            for hit in named:
                mine[hit[0]] -= 1
                if not mine[hit[0]]:
                    del mine[hit[0]]
            used = used.intersection(mine)
            if not used:
                return
        introduced = _introductions(doc, used, keys)
        shorts: dict = {}
        if introduced:
            for short, full in introduced:
                count = mine.pop(short, 0)
                mine[full] = mine.get(full, 0) + count
                shorts.setdefault(full, []).append(
                    (doc.matcher.patterns[short].form, doc.styled(doc.matcher.patterns[short].text),
                     count))
            used = used.intersection(mine)
        self.documents.append((doc.path, mine, shorts))
        fresh = used.difference(self.firsts)
        if not fresh:
            return
        hits = list(compress(doc.hits, map(fresh.__contains__, map(itemgetter(0), doc.hits))))
        if named:
            hits = [hit for hit in hits if hit not in named]
        hits.reverse()  # the last write wins: the first hit of each pattern
        firsts = dict(zip(map(itemgetter(0), hits), hits))
        patterns, first_finding = doc.matcher.patterns, self.first_finding
        for pattern, hit in sorted(firsts.items(), key=lambda item: item[1][1]):
            self.firsts[pattern] = (number, hit[1], doc.styled(patterns[pattern].text))
            key = keys[pattern][0]
            if key not in first_finding:
                m = doc.matcher.term_match(doc.prepared, hit)
                first_finding[key] = doc.finding(RULE, m.start, m.end, "", entry=m.entry,
                                                 suggestion=doc.preferred(m.entry))

    def merge(self, key, count: int, kind: str, files, first: tuple, spellings: dict) -> None:
        """Add the uses of one form counted by another process (see :func:`merge_use`)."""
        merge_use(self.merged, key, count, kind, files, first, spellings)

    def forms(self, everything: bool = False) -> dict:
        """(entry id, glossary form) → :class:`FormUse`: of every entry used in two forms or
        more, or (*everything*) of every entry used."""
        out: dict = {}
        if self.firsts:
            keys, patterns, firsts = self.keys, self.keys.matcher.patterns, self.firsts
            for n in sorted(firsts, key=lambda n: firsts[n][:2]):  # in order of first use
                key, kind = keys[n]
                use = out.get(key)
                if use is None:
                    use = out[key] = FormUse(kind=kind, first=self.first_finding[key])
                use.spellings.setdefault(patterns[n].form, [0, firsts[n][2]])
            if not everything and not self.merged:
                forms_of = Counter(entry_id for entry_id, _ in out)
                out = {key: use for key, use in out.items() if forms_of[key[0]] > 1}
            wanted = frozenset(n for n in firsts if keys[n][0] in out)
            for path, counts, shorts in self.documents:
                for n in wanted.intersection(counts):
                    count = counts[n]
                    use = out[keys[n][0]]
                    use.count += count
                    use.files.add(path)
                    for form, spelling, taken in shorts.get(n, ()):  # shown as written
                        use.spellings.setdefault(form, [0, spelling])[0] += taken
                        count -= taken
                    use.spellings[patterns[n].form][0] += count
        for key, use in self.merged.items():
            mine = out.get(key)
            if mine is None:
                out[key] = use
            else:
                mine.count += use.count
                mine.files.update(use.files)
                for form, (n, spelling) in use.spellings.items():
                    mine.spellings.setdefault(form, [0, spelling])[0] += n
        return out


def _named(doc, wanted) -> set:
    """The hits in *doc* of the variant and forbidden forms *wanted* that the text speaks of
    rather than uses (see :meth:`Document.spoken_of`); read from the hits, not from the
    matches the enabled rules asked for."""
    if not wanted:
        return set()
    entries, patterns, offsets = doc.matcher.glossary.entries, doc.matcher.patterns, \
        doc.prepared.offsets
    named = set()
    for hit in compress(doc.hits, map(wanted.__contains__, map(itemgetter(0), doc.hits))):
        number, start, end = hit
        if offsets is not None:
            start, end = offsets.start(start), offsets.end(end)
        if doc.spoken_of(start, end, entries[patterns[number].entry]):
            named.add(hit)
    return named


def _introductions(doc, used, keys) -> list[tuple[int, int]]:
    """(pattern, pattern it stands for) of each form that *doc* introduces in brackets right
    after another form of its entry (:attr:`Document.bracket_pairs`). Both count as one form
    there, the preferred one if either is, else the one written first."""
    out = []
    for (first, _, _), (second, _, _) in doc.bracket_pairs:
        if first in used and second in used:
            (_, form_a), _ = keys[first]
            (_, form_b), kind_b = keys[second]
            if form_a != form_b:
                out.append((first, second) if kind_b == "preferred" else (second, first))
    if not out:
        return out
    # each form merged away → the form it ends in, through chains (伊朗通讯社（伊通社）, then
    # 伊朗伊斯兰共和国通讯社（伊朗通讯社）); every spelling of it in the text goes there
    parent = {keys[short][0]: keys[full][0] for short, full in out}
    pattern_of = {keys[full][0]: full for _, full in out}

    def final(form):
        seen = set()
        while form in parent and form not in seen:
            seen.add(form)
            form = parent[form]
        return form

    targets = {form: pattern_of[final(form)] for form in parent if final(form) in pattern_of}
    return [(n, targets[keys[n][0]]) for n in used
            if keys[n][0] in targets and n != targets[keys[n][0]]]


def merge_use(uses: dict, key, count: int, kind: str, files, first: tuple,
              spellings: dict) -> None:
    """Add to *uses* the uses of one form counted in files checked after those in it (by
    another process); *first* is the fields of its first finding, used if *uses* has none."""
    use = uses.get(key)
    if use is None:
        from glossary.findings import Finding

        uses[key] = FormUse(count, kind, set(files), Finding(*first),
                            {form: list(written) for form, written in spellings.items()})
    else:
        use.count += count
        use.files.update(files)
        for form, (n, spelling) in spellings.items():
            written = use.spellings.setdefault(form, [0, spelling])
            written[0] += n


def check_corpus(uses: dict, glossary=None):
    """GL007's findings from the corpus's *uses* ((entry id, form) → :class:`FormUse`); the
    *glossary* tells an entry's preferred form where the corpus did not use it."""
    from dataclasses import replace

    by_entry: dict = {}
    for (entry_id, form), use in uses.items():
        by_entry.setdefault(entry_id, {})[form] = use
    for entry_id, forms in by_entry.items():
        distinct = _distinct(forms)
        if len(distinct) < 2:
            continue

        def rank(f):
            return -forms[f].count, forms[f].kind != "preferred", f

        # every form is shown, a short form used beside its full name too (阿拉格齐 beside
        # 阿巴斯·阿拉格齐), though only the others make the entry inconsistent
        ranked = sorted(forms, key=rank)
        summary = ", ".join(_describe(f, forms[f]) for f in ranked)
        entry = glossary.get(entry_id) if glossary is not None else None
        first = forms[_target(distinct, forms, entry.zh if entry else None)].first
        yield replace(
            first,
            message=f"{entry_id} is written in {len(ranked)} forms across the checked files: {summary}",
            extra={"forms": {f: forms[f].count for f in ranked}},
        )


def _target(distinct, forms, glossary_form: str | None = None) -> str:
    """The form a GL007 finding points at: one that departs from the glossary (a forbidden
    form before a variant), the least used of those, where it was first used; the preferred
    form is never the target, though it may be the less used (外长 19×, 外交部长 5×), nor a
    full name that holds it (*glossary_form*, used or not) if another form departs."""
    departing = [f for f in distinct if forms[f].kind != "preferred"] or list(distinct)
    # a full name holding the preferred short one (布拉德·库珀, 库珀) departs least of all
    preferred = [f for f in forms if forms[f].kind == "preferred"]
    if glossary_form:
        preferred.append(glossary_form)
    departing = [f for f in departing
                 if not any(holds_name(f, p) for p in preferred)] or departing
    return min(departing, key=lambda f: (forms[f].kind != "forbidden", forms[f].count, f))


def _distinct(forms):
    """The forms left once short forms contained in a longer form used beside them are dropped."""
    keys = {f: strip_interpuncts(f) for f in forms}
    return [f for f in forms if not any(g != f and keys[f] in keys[g] for g in forms)]


def _describe(form, use):
    files = sorted(use.files)
    where = files[0] if len(files) == 1 else f"{len(files)} files"
    spellings = sorted(use.spellings.values(), key=lambda item: (-item[0], item[1]))
    if len(spellings) <= 1:  # as the documents spell it (a traditional one: its own spelling)
        return f"`{spellings[0][1] if spellings else form}` ({use.count}× in {where})"
    # traditional documents wrote both the entry's zh_hant and its converted zh (川普, 特朗普),
    # or a document introduced an abbreviation for the form (伊朗伊斯兰共和国通讯社（伊通社）)
    written = ", ".join(f"{spelling} {n}×" for n, spelling in spellings)
    return f"`{form}` ({use.count}× in {where}: written {written})"
