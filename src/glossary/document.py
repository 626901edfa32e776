"""A checked text: its decoded content, script, the terms and annotations found, positions."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter

from glossary.findings import NO_EXTRA, Finding, Fix
from glossary.matcher import Hit, Matcher, PreparedText, TermMatch, prepare
from glossary.model import FORBIDDEN, PREFERRED, Entry
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
_OPENING = "(（［"
_LONGEST_TAG = 40  # characters from a # to a term inside its hashtag
# A form spoken of, not used (see Document._mentioned): struck out or marked for deletion;
# after a word that introduces a wrong or an old form (不作, 误写为, 勿用, 旧译：, ✗), or a
# quoted one listed after such a form (不写“A”或“B”); before a correction (改为, 应为, →),
# a (误) or (sic), or words that call it a slip or an old rendering
_OPENING_QUOTES, _CLOSING_QUOTES = "“「『\"‘", "”」』\"’"
_STRUCK = re.compile(r"(?:~~?|<(?:del|s|strike)>|[\[［【〔]\s*(?:删除?|刪除?|原文|原稿|误|誤|错|錯)[：:]\s*)$")
_STRUCK_END = re.compile(r"~~?|</(?:del|s|strike)>|\s*[\]］】〕]")
_CUE = ("(?:误写为|誤寫為|误写作|误写成|误作|誤作|误为|误译为|误译作|原稿作|原文作|原作|不作|勿作|"
        "不写作|不寫作|不写成|不写|不寫|勿写|勿寫|写作|寫作|写成|寫成|译作|譯作|译为|譯為|"
        "拼作|拼成|勿用|不用|避免使用|避免|避用|旧译|舊譯|旧称|舊稱|误|誤|错|錯|✗|×|✘|❌)")
_SPOKEN_OF_BEFORE = re.compile(_CUE + "[：:]?[ ]?[“「『\"‘]?$")
_LISTED_AFTER = re.compile("[”」』\"’][ ]?[或、及和与與，,/]?[ ]?[“「『\"‘]$")
_LISTED = re.compile(_CUE + "[：:]?[ ]?[“「『\"‘][^。；;\n]{0,30}$")
_NAMING = ("(?:笔误|筆誤|误译|誤譯|误写|誤寫|旧译名?|舊譯名?|老译名|老譯名|错译|錯譯|错字|錯字|"
           "旧称|舊稱|译名|譯名|译法|譯法|写法|寫法|拼法)")
_SPOKEN_OF_AFTER = re.compile(
    "[”」』\"’]?[ ]?(?:"
    "[（(\\[【［](?:误|誤|错|錯|误译|誤譯|旧译|舊譯|原文如此|sic|SIC|Sic)[)）\\]】］]"
    "|(?:→|->|=>|⇒|➔)"
    "|[，,（(]?(?:一律|统一|統一|均|都|皆|全部|已)?"
    "(?:更正为|更正為|更正成|改为|改為|改成|改作|应为|應為|应作|應作|应写作|應寫作|为误|為誤)"
    "|(?:系|係|是|为|為|乃|属|屬)(?:原稿|原文|编辑|編輯|过去|過去|早期|此前)?(?:的)?"
    "(?:" + _NAMING[3:-1] + "|有误|有誤|不规范|不規範))")
_SPOKEN_OF_QUOTED = re.compile("[，,的]?[^。！？\n]{0,8}?" + _NAMING)
# the characters a cue before a form ends with, and those a cue after it starts with
_CUE_ENDS = frozenset({cue[-1] for cue in _CUE[3:-1].split("|")} | set("：: “「『\"‘~>]］】〕"))
_CUE_STARTS = frozenset("”」』\"’ （(\\[【［→-=⇒➔，,一统統均都皆全已更改应應为為系係是乃属屬<~]］】〕")
_LONGEST_ROW = 200  # characters
_TABLE_ROW = re.compile("^[ \t]*[|｜]|\t|\u3000\u3000")
_END = itemgetter(2)
_CLOSING_MARKS = "”\"」』》〉’'"  # a quoted or titled name before its bracket: “…”（ 《…》（
_CLOSING_BRACKET = re.compile("[)）］(（［]")  # an opening one first: not one bracket's content
_MOST_BRACKETED = 48  # characters
# what may stand in the brackets before and after an introduced form: （JCPOA，以下简称“伊核协议”）
# （英文缩写IRGC，简称革命卫队）, （Islamic Republic News Agency，IRNA，下称伊通社）
_INTRODUCING = re.compile(
    "(?:英文缩写|英文縮寫|英文简称|英文簡稱|英文名|缩写|縮寫)?[ ]*"
    "(?:[A-Za-z0-9][A-Za-z0-9 .&'’-]*[，,、；;:：][ ]*)*[A-Za-z0-9 .&'’-]*"
    "(?:以下简称|以下簡稱|以下称为|以下稱為|以下称|以下稱|下文简称|下文簡稱|下文称|下文稱|下称|下稱|"
    "简称|簡稱|又称|又稱|亦称|亦稱|俗称|俗稱|或称|或稱|通称|通稱|即)?"
    "[:：]?[ ]*[“\"「『《〈‘']?")
_INTRODUCED_END = re.compile("[”\"」』》〉’']?(?:[，,、；;][ ]*[A-Za-z][A-Za-z0-9 .&'’-]*)?[ ]*")


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
        first, as news copy introduces an abbreviation (伊朗伊斯兰共和国通讯社（伊通社）,
        《伊朗核问题全面协议》（以下简称“伊核协议”）, （JCPOA，下称伊核协议）) or a full name after
        the short one: the text names the entry as it should there."""
        text, hits = self.prepared.folded, self.hits
        if not hits:
            return []
        patterns, out = self.matcher.patterns, []
        for bracket in _OPENING:  # brackets are few; the hits around each are found by bisection
            at = text.find(bracket)
            while at != -1:
                pair = self._bracketed(text, hits, patterns, at)
                if pair:
                    out.append(pair)
                at = text.find(bracket, at + 1)
        out.sort(key=lambda pair: pair[0][1])
        return out

    @staticmethod
    def _bracketed(text: str, hits: list[Hit], patterns, at: int) -> tuple[Hit, Hit] | None:
        """The pair of :attr:`bracket_pairs` around the opening bracket at *at*, if any."""
        before = at - 1 if at and text[at - 1] in _CLOSING_MARKS else at  # “…”（ 《…》（
        j = bisect.bisect_left(hits, before, key=_END)
        if j == len(hits) or hits[j][2] != before:
            return None
        first = hits[j]
        close = _CLOSING_BRACKET.search(text, at + 1, at + _MOST_BRACKETED)
        if close is None or close.group() in _OPENING:
            return None
        close = close.start()
        k = j + 1
        while k < len(hits) and hits[k][2] <= close:
            second = hits[k]
            a, b = patterns[first[0]], patterns[second[0]]
            # a forbidden form names the entry as it should not: it introduces nothing
            if a.entry == b.entry and a.form != b.form and FORBIDDEN not in (a.kind, b.kind):
                if (_INTRODUCING.fullmatch(text, at + 1, second[1])
                        and _INTRODUCED_END.fullmatch(text, second[2], close)):
                    return first, second
                return None
            k += 1
        return None

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
    def writes_tai(self) -> bool:
        """Whether this is a traditional document that writes 台 and never 臺."""
        return self.script == TRADITIONAL and "台" in self.text and "臺" not in self.text

    def _keeping_breaks(self, start: int, end: int, replacement: str) -> str:
        """*replacement* for ``start:end`` with that span's line breaks (a term broken by a hard
        wrap) where they were among its characters: the fix keeps the file's lines as they were."""
        offsets = self.prepared.offsets
        if offsets is None:
            return replacement
        cut_ends = [b + s for b, s in zip(offsets.breaks, offsets.shifts)]  # in the text

        def clean(offset: int) -> int:  # the offset in the scanned text, cuts left out
            i = _bisect_right(cut_ends, offset)
            return offset - (offsets.shifts[i - 1] if i else 0)

        first, pieces, done = clean(start), [], 0
        for match in _LINE_BREAK.finditer(self.decoded.text, start, end):
            at = min(max(clean(match.start()) - first, done), len(replacement))
            pieces += [replacement[done:at], match.group()]
            done = at
        pieces.append(replacement[done:])
        return "".join(pieces)

    def _mentioned(self, start: int, end: int, entry: Entry) -> bool:
        """Whether the form at ``start:end`` is spoken of rather than used, as a style sheet, a
        correction notice, an editor's marks or a translator's note write a wrong form: 不作“阿拉
        格奇”, 误写为内坦亚胡, “阿拉格奇”系笔误, 阿拉格奇应为阿拉格齐, 阿拉格奇→阿拉格齐, [删：
        阿拉格奇], ~~内坦亚胡~~, 阿拉格奇（原文如此）, or a row of a table of wrong and right forms.
        A fix there would turn the note against itself."""
        text = self.decoded.text
        # most forms stand between two characters no cue ends or starts with: asked first
        if text[start - 1:start] in _CUE_ENDS or text[end:end + 1] in _CUE_STARTS:
            before, after = text[max(0, start - 48):start], text[end:end + 24]
            if _STRUCK.search(before) and _STRUCK_END.match(after):
                return True
            if _SPOKEN_OF_BEFORE.search(before, len(before) - 12) or _SPOKEN_OF_AFTER.match(after):
                return True
            if _LISTED_AFTER.search(before, len(before) - 6) and _LISTED.search(before):
                return True
            if before[-1:] in _OPENING_QUOTES and after[:1] in _CLOSING_QUOTES \
                    and _SPOKEN_OF_QUOTED.match(after, 1):
                return True
        starts = self.line_starts
        number = _bisect_right(starts, start)
        line_end = starts[number] if number < len(starts) else len(text)
        if line_end - starts[number - 1] > _LONGEST_ROW:
            return False  # a paragraph, not a table's row (and no search along a long line)
        line = text[starts[number - 1]:line_end]
        if _TABLE_ROW.search(line):  # 勘误表: A3　　阿拉格奇　　阿拉格齐
            matched = text[start:end]
            return any(form not in matched and form in line
                       for form in {self.preferred(entry), self.in_script(entry.zh)})
        return False

    def _in_hashtag(self, start: int, end: int) -> bool:
        """Whether ``start:end`` is a name inside a hashtag (#亚伯拉罕林肯号, #伊朗外长阿拉格齐#):
        after a # that opens a tag (not the closing one of a Weibo topic, #伊朗局势#, nor the #
        of C#) on its line, with nothing that would end a tag in between, and with nothing that
        ends a tag in the name already (#阿里•拉里贾尼)."""
        text = self.decoded.text
        line_start = self.line_starts[_bisect_right(self.line_starts, start) - 1]
        window = max(line_start, start - _LONGEST_TAG)  # no search back along a long line
        at = max(text.rfind("#", window, start), text.rfind("＃", window, start))
        if at == -1 or not (at + 1 == start or text[at + 1:start].isalnum()):
            return False
        if not text[start:end].isalnum() or (at > line_start and text[at - 1].isascii()
                                             and text[at - 1].isalnum()):
            return False
        if at == line_start or not text[at - 1].isalnum():
            return True  # after a space or a mark: a tag opens (#美伊 #亚伯拉罕林肯号)
        # a Weibo topic is #…#: right after a word, a # after an odd number of them closes one
        before = text.count("#", line_start, at) + text.count("＃", line_start, at)
        return before % 2 == 0

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
        if replacement is not None and entry is not None and self._mentioned(start, end, entry):
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
