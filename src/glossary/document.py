"""A checked text: its decoded content, script, the terms and annotations found, positions."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter

from glossary import fixguard, introductions
from glossary.findings import NO_EXTRA, Finding, Fix
from glossary.matcher import Hit, Matcher, PreparedText, TermMatch, prepare
from glossary.model import PREFERRED, Entry
from glossary.normalize import INTERPUNCT, MARKUP_TAG, SHIP_SUFFIXES, offsets_of
from glossary.pinyin import Annotation
from glossary.reader import Decoded
from glossary.scripts import HONG_KONG, TAIWAN, TRADITIONAL, ScriptProfile, survey
from glossary.verbatim import blanked, is_markdown, verbatim_spans

_NEWLINE = re.compile("\n")
# what a wrap cut: the line break, a flowed line's last space, the next line's quote prefix
_LINE_BREAK = re.compile("[ ]?\r?\n(?:[ \t]*>)*[ \t]*")
_bisect_right = bisect.bisect_right
_QUOTED_SHIP = re.compile('(?<=[^\\W\\d_])[”」』’"][号號]')  # a quoted name's 号 (“林肯”号)
# The evidence of a traditional document's region when its terms give none: Hong Kong's
# standard characters where Taiwan's differ (OpenCC's HKVariants: 説 衞 綫 裏) and its 周 of the
# weekdays (converters, like Taiwan, write 週); Taiwan's 裡 and 週
_WEEKDAYS = "一二三四五六日末"
_HONG_KONG_CHARACTERS = "説衞綫"
_HONG_KONG_SIGNS = _HONG_KONG_CHARACTERS + "裏"
_TAIWAN_SIGNS = "裡"


def _weekdays(text: str, week: str) -> int:
    """How often *week* (周 or 週) stands before a weekday (周日, 週末) in *text*."""
    count, i, last = 0, text.find(week), len(text) - 1
    while i != -1:
        if i < last and text[i + 1] in _WEEKDAYS:
            count += 1
        i = text.find(week, i + 1)
    return count


def _noisy_hits(hits, changed: list[int]):
    """The hits whose span in the text holds one of the *changed* offsets (noise).

    Noise is rare, so each changed character is looked up among the hits (sorted,
    non-overlapping) by bisection rather than each hit checked against the noise.
    """
    if not changed or not hits:
        return []
    ends = list(map(itemgetter(2), hits))
    out = []
    for offset in changed:
        i = bisect.bisect_right(ends, offset)
        if i < len(hits) and hits[i][1] <= offset and (not out or out[-1] is not hits[i]):
            out.append(hits[i])
    return out


def _house_interpunct(doc) -> str:
    """The name separator a document is held to when none is set: the glossary's ·, or in a
    traditional document that writes Taiwan's standard ‧ (Big5's, the Ministry of Education's)
    more often than ·, that one."""
    if doc.script == TRADITIONAL and "‧" in doc.text:
        text = doc.text
        if text.count("‧") > text.count(INTERPUNCT):
            return "‧"
    return INTERPUNCT


class _once:
    """``functools.cached_property`` without the lock Python 3.11 takes on each first access
    (most of the cost of a property read once per document of a corpus of small files)."""

    def __init__(self, compute):
        self.compute, self.name, self.__doc__ = compute, compute.__name__, compute.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.compute(obj)
        return value


@dataclass
class Document:
    """One text file as the rules see it."""

    path: str
    decoded: Decoded
    prepared: PreparedText
    profile: ScriptProfile
    matcher: Matcher
    hits: list[Hit]  # every raw hit: (pattern number, start, end) in the clean text
    matches: list[TermMatch] = field(default_factory=list)  # the hits some rule may report
    interpunct: str = INTERPUNCT  # the separator of names in this document's house style
    region_set: str | None = None  # a traditional document's region, when set rather than read

    @classmethod
    def scan(cls, path: str, decoded: Decoded, matcher: Matcher, wants=None,
             interpuncts: dict | None = None, region: str | None = None) -> "Document":
        """Find the terms of *decoded*; build full matches only for the hits rules look at.

        Most hits are preferred forms written as the glossary writes them: they are only
        counted. That keeps the per-hit work of a large corpus to a set lookup. *wants*: the
        ``wants`` tests of the enabled rules (see :meth:`Matcher.notable`; default: all).
        *interpuncts*: script → the house style's name separator for documents of that script
        (``{"traditional": "‧"}``), where it is not the glossary's ``·``. *region*: a
        traditional document's region (:data:`TAIWAN` or :data:`HONG_KONG`) when it is set
        rather than read from the document (see :attr:`region`).
        """
        # addresses, comments, code and link targets are not prose: blanked, not scanned
        text = blanked(decoded.text, verbatim_spans(decoded.text, is_markdown(path)))
        script_profile, at = survey(text)
        prepared = prepare(text, at)
        hits, numbers, counts = matcher.counted_hits(prepared)
        doc = cls(path, decoded, prepared, script_profile, matcher, hits)
        doc.pattern_counts = counts
        doc.interpunct = (interpuncts or {}).get(doc.script) or _house_interpunct(doc)
        doc.region_set = region
        # the patterns some rule reads, among the few hit (a set operation), then their hits
        notable = matcher.notable(doc.script, wants).intersection(counts)
        chosen = list(compress(hits, map(notable.__contains__, numbers))) if notable else []
        noise = prepared.noise
        if doc.interpunct != INTERPUNCT and INTERPUNCT in prepared.clean:
            # the glossary's own separator is a variant of this house style's
            noise = sorted({*noise, *offsets_of(prepared.clean, INTERPUNCT)})
        if noise:
            chosen = sorted(set(chosen) | set(_noisy_hits(doc.hits, noise)), key=itemgetter(1))
        doc.matches = matcher.term_matches(prepared, chosen)
        return doc

    @_once
    def pattern_counts(self) -> Counter:
        """How often each pattern number was hit."""
        return Counter(map(itemgetter(0), self.hits))

    @property
    def text(self) -> str:
        return self.decoded.text

    @property
    def annotations(self) -> list[Annotation]:
        return self.prepared.annotations

    @property
    def script(self) -> str:
        """The document's dominant script: simplified or traditional."""
        return self.profile.dominant

    @_once
    def region(self) -> str | None:
        """Whose forms a traditional document writes: :data:`TAIWAN` or :data:`HONG_KONG`.

        Where the glossary gives an entry its own traditional form (``zh_hant``: Taiwan's, 川普),
        Hong Kong media, and mainland copy converted to traditional script, write the mainland
        wording in traditional characters (特朗普). Read from the document: the wording its
        entries with a ``zh_hant`` are written in, each use a vote, and each of Hong Kong's
        standard characters 説 衞 綫 (never Taiwan's) a vote for Hong Kong; on a tie, 裏 and
        weekdays (周日) against Taiwan's (裡, 週日); else Taiwan's, the default. None for a
        simplified document.
        """
        if self.script != TRADITIONAL:
            return None
        if self.region_set:
            return self.region_set
        votes, counts = self.matcher.wording(), self.pattern_counts
        if len(votes) < len(counts):  # walk the smaller of the two
            score = sum(counts[number] * vote for number, vote in votes.items() if number in counts)
        else:
            score = sum(count * votes.get(number, 0) for number, count in counts.items())
        if self.hong_kong_characters:
            # each 説 衞 綫, which Taiwan's copy never writes, weighs as much as a term's
            # wording: stray matches (川普 for Sichuan Mandarin) do not outweigh Hong Kong's
            # "said" on every line, nor does one quoted 解説 make Taiwan copy Hong Kong's
            text = self.text
            score += sum(map(text.count, _HONG_KONG_CHARACTERS))
        if score == 0:
            text = self.text
            score = (sum(map(text.count, _HONG_KONG_SIGNS)) + _weekdays(text, "周")
                     - sum(map(text.count, _TAIWAN_SIGNS)) - _weekdays(text, "週"))
        return HONG_KONG if score > 0 else TAIWAN

    @_once
    def bracket_pairs(self) -> list[tuple[Hit, Hit]]:
        """Each two hits of two forms of one entry, the second in brackets right after the
        first, as news copy introduces an abbreviation (see :func:`introductions.bracket_pairs`)."""
        return introductions.bracket_pairs(self.prepared.folded, self.hits, self.matcher.patterns)

    @_once
    def bracketed_starts(self) -> frozenset[int]:
        """Where the hits of the :attr:`bracket_pairs` that hold the preferred form start, in
        the text's own offsets: a variant introduced beside another variant (联合国安全理事会
        （安理会）) still leaves the preferred form unwritten."""
        offsets, stand_ins = self.prepared.offsets, self.prepared.stand_ins
        patterns = self.matcher.patterns
        starts = [hit[1] for pair in self.bracket_pairs
                  if PREFERRED in (patterns[pair[0][0]].kind, patterns[pair[1][0]].kind)
                  for hit in pair]
        # as Matcher.term_matches places them: a term that begins with an HTML character
        # reference (&#20234;通社) begins at its &
        return frozenset(stand_ins[start] if start in stand_ins else
                         start if offsets is None else offsets.start(start) for start in starts)

    @_once
    def line_starts(self) -> list[int]:
        return [0] + [m.end() for m in _NEWLINE.finditer(self.text)]

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column (in characters) of *offset*."""
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def preferred(self, entry: Entry) -> str:
        """The entry's preferred form in this document's script, region and house style."""
        if self.script == TRADITIONAL:
            if self.region == HONG_KONG and (entry.zh_hant or self.hong_kong_characters):
                return self.in_script(entry.zh)
            return self.styled(entry.zh_hant or self.matcher.traditional(entry.zh))
        return self.styled(entry.zh)

    def in_script(self, form: str) -> str:
        """*form* (a simplified glossary form) written in this document's script (in Hong
        Kong's standard characters where it writes them: 衞 for 衛)."""
        if self.script != TRADITIONAL:
            return self.styled(form)
        if self.region == HONG_KONG and self.hong_kong_characters:
            return self.styled(self.matcher.hong_kong(form))
        return self.styled(self.matcher.traditional(form))

    @_once
    def hong_kong_characters(self) -> bool:
        """Whether the text writes Hong Kong's standard characters (説 衞 綫) where Taiwan's
        and OpenCC's s2t differ."""
        return any(char in self.text for char in _HONG_KONG_CHARACTERS)

    def styled(self, spelling: str) -> str:
        """A glossary spelling with this document's name separator (the house style's), and in
        a traditional document that writes 台 and never 臺 (as Taiwan's media mostly do:
        台灣, 電視台), with 台 where OpenCC writes 臺."""
        if "臺" in spelling and self.writes_tai:
            spelling = spelling.replace("臺", "台")
        if self.interpunct == INTERPUNCT:
            return spelling
        return spelling.replace(INTERPUNCT, self.interpunct)

    @_once
    def has_titles(self) -> bool:
        """Whether the text has book-title marks (《》, 〈〉) at all."""
        return "《" in self.text or "〈" in self.text

    @_once
    def writes_tai(self) -> bool:
        """Whether this is a traditional document that writes 台 and never 臺."""
        return self.script == TRADITIONAL and "台" in self.text and "臺" not in self.text

    def _keeping_breaks(self, start: int, end: int, replacement: str) -> str:
        """*replacement* for ``start:end`` with that span's line breaks (a term broken by a hard
        wrap) where they were among its characters: the fix keeps the file's lines as they were."""
        offsets = self.prepared.offsets
        if offsets is None:
            return replacement
        cut_ends, breaks, shifts = offsets.ends, offsets.breaks, offsets.shifts  # ends: in the text

        def clean(offset: int) -> int:  # the offset in the scanned text, cuts left out
            i = _bisect_right(cut_ends, offset)
            before = shifts[i - 1] if i else 0
            if i < len(breaks) and offset >= breaks[i] + before:
                return breaks[i]  # inside a cut (a break in 拉(lā\n)): where the cut was
            return offset - before

        first, pieces, done = clean(start), [], 0
        for match in _LINE_BREAK.finditer(self.decoded.text, start, end):
            at = min(max(clean(match.start()) - first, done), len(replacement))
            pieces += [replacement[done:at], match.group()]
            done = at
        pieces.append(replacement[done:])
        return "".join(pieces)

    def spoken_of(self, start: int, end: int, entry: Entry) -> bool:
        """Whether the form at ``start:end`` is spoken of rather than used (see
        :func:`fixguard.spoken_of`): the entry's preferred form written on a short line beside
        it makes a row of a table of wrong and right forms. A wrong form spoken of keeps its
        finding without a fix; an accepted or regional one is no finding (也有人译作阿拉奇). So
        is a form in the title of a cited work (《伊核协议的前世今生》: see
        :func:`fixguard.in_title`)."""
        text = self.decoded.text
        if self.has_titles and fixguard.in_title(text, start, end):
            return True
        row = self._row(start)
        if row is None and not fixguard.near_a_cue(text, start, end):
            return False  # most forms: asked without building anything
        asked = self.__dict__.setdefault("_spoken_of", {})  # rules, fixes and GL007 ask
        held = asked.get((start, end))
        if held is None:
            held = asked[start, end] = fixguard.spoken_of(
                text, start, end, lambda: {self.preferred(entry), self.in_script(entry.zh)}, row)
        return held

    def _line_of(self, offset: int) -> tuple[int, int, int]:
        """The 1-based number, start and end (its line break included) of the line at *offset*."""
        starts = self.line_starts
        number = _bisect_right(starts, offset)
        return number, starts[number - 1], starts[number] if number < len(starts) else len(self.text)

    def _row(self, offset: int) -> tuple[int, int] | None:
        """The (start, end) of the line at *offset* if it may be a table's row (see
        :func:`fixguard.table_row`), else None; asked once a line."""
        rows = self.__dict__.get("_rows")
        if rows is None:  # most documents have no table: asked of the whole text once
            rows = self.__dict__["_rows"] = {} if fixguard.may_hold_table(self.text) else False
        if rows is False:
            return None
        number, line_start, line_end = self._line_of(offset)
        row = rows.get(number, False)
        if row is False:
            row = rows[number] = (line_start, line_end) if fixguard.table_row(
                self.text[line_start:min(line_end, line_start + fixguard.LONGEST_ROW + 1)]) \
                else None
        return row

    def _in_hashtag(self, start: int, end: int) -> bool:
        """Whether ``start:end`` is a name inside a hashtag (see :func:`fixguard.in_hashtag`)."""
        number, line_start, line_end = self._line_of(start)
        held = self.__dict__.setdefault("_tag_marks", {})  # a line's #s, found once
        marks = held.get(number)
        if marks is None:
            marks = held[number] = fixguard.tag_marks(self.text, line_start, line_end)
        return fixguard.in_hashtag(self.text, start, end, line_start, marks)

    def finding(self, rule, start: int, end: int, message: str, *, matched: str | None = None,
                entry: Entry | None = None, suggestion: str | None = None,
                replacement: str | None = None, **extra) -> Finding:
        """A finding of *rule* over ``start:end`` (a fix when *replacement* is given)."""
        starts = self.line_starts
        line = _bisect_right(starts, start)
        column = start - starts[line - 1] + 1
        if end <= start:
            end_line, end_column = line, column
        elif line == len(starts) or end < starts[line]:  # most spans end on their first line
            end_line, end_column = line, end - starts[line - 1] + 1
        else:
            end_line = _bisect_right(starts, end, line - 1)
            end_column = end - starts[end_line - 1] + 1
        if replacement is not None and "<" in self.decoded.text[start:end] \
                and MARKUP_TAG.search(self.decoded.text, start, end):
            replacement = None  # a fix would leave half of the markup behind: <b>内坦</b>亚胡
        if replacement and not replacement.isalnum() and self._in_hashtag(start, end):
            replacement = None  # #亚伯拉罕·林肯号: the · would end the tag
        if replacement is not None and entry is not None and self.spoken_of(start, end, entry):
            replacement = None  # 不作“阿拉格奇”: the form is spoken of, not used
        if replacement is not None:
            if end_line > line:
                replacement = self._keeping_breaks(start, end, replacement)
            quoted = _QUOTED_SHIP.search(self.decoded.text, start, end)
            if quoted:  # “亚伯拉罕•林肯”号(航母): the quote stays before the 号, as the text had it
                at = next((i for i, char in enumerate(replacement) if char in SHIP_SUFFIXES), -1)
                replacement = (replacement[:at] + quoted.group()[0] + replacement[at:]
                               if at > 0 else None)  # no 号 to put it before: no fix
        return Finding(
            rule.code, rule.name, rule.severity, self.path, line, column, end_line, end_column,
            message, self.decoded.text[start:end] if matched is None else matched,
            entry.id if entry else None, suggestion,
            Fix(start, end, replacement) if replacement is not None else None,
            extra or NO_EXTRA,
        )
