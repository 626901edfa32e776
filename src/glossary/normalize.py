"""Fold the noise of web copy into one canonical character each, without changing lengths.

Interpunct variants become ``·`` (U+00B7), hyphen and dash variants become ``-``, full-width
digits and letters become ASCII. Because every mapping is one character to one character,
offsets in the folded text are offsets in the original: the scanner needs no offset map for
this kind of noise. Full-width punctuation (，：（）) is left alone: no term contains it, and
folding it would cost a pass over every character of every text.
"""

from __future__ import annotations

import functools
import re
import sys
from bisect import bisect_right
from collections import Counter
from functools import partial
from itertools import accumulate, chain

INTERPUNCT = "·"
INTERPUNCT_VARIANTS = "•・‧･．∙⋅●\u0387\u2e31\u318d"
# U+2022 U+30FB U+2027 U+FF65 U+FF0E U+2219 U+22C5 U+25CF, the Greek ano teleia (which NFC
# makes of ·), the word separator middle dot and the Hangul araea
HYPHEN = "-"
HYPHEN_VARIANTS = "‐‑‒–—―−﹣－"  # U+2010..U+2015, U+2212, U+FE63, U+FF0D

_table: dict[int, str] = {}
for _first, _last in (("０", "９"), ("Ａ", "Ｚ"), ("ａ", "ｚ")):  # full-width digits, letters
    for _c in range(ord(_first), ord(_last) + 1):
        _table[_c] = chr(_c - 0xFEE0)
for _c in HYPHEN_VARIANTS:
    _table[ord(_c)] = HYPHEN
for _c in INTERPUNCT_VARIANTS:  # after the full-width block: U+FF0E is an interpunct here
    _table[ord(_c)] = INTERPUNCT

NOISE_TABLE: dict[int, str] = _table
"""The ``str.translate`` table that folds separator, dash and width variants."""

SEPARATORS = INTERPUNCT + HYPHEN

NAME_HYPHENS = "-\u2010\u2011\uff0d\ufe63"
"""Hyphens (not dashes) that some copy puts between the parts of a name: 阿里-拉里贾尼."""
NAME_SPACES = " \u00a0\u3000."
"""Spaces (and the full stop of a Latin keyboard) that copy puts between the parts of a name:
阿里 拉里贾尼, 阿里\u3000拉里贾尼, 阿里.拉里贾尼."""
_JOINERS = frozenset(NAME_HYPHENS + NAME_SPACES)
JOINER_SOURCES = "".join(dict.fromkeys(NAME_HYPHENS + NAME_SPACES + HYPHEN_VARIANTS))
"""The characters that are one of those in a folded text (every dash folds to a hyphen)."""
_NOISE = re.compile("[" + "".join(sorted(chr(c) for c in NOISE_TABLE)) + "]")


def _fold_one(match: re.Match) -> str:
    return NOISE_TABLE[ord(match.group())]


def fold_noise(text: str) -> str:
    """Return *text* with separator, dash and width variants folded (same length).

    Noise is rare, so a regular-expression pass that touches only the noise characters is
    many times faster on Chinese text than ``str.translate`` over every character.
    """
    return _NOISE.sub(_fold_one, text)


def fold_noise_at(text: str, candidates: list[int] | None = None) -> tuple[str, list[int]]:
    """:func:`fold_noise` and the offsets of the characters it changed, in one pass; only
    at the *candidates* offsets, when given (the noise characters' offsets, found already)."""
    if candidates is not None:
        table = NOISE_TABLE
        changes = [(i, table[code]) for i in candidates if (code := ord(text[i])) in table]
        return (substituted(text, changes) if changes else text), [i for i, _ in changes]
    offsets: list[int] = []
    note = offsets.append

    def fold(match: re.Match) -> str:
        note(match.start())
        return NOISE_TABLE[ord(match.group())]

    return _NOISE.sub(fold, text), offsets


SPACES = " \u3000\u00a0\t"
SEPARATOR_CHARS = frozenset(INTERPUNCT + INTERPUNCT_VARIANTS + HYPHEN + HYPHEN_VARIANTS)
"""The spaces a scan cuts out inside terms, and every name separator and dash it folds."""
# ASCII but the hyphen: beside these on both sides, no space is cut (nor is one a Latin space)
_PLAIN = frozenset(map(chr, range(128))) - {HYPHEN}


def spaced_separators(text: str, hosts: dict[int, int] | None = None,
                      at: dict[str, list[int]] | None = None) -> list[tuple[int, int, int]]:
    """Spaces inside a term: around a name separator between two words (阿巴斯 · 阿拉格齐,
    霍拉姆沙赫尔 - 4), or between two ideographs one of which stands alone (王　毅, as lists pad
    two-character names; 阿 拉 格 奇, as text copied from PDFs has it). A space between two runs
    of ideographs separates words or a headline's clauses (核问题 阿拉格齐：…) and stays.

    Each as (start, end, offset): the spaces at ``start:end`` go when the text is scanned, so
    the term is found; the offset (the separator's, or the ideograph's after the spaces) tells
    which term had them. A word is a letter or digit of any script; on the left, the closing
    bracket of a pinyin annotation counts as one too (阿(ā) · 里). Between ideographs, a run
    of one or two spaces counts (more is a column gap). Spaces are few in Chinese text: each run
    of them is found with str.find (a regular expression costs ten times more per MB), or
    taken from *at* (:func:`positions`). *hosts* maps the end of each pinyin annotation to its
    start: annotations and invisible characters are looked through when telling whether an
    ideograph stands alone, so that removing them (their fixes) changes nothing.
    """
    out: list[tuple[int, int, int]] = []
    size = len(text)
    hosts = hosts or {}
    opens = {start: end for end, start in hosts.items()}
    for i in _occurrences(text, SPACES, at):
        if i == 0 or text[i - 1] not in SPACES:  # the first space of a run
            j = i + 1
            while j < size and text[j] in SPACES:
                j += 1
            if (i == 0 or text[i - 1] in _PLAIN) and (j == size or text[j] in _PLAIN):
                pass  # between Latin words, as most spaces in Chinese copy: nothing to cut
            elif j < size and text[j] in SEPARATOR_CHARS and i > 0 and _word_before(text, i):
                k = j + 1  # spaces before the separator, maybe after it too
                while k < size and text[k] in SPACES:
                    k += 1
                if k < size and _word_at(text, k):
                    out.append((i, j, j))
                    if k > j + 1:
                        out.append((j + 1, k, j))
            elif (i > 1 and text[i - 1] in SEPARATOR_CHARS and _word_before(text, i - 1)
                    and j < size and _word_at(text, j)):
                out.append((i, j, i - 1))  # spaces after the separator only
            elif (j - i <= 2 and i > 0 and j < size and is_ideograph(text[i - 1])
                    and is_ideograph(text[j]) and _alone(text, i - 1, j, hosts, opens)):
                out.append((i, j, j))  # between two ideographs, one standing alone
    out.sort()
    return out


LATIN_SPACES = " \u00a0\u2009\u200a\u202f\u2006\u2005\u2002\u2003"
"""The spaces a house style puts between Chinese and Latin: the space, no-break space, and the
thin, hair, narrow no-break, sixth, fourth, en and em spaces of typeset web pages."""


def latin_spaces(text: str, at: dict[str, list[int]] | None = None) -> list[tuple[int, int]]:
    """Single spaces between an ideograph and a Latin letter or digit: 12 日战争, F-35 战斗机.

    Taiwan copy, and any site that runs pangu.js, spaces Chinese from Latin letters and digits
    as a house style. Each as (start, end): the space goes when the text is scanned, so the
    term is found; being a style and not noise, it is not reported. *at*: see
    :func:`positions`.
    """
    out: list[tuple[int, int]] = []
    last = len(text) - 1
    for i in _occurrences(text, LATIN_SPACES, at):
        if 0 < i < last and not (text[i - 1] in _PLAIN and text[i + 1] in _PLAIN) \
                and latin_space_between(text, i, i + 1):
            out.append((i, i + 1))
    out.sort()
    return out


_OPENING_QUOTE = {"”": "“", "」": "「", "』": "『", "’": "‘", '"': '"'}
SHIP_SUFFIXES = "号號"
_HAO_WORDS = frozenset("召称稱")  # “林肯”号召…, “…”号称…: a call, a claim, not a ship's 号


def quoted_names(text: str) -> list[tuple[int, int]]:
    """Closing quotes between a name and its 号 (“亚伯拉罕·林肯”号, 「林肯」號): ship names as
    Chinese copy writes them, quoted without their 号. Each as (start, end): the quote goes
    when the text is scanned, so the glossary's 亚伯拉罕·林肯号 is found; being the house style,
    it is not reported, and a fix keeps it (see Document.finding)."""
    out: list[tuple[int, int]] = []
    for suffix in SHIP_SUFFIXES:
        i = text.find(suffix, 2)
        while i != -1:
            opener = _OPENING_QUOTE.get(text[i - 1])
            if opener and is_ideograph(text[i - 2]) and text[i + 1:i + 2] not in _HAO_WORDS:
                j = text.rfind(opener, max(0, i - 40), i - 2)
                if j != -1 and text[i - 1] not in text[j + 1:i - 1]:
                    out.append((i - 1, i))
            i = text.find(suffix, i + 1)
    out.sort()
    return out


MARKUP_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]{0,200})?/?>")


def markup_tags(text: str) -> list[tuple[int, int]]:
    """HTML tags left in text scraped from web pages, a search page's highlighting among them
    (阿里·<em>拉里贾尼</em>, <b>内坦</b>亚胡): each as (start, end). A tag goes when the text is
    scanned, so the term is found; it is markup, not a misspelling, so it is not reported, and
    a term with one inside gets no fix (a fix would leave half of the markup behind)."""
    return [match.span() for match in MARKUP_TAG.finditer(text)]


def latin_space_between(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a space) stands between an ideograph and a Latin letter or
    digit, either way round."""
    if start == 0 or end >= len(text):
        return False
    before, after = text[start - 1], text[end]
    return ((is_ideograph(before) and after.isascii() and after.isalnum())
            or (is_ideograph(after) and before.isascii() and before.isalnum()))


def _alone(text: str, left: int, right: int, hosts: dict[int, int],
           opens: dict[int, int]) -> bool:
    """Whether the ideograph at *left* has no ideograph before it, or the one at *right* none
    after it. Line breaks, invisible characters and pinyin annotations (*hosts*: end → start)
    are looked through: a hard wrap, or a fix that removed or moved one, must not change it."""
    k = left - 1
    while k >= 0 and (text[k] in _THROUGH or k + 1 in hosts):
        k = hosts[k + 1] - 1 if k + 1 in hosts else k - 1
    if k < 0 or not is_ideograph(text[k]):
        return True
    k, size = right + 1, len(text)
    while k < size and text[k] in _THROUGH:
        k += 1
    if k in opens:  # an annotation of the ideograph at *right*
        k = opens[k]
        while k < size and text[k] in _THROUGH:
            k += 1
    return k >= size or not is_ideograph(text[k])


def without_cut_spaces(text: str) -> str:
    """*text* without the spaces and invisible characters a scan cuts out of texts: a glossary
    form written 王 毅 or F-35 战斗机 is looked for as 王毅 or F-35战斗机, as texts are read."""
    if text.isascii():
        return text
    cuts = sorted([(start, end) for start, end, _ in spaced_separators(text) + invisible_runs(text)]
                  + latin_spaces(text))
    if not cuts:
        return text
    pieces, last = [], 0
    for start, end in cuts:
        pieces.append(text[last:start])
        last = max(last, end)
    pieces.append(text[last:])
    return "".join(pieces)


INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\ufe0f\ufe0e\u034f"
"""Zero-width space and joiners, word joiner, a BOM inside the text, soft hyphen, the
variation selectors of emoji and text style and the combining grapheme joiner."""
_THROUGH = "\r\n" + INVISIBLE  # what _alone looks through


def invisible_runs(text: str, at: dict[str, list[int]] | None = None
                   ) -> list[tuple[int, int, int]]:
    """Runs of invisible characters, which web copy leaves inside words (阿拉\u200b格齐).

    Each as (start, end, end), like :func:`spaced_separators`: the characters at ``start:end``
    go when the text is scanned; a term that has the run inside it is reported. *at*: see
    :func:`positions`.
    """
    out: list[tuple[int, int, int]] = []
    size = len(text)
    for i in _occurrences(text, INVISIBLE, at):
        if i == 0 or text[i - 1] not in INVISIBLE:  # the first of a run
            j = i + 1
            while j < size and text[j] in INVISIBLE:
                j += 1
            out.append((i, j, j))
    out.sort()
    return out


_SEPARATOR_CLASS = re.escape(INTERPUNCT + INTERPUNCT_VARIANTS + HYPHEN + HYPHEN_VARIANTS)
# "\n" first, so that the regex engine skips ahead from line break to line break; then what may
# end a word before it (a word character, a separator, an annotation's bracket, an invisible
# character) and a word character after it (\w, not a class of every ideograph: that would
# cost 3 ms to compile at every start-up; wrapped_breaks looks closer).
_BEFORE_BREAK = "[\\w" + _SEPARATOR_CLASS + ")）" + re.escape(INVISIBLE) + "]"
# A line may end in one space (format=flowed e-mail) and the next begin with the prefix that
# the text's lines share: e-mail and Markdown quoting (> , > > ), a list item's indentation.
_BREAK = re.compile("\n(?:" + "|".join(f"(?<={_BEFORE_BREAK}{end})"
                                        for end in ("\n", "\r\n", " \n", " \r\n"))
                    + ")(?=[ \t>]*\\w)")
_PREFIX = re.compile(r"(?:[ \t]*>)*[ \t]*")
_MARKER = re.compile(r"(?:[-*+]|\d{1,3}[.)])[ \t]+")
# what a word can be broken after, once folded (霍拉姆沙赫尔-/4): not a bullet or a full stop
_WORD_SEPARATORS = frozenset(INTERPUNCT + HYPHEN)
_LIST_ITEM = re.compile(r"\d{1,3}[.、)）]")
# Most wrapped lines of prose have a comma or a full stop in them; a list of headlines, a table
# of contents, bylines do not, however alike their widths.
_PROSE = re.compile("[，、；：。,;]")
WRAPPED_LINE_MIN = 8
"""Lines shorter than this (in characters) are never taken for wrapped ones."""


def is_ideograph(char: str) -> bool:
    """Whether *char* is a CJK ideograph (the basic block, extension A, compatibility forms)."""
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def wrapped_breaks(text: str, cuts=()) -> list[tuple[int, int]]:
    """Line breaks inside the words of hard-wrapped text: 阿拉\n格齐 (PDF and e-mail copy).

    Each as (start, end): the break at ``start:end`` goes when the text is scanned, so a term
    broken by it is found. A break counts when it falls inside a word (an ideograph on one side
    at least, or a name separator after a word before it: 霍拉姆沙赫尔-\n4), in a text that is
    hard-wrapped prose (a third of its lines at least end inside a word, most of those with a
    comma or a full stop in them), after a line as wide as the text's wrapped lines. A headline
    before its body, a list of headlines, a table of contents, a byline, a short label, a
    heading, a list item and a line ending in punctuation all end the line: joining a headline
    to its body could make a term of the last word of one and the first of the other (自卫 /
    星期五 → 卫星).

    *cuts* are the (start, end) spans the scan cuts out anyway (pinyin annotations, invisible
    characters, spaces inside terms). They are looked through (a break after 阿拉(lā) is one
    after 拉) and left out of line widths, and noise is folded before widths are measured, so
    that the fixes that remove or fold them do not change what is a wrap.
    """
    matches = list(_BREAK.finditer(text))
    if len(matches) < 2:
        return []
    lines = text.split("\n")
    non_blank = sum(map(bool, map(str.strip, lines)))
    if len(matches) * 3 < non_blank:
        return []  # lines end in words now and then: headlines, labels; not a wrapped text
    starts_of = {end: start for start, end in cuts}
    candidates = []
    for match in matches:
        end = match.end()
        start = end - 1 if text[end - 2] != "\r" else end - 2
        flowed = text[start - 1] == " "
        if flowed:
            start -= 1
        line_start = text.rfind("\n", 0, start) + 1
        shared = _PREFIX.match(text, line_start).group()  # > , or a list item's indentation
        marker = _MARKER.match(text, line_start + len(shared))
        expected = shared + " " * len(marker.group()) if marker else shared
        prefix = _PREFIX.match(text, end).end() - end
        if text[end:end + prefix] != expected:
            continue  # the quote or the list item ends here, or a paragraph is indented
        end += prefix
        k = _back(text, start - 1, starts_of)
        if k < 0:
            continue
        before = NOISE_TABLE.get(ord(text[k]), text[k])
        after = NOISE_TABLE.get(ord(text[end]), text[end])
        if flowed and not is_ideograph(before):
            continue  # a space before a break between Latin words is no wrap
        if is_ideograph(before):
            if not (is_ideograph(after) or after.isascii()) or _LIST_ITEM.match(text, end):
                continue
        elif before in _WORD_SEPARATORS:
            j = _back(text, k - 1, starts_of)
            if j < 0 or not text[j].isalnum() or not (is_ideograph(after) or after.isascii()):
                continue
        elif not (before.isascii() and is_ideograph(after)):
            continue
        candidates.append((start, end))
    if len(candidates) < 2 or len(candidates) * 3 < non_blank:
        return []
    line_starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
    widths, lengths = _line_widths(text, line_starts, cuts)
    numbers = [bisect_right(line_starts, start) - 1 for start, _ in candidates]
    counts = Counter(widths[n] for n in numbers)  # in half columns
    width = max(counts, key=lambda w: (sum(counts.get(w - d, 0) for d in range(7)), w))
    out = []
    if sum(1 for n in numbers if _PROSE.search(lines[n])) * 2 < len(numbers):
        return []  # lines alike, but not prose: headlines, a table of contents, bylines
    for (start, end), number in zip(candidates, numbers):
        if (width - 6 <= widths[number] <= width + 2 and lengths[number] >= WRAPPED_LINE_MIN
                and not lines[number].lstrip().startswith("#")):
            out.append((start, end))
    return out


def _back(text: str, k: int, starts_of: dict[int, int]) -> int:
    """The offset of the character at or before *k* that is not cut out nor invisible."""
    while k > 0 and (k + 1 in starts_of or text[k] in INVISIBLE):
        k = starts_of[k + 1] - 1 if k + 1 in starts_of else k - 1
    return k


def _line_widths(text: str, line_starts: list[int], cuts) -> tuple[list[int], list[int]]:
    """Each line's display width in half columns (Chinese four, ASCII two) and its length in
    characters, noise folded and *cuts* (and invisible characters) left out: a line's length
    in UTF-8 bytes (three for Chinese, one for ASCII) plus its length in characters, at C speed.
    Exact sums: removing an annotation or folding a dash must not change a width."""
    folded = fold_noise(text)
    lines = folded.split("\n")
    data = folded.encode("utf-8", "surrogatepass").split(b"\n")
    widths = [len(raw) + len(line) - 2 * line.endswith("\r") for raw, line in zip(data, lines)]
    lengths = [len(line) - line.endswith("\r") for line in lines]
    spans = sorted(cuts)
    ends = [end for _, end in spans]
    for i in _invisible_offsets(folded):  # those no cut holds
        k = bisect_right(ends, i)
        if k == len(spans) or spans[k][0] > i:
            spans.append((i, i + 1))
    for start, end in spans:
        number = bisect_right(line_starts, start) - 1
        piece = folded[start:end]
        widths[number] -= len(piece.encode("utf-8", "surrogatepass")) + len(piece)
        lengths[number] -= len(piece)
    return widths, lengths


def _invisible_offsets(text: str) -> list[int]:
    if text.isascii():
        return []
    return [i for char in INVISIBLE for i in offsets_of(text, char)]


def offsets_of(text: str, char: str) -> list[int]:
    """Every offset of *char* in *text* (str.find: fast where the character is rare)."""
    found, i = [], text.find(char)
    while i != -1:
        found.append(i)
        i = text.find(char, i + 1)
    return found


NOISE_CHARS = "".join(map(chr, NOISE_TABLE))
POSITIONED = "".join(dict.fromkeys(SPACES + LATIN_SPACES + INVISIBLE + NOISE_CHARS
                                   + JOINER_SOURCES))
"""The characters :func:`positions` finds: every space and invisible character a scan cuts,
the noise it folds, and what may join the parts of a name (:func:`name_hyphens`)."""
_NUMPY_FROM = 50_000  # characters; a shorter text is searched with str.find unless NumPy is loaded


def positions(text: str) -> dict[str, list[int]] | None:
    """Each character of :data:`POSITIONED` in *text* → its offsets, found in one pass with
    NumPy (one str.find pass per character costs as much per character sought: 19 passes);
    None for a short text while NumPy is not loaded (the functions that take *at* then look
    with str.find)."""
    if len(text) < _NUMPY_FROM and "numpy" not in sys.modules:
        return None
    import numpy

    codes = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
    return positions_of_codes(codes, numpy.flatnonzero(_positioned_table().take(codes, mode="clip")))


def positions_of_codes(codes, found) -> dict[str, list[int]]:
    """:func:`positions` from a text's code points (a NumPy array) and the offsets *found*."""
    out: dict[str, list[int]] = {}
    if not len(found):
        return out
    for offset, code in zip(found.tolist(), codes[found].tolist()):
        held = out.get(code)
        if held is None:
            held = out[code] = []
        held.append(offset)
    return {chr(code): held for code, held in out.items()}


@functools.lru_cache(maxsize=1)
def _positioned_table():
    import numpy

    table = numpy.zeros(0x110000, dtype=numpy.uint8)
    table[[ord(c) for c in POSITIONED]] = 1
    return table


def _occurrences(text: str, chars: str, at: dict[str, list[int]] | None):
    """The offsets of *chars* in *text*, sorted when *at* gives them, else char by char."""
    if at is not None:
        found = [at[c] for c in chars if c in at]
        return found[0] if len(found) == 1 else sorted(chain.from_iterable(found))
    return chain.from_iterable(map(partial(offsets_of, text), chars))


def _word_at(text: str, k: int) -> bool:
    """Whether a word begins at *k*: a letter or digit, or an HTML reference to one."""
    if text[k].isalnum():
        return True
    if text[k] != "&":
        return False
    match = ENTITY.match(text, k)
    return match is not None and _referenced(match.group()).isalnum()


def _word_before(text: str, i: int) -> bool:
    """Whether a word ends just before *i*: a letter or digit, an annotation's bracket, or an
    HTML reference to a letter or digit."""
    if _left_word(text[i - 1]):
        return True
    if text[i - 1] != ";":
        return False
    start = text.rfind("&", max(0, i - 40), i)
    match = ENTITY.fullmatch(text, start, i) if start != -1 else None
    return match is not None and _referenced(match.group()).isalnum()


def _referenced(reference: str) -> str:
    """The text an :data:`ENTITY` match stands for (``&amp;middot;``: ``·``)."""
    from html import unescape

    if reference.startswith("&amp;") and len(reference) > 5:
        reference = "&" + reference[5:]
    return unescape(reference)


def _left_word(char: str) -> bool:
    return char.isalnum() or char in ")）"




def name_hyphens(text: str, candidates: list[int] | None = None) -> list[int]:
    """The offsets of single hyphens or spaces between two ideographs (阿里-拉里贾尼,
    阿里－拉里贾尼, 阿里 拉里贾尼): there they stand for a name's interpunct, and the scan reads
    them as one (in folded text every dash is a hyphen: 艾哈迈迪–内贾德 too). A term is found
    across one only where the glossary writes an interpunct: 核问题 阿拉格齐 stays two words.
    Chinese text has few hyphens and spaces; each is found with str.find, or only the sorted
    *candidates* offsets are looked at, when given. A doubled dash (——) is punctuation and
    stays."""
    if candidates is not None:
        last = len(text) - 1
        return [i for i in candidates if 0 < i < last and text[i] in _JOINERS
                and is_ideograph(text[i - 1]) and is_ideograph(text[i + 1])]
    out: list[int] = []
    last = len(text) - 1
    for hyphen in NAME_HYPHENS + NAME_SPACES:
        i = text.find(hyphen, 1)
        while 0 < i < last:
            if is_ideograph(text[i - 1]) and is_ideograph(text[i + 1]):
                out.append(i)
            i = text.find(hyphen, i + 1)
    out.sort()
    return out


def as_interpuncts(text: str, offsets: list[int]) -> str:
    """*text* with the characters at *offsets* replaced by the interpunct (same length)."""
    return substituted(text, [(offset, INTERPUNCT) for offset in offsets])


def fold_names(text: str) -> str:
    """:func:`fold_noise`, and a hyphen or dash between two ideographs read as a name's
    interpunct (艾哈迈迪–内贾德 → 艾哈迈迪·内贾德), and an interpunct before a name's number
    as its hyphen (霍拉姆沙赫爾‧4 → 霍拉姆沙赫爾-4): glossary spellings as a scan reads them."""
    folded = fold_noise(text)
    hyphens = name_hyphens(folded)
    folded = as_interpuncts(folded, hyphens) if hyphens else folded
    numbered = number_interpuncts(folded) if INTERPUNCT in folded else None
    return substituted(folded, [(i, HYPHEN) for i in numbered]) if numbered else folded


def substituted(text: str, changes: list[tuple[int, str]]) -> str:
    """*text* with the character at each (sorted) offset replaced by the one given (same length)."""
    pieces, last = [], 0
    for offset, char in changes:
        pieces += [text[last:offset], char]
        last = offset + 1
    pieces.append(text[last:])
    return "".join(pieces)


ENTITY = re.compile(r"&(?:amp;)?(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
"""An HTML character reference: &middot; &#183; &#xB7;, or one escaped twice, as pages that
escape their stored HTML show it: &amp;middot;"""


def html_entities(text: str) -> list[tuple[int, int, str]]:
    """HTML character references left in text scraped or exported from web pages
    (阿里&middot;拉里贾尼, 阿里&#183;拉里贾尼, 阿拉&shy;格齐, 阿里&amp;middot;拉里贾尼 escaped
    twice): each as (start, end, the character it stands for). Only references to one
    printable or invisible character count; ``&amp;``, ``&lt;`` and ``&gt;`` are markup's own
    and stay."""
    out: list[tuple[int, int, str]] = []
    i = text.find("&")
    while i != -1:
        match = ENTITY.match(text, i)
        if match:
            char = _referenced(match.group())
            if len(char) == 1 and char not in "&<>" and char != match.group() and (
                    char.isprintable() or char in INVISIBLE or char in LATIN_SPACES):
                out.append((i, match.end(), char))
                i = match.end() - 1
        i = text.find("&", i + 1)
    return out


def strip_interpuncts(text: str) -> str:
    """Drop name interpuncts: 阿里·拉里贾尼 → 阿里拉里贾尼 (for forms written without one)."""
    return text.replace(INTERPUNCT, "")


def holds_name(longer: str, part: str) -> bool:
    """Whether *longer* holds the whole of *part*, interpuncts aside: a full name its surname
    (史蒂夫·威特科夫, 威特科夫), a title its shorter form (总统特使, 特使)."""
    return strip_interpuncts(part) in strip_interpuncts(longer)


def strip_hyphens(text: str) -> str:
    """Drop the hyphens of model numbers, between a Latin letter and a digit: F-35 → F35,
    MQ-9B → MQ9B, as much copy writes them (folded text). Between two digits (2025-2026) a
    hyphen is a range, and between an ideograph and a digit it stays too: 霍拉姆沙赫尔4日 is the
    city on the 4th, not the missile 霍拉姆沙赫尔-4 (a dateline: city, day, 日)."""
    if HYPHEN not in text:
        return text
    last = len(text) - 1
    return "".join(char for i, char in enumerate(text) if not (
        char == HYPHEN and 0 < i < last and _model_number(text[i - 1], text[i + 1])))


def _model_number(before: str, after: str) -> bool:
    return (_digit(before) and _latin_letter(after)) or (_latin_letter(before) and _digit(after))


def _latin_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def strip_number_hyphens(text: str) -> str:
    """Drop the hyphen between a name and its number: 霍拉姆沙赫尔-4 → 霍拉姆沙赫尔4, as copy
    writes it before 型 or in quotes (folded text). A scan takes such a spelling only where a
    model's words or marks follow it (:func:`model_follows`): 霍拉姆沙赫尔4日 is the city on
    the 4th."""
    if HYPHEN not in text:
        return text
    last = len(text) - 1
    return "".join(char for i, char in enumerate(text) if not (
        char == HYPHEN and 0 < i < last and is_ideograph(text[i - 1]) and _digit(text[i + 1])))


def model_follows(text: str, at: int) -> bool:
    """Whether what stands at *at* of *text* (folded), right after a name and a number without
    the hyphen between them, makes them a model (霍拉姆沙赫尔4型, “霍拉姆沙赫尔4”导弹, …4。):
    a mark, a space or the end, or 型, 式, 导弹, 飞弹, 弹道; not a date, a count or a range
    (霍拉姆沙赫尔4日, 4至5日, 4、5日, 4名, 4小时)."""
    if at >= len(text):
        return True
    char = text[at]
    if not char.isalnum():
        return not (char in _RANGE_MARKS and text[at + 1:at + 2].isdigit())
    return char in "型式" or text.startswith(_MODEL_WORDS, at)


_RANGE_MARKS = frozenset("、，,~～-—–/")
_MODEL_WORDS = ("导弹", "導彈", "飞弹", "飛彈", "弹道", "彈道")


def number_interpuncts(text: str) -> list[int]:
    """The offsets of name interpuncts between an ideograph and a digit (folded text): there
    one stands for a model number's hyphen (霍拉姆沙赫爾‧4), as Taiwan copy writes it."""
    # names' interpuncts are many in news copy, those before a digit few: found by the regex
    return [m.start() for m in _NUMBERED.finditer(text, 1) if is_ideograph(text[m.start() - 1])]


_NUMBERED = re.compile(INTERPUNCT + "[0-9]")


def strip_separators(text: str) -> str:
    """:func:`strip_interpuncts`, :func:`strip_hyphens` and :func:`strip_number_hyphens`
    (folded text)."""
    return strip_number_hyphens(strip_hyphens(strip_interpuncts(text)))


def _digit(char: str) -> bool:
    return "0" <= char <= "9"
