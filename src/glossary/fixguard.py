"""Where a form is spoken of rather than used, and where a fix would damage a text.

A form that a style sheet, a correction notice, an editor's marks, a translator's note or a
subtitle on renderings speaks of (误写为…, 又译…, 翻译成…), or that stands in the title of a
cited work (《伊核协议的前世今生》): a wrong one keeps its finding without a fix (the fix would
turn the note against itself), an accepted or regional one is no GL002/GL008 finding, and
none counts as a use for GL007 (see Document.spoken_of). And a name inside a hashtag, where a
fix's separator would end the tag."""

from __future__ import annotations

import bisect
import re
from typing import Callable

_LONGEST_TAG = 40  # characters from a # to a term inside its hashtag
_TAG_MARK = re.compile("(?<![A-Za-z0-9])[#＃]")  # not the # of C#
# A form spoken of, not used (see spoken_of): struck out or marked for deletion;
# after a word that introduces a wrong or an old form (不作, 误写为, 勿用, 旧译：, ✗), or a
# quoted one listed after such a form (不写“A”或“B”); before a correction (改为, 应为, →),
# a (误) or (sic), or words that call it a slip or an old rendering
_OPENING_QUOTES, _CLOSING_QUOTES = "“「『\"‘", "”」』\"’"
_STRUCK = re.compile(r"(?:~~?|<(?:del|s|strike)>|[\[［【〔]\s*(?:删除?|刪除?|原文|原稿|误|誤|错|錯)[：:]\s*)$")
_STRUCK_END = re.compile(r"~~?|</(?:del|s|strike)>|\s*[\]］】〕]")
# cues that introduce a wrong form whether it is quoted or not (不作阿拉格奇, 误写为…, ✗…)
_STRONG_CUES = ("误写为 誤寫為 误写作 誤寫作 误写成 誤寫成 误作 誤作 误为 誤為 误译为 誤譯為 误译作 誤譯作 "
                "原稿作 原文作 原作 不作 勿作 误植为 誤植為 误植成 誤植成 误植 誤植 "
                "错写成 錯寫成 错写为 錯寫為 错写作 錯寫作 错译为 錯譯為 错译成 錯譯成 错译作 錯譯作 "
                "误拼 誤拼 错拼 錯拼 再写成 再寫成 不要写成 不要寫成 名字写作 名字寫作 "
                "不写作 不寫作 不写成 不寫成 译作 譯作 译为 譯為 译成 譯成 翻译成 翻譯成 翻译为 翻譯為 "
                "又译 又譯 或译 或譯 亦译 亦譯 一译 一譯 旧译 舊譯 ✗ ✘ ❌ "
                # OpenCC's traditional 爲 beside Taiwan's 為
                "翻譯爲 誤寫爲 誤爲 誤譯爲 譯爲 錯寫爲 錯譯爲 誤植爲").split()
# cues that do only with a quote or a colon after them (勿用“…”; not 避免阿拉格奇被孤立), and a
# bare 误/错 label only standing alone (误：…; not 这是个错误：…)
_WEAK_CUES = ("写作 寫作 写成 寫成 不写 不寫 勿写 勿寫 勿用 不用 避免使用 避免 避用 拼作 拼成 旧称 舊稱 "
              "叫佢 叫他 叫她 叫做 称他为 稱他為 稱他爲 称之为 稱之為 稱之爲 简化成 簡化成 ×").split()
_LABELS = "误 誤 错 錯".split()
_CUE = "(?:" + "|".join(_STRONG_CUES) + ")"
_WEAK_CUE = ("(?:" + "|".join(_WEAK_CUES) + "|叫[^，,。！？\\n]{1,8}做"  # 叫特朗普做「川普」
             + "|(?:^|(?<=[\\s，,；;。|｜（(【\\[]))(?:" + "|".join(_LABELS) + "))")
# (a strong cue right before a form is found by str.endswith: see _after_cue)
_SPOKEN_OF_BEFORE = re.compile(_WEAK_CUE + "(?:[：:][ ]?[“「『\"‘]?|[ ]?[“「『\"‘])$")
_LISTED_AFTER = re.compile("[”」』\"’][ ]?[或、及和与與，,/]?[ ]?[“「『\"‘]$")
_LISTED = re.compile("(?:" + _CUE + "|" + _WEAK_CUE + ")[：:]?[ ]?[“「『\"‘][^。；;\n]{0,30}$")
# a region's name for someone, named with a naming verb: 台湾叫普丁, 港台译作川普 (not 台湾称…,
# "Taiwan said", nor 台湾是…; 欧亚大陆 is no region)
_REGION_NAMING = re.compile("(?:台湾|台灣|香港|(?<![亚亞欧歐新])大陆|(?<![亚亞欧歐新])大陸|港台|港澳|新马|新馬|星马|星馬)"
                            "[^，,。！？\n]{0,6}?(?:叫做|叫|称之为|稱之為|称为|稱為|译作|譯作|译为|譯為|"
                            "译成|譯成|写作|寫作|写成|寫成|简化成|簡化成)[：:]?[“「『\"‘]?$")
# an unquoted form listed after another that a strong cue introduced: 译作阿拉格希或者阿拉奇
_LISTED_BARE = re.compile(_CUE + "(?![为為者品])[^“”「」『』\"‘’。，,；;！？!?\n]{1,12}(?:或者|或是|或|、)$")
_NAMING = ("(?:笔误|筆誤|误译|誤譯|误写|誤寫|旧译名?|舊譯名?|老译名|老譯名|错译|錯譯|错字|錯字|"
           "旧称|舊稱|译名|譯名|译法|譯法|写法|寫法|拼法)")
# after the form: marked wrong, or called a slip or an old rendering
_MARKED_AFTER = re.compile(
    "[”」』\"’]?[ ]?(?:"
    "[（(\\[【［](?:误|誤|错|錯|误译|誤譯|旧译|舊譯|原文如此|sic|SIC|Sic)[)）\\]】］]"
    "|(?:系|係|是|为|為|乃|属|屬)(?:原稿|原文|编辑|編輯|过去|過去|早期|此前)?(?:的)?"
    "(?:" + _NAMING[3:-1] + "|有误|有誤|不规范|不規範)"
    "|(?:一名|一词|一詞|一字|的名字|的写法|的寫法|的译法|的譯法)?(?:有误|有誤)"
    "(?=[，,。；;：:！？!?）)\\s]|$))")  # 有误, not 有误解 or 有误导
# after the form: corrected to another form, which must follow (阿拉格奇应为阿拉格齐; not
# 阿拉格奇应为此负责, 阿拉格奇→德黑兰)
_CORRECTED_AFTER = re.compile(
    "[”」』\"’]?[ ]?(?:→|->|=>|⇒|➔|[，,（(]?(?:一律|统一|統一|均|都|皆|全部|已|现|現)?"
    "(?:应|應)?(?:更正为|更正為|更正成|改为|改為|改成|改作|应为|應為|应作|應作|应写作|應寫作))"
    "[ ]?[“「『\"‘]?")
_SPOKEN_OF_QUOTED = re.compile("[，,的]?[^。！？\n]{0,8}?" + _NAMING)
# a weak cue right before and words about renderings soon after: 寫成內坦亞胡，這是舊的譯法
_WEAK_BEFORE = re.compile(_WEAK_CUE + "$")
_NAMED_SOON = re.compile("[，,]?[^。！？\n]{0,16}?" + _NAMING)
# what the character right before a form must be for each test of the words before it, so
# that most forms are asked nothing more (a form after 为 or 、 is mostly just news copy)
_STRONG_ENDINGS = tuple(_STRONG_CUES)
_STRONG_ENDS = frozenset(cue[-1] for cue in _STRONG_CUES) | frozenset("：: " + _OPENING_QUOTES)
_WEAK_ENDS = frozenset(cue[-1] for cue in _WEAK_CUES + _LABELS) | frozenset("做")
_QUOTE_OR_COLON = frozenset("：: " + _OPENING_QUOTES)
_STRUCK_ENDS = frozenset("~>：: \t\u3000")
_LIST_ENDS = frozenset("者是或、")
_REGION_ENDS = frozenset("叫做为為作成：:" + _OPENING_QUOTES)
_CUE_ENDS = _STRONG_ENDS | _WEAK_ENDS | _QUOTE_OR_COLON | _STRUCK_ENDS | _LIST_ENDS | _REGION_ENDS
_CUE_STARTS = frozenset("”」』\"’ （(\\[【［→-=⇒➔，,一统統均都皆全已更改应應系係是乃属屬为為<~]］】〕")
LONGEST_ROW = 200  # characters
_CELL_EDGES = "\t|｜\u3000\r\n"
_LONGEST_CELL = 24  # characters
_SENTENCE = re.compile("[。，,；;！？!?]")


def spoken_of(text: str, start: int, end: int, right_forms: Callable[[], set],
              row: tuple[int, int] | None = None) -> bool:
    """Whether the form at ``start:end`` of *text* is spoken of rather than used: 不作“阿拉格奇”,
    误写为内坦亚胡, “阿拉格奇”系笔误, 阿拉格奇应为阿拉格齐, 阿拉格奇→阿拉格齐, [删：阿拉格奇],
    ~~内坦亚胡~~, 阿拉格奇（原文如此）, 又译阿拉格奇, or in a cell of a table of wrong and right
    forms, one of the *right_forms* (asked only when needed) written in another: *row* is the
    line's ``(start, end)`` when it is a table's row (see :func:`table_row`)."""
    # most forms stand between two characters no cue ends or starts with (near_a_cue)
    last, next_ = text[start - 1:start], text[end:end + 1]
    if last in _CUE_ENDS and _after_cue(text, start, end, last):
        return True
    if next_ in _CUE_STARTS:
        after = text[end:end + 24]
        if _MARKED_AFTER.match(after):
            return True
        corrected = _CORRECTED_AFTER.match(after)
        if corrected:
            # the right form right after, or inside a quoted phrase put right for one that
            # held the wrong form (“伊朗外长阿拉格奇”应为“伊朗外长阿拉格齐”)
            at = end + corrected.end()
            if any(text.startswith(form, at) for form in right_forms()):
                return True
            quoted = _quoted_phrase(text, at)
            if quoted and any(form in quoted for form in right_forms()):
                return True
    if row is None:
        return False
    # in a cell of a table of wrong and right forms (勘误表: A5　　本雅明·内坦亚胡　本雅明·内塔
    # 尼亚胡), the right one in another cell; not a form in an indented paragraph
    line_start, line_end = row
    cell_start = max(line_start, *(text.rfind(c, line_start, start) + 1 for c in _CELL_EDGES))
    cell_end = min(line_end, *(_found(text.find(c, end, line_end), line_end) for c in _CELL_EDGES))
    cell = text[cell_start:cell_end].strip()
    if len(cell) > _LONGEST_CELL or _SENTENCE.search(cell):
        return False
    rest = text[line_start:cell_start] + text[cell_end:line_end]
    return any(form in rest for form in right_forms())


_LONGEST_TITLE = 40  # characters between 《 and 》 around a form
_TITLE_MARKS = (("《", "》"), ("〈", "〉"))


def in_title(text: str, start: int, end: int) -> bool:
    """Whether ``start:end`` of *text* stands inside a longer title in book-title marks, the
    title of a cited work (《伊核协议的前世今生》): quoted as published, not the writer's words.
    A title that is the form itself (《伊核协议》) is the form used."""
    for left, right in _TITLE_MARKS:  # 《书名》, and Taiwan's 〈篇名〉 for an article
        opening = text.rfind(left, max(0, start - _LONGEST_TITLE), start)
        if opening == -1 or text.find(right, opening, start) != -1:
            continue
        closing = text.find(right, end, end + _LONGEST_TITLE)
        if closing == -1 or text.find(left, end, closing) != -1 or "\n" in text[opening:closing]:
            continue
        if opening + 1 < start or closing > end:
            return True
    return False


def _after_cue(text: str, start: int, end: int, last: str) -> bool:
    """The tests of :func:`spoken_of` on the words before the form at ``start:end``, whose
    preceding character is *last*; each asked only where that character allows it."""
    before = text[max(0, start - 48):start]
    if last in _STRONG_ENDS:  # 误写为…, 不作“…”, 又译：…
        bare = before[:-1] if last in _OPENING_QUOTES else before
        bare = bare[:-1] if bare[-1:] == " " else bare
        bare = bare[:-1] if bare[-1:] in "：:" else bare
        if bare.endswith(_STRONG_ENDINGS):
            return True
    if last in _QUOTE_OR_COLON:
        if _SPOKEN_OF_BEFORE.search(before, len(before) - 14):  # 勿用“…”, 误：…
            return True
        if last in _OPENING_QUOTES:
            after = text[end:end + 24]
            if _LISTED_AFTER.search(before, len(before) - 6) and _LISTED.search(before):
                return True  # 不写“A”或“B”
            if after[:1] in _CLOSING_QUOTES and _SPOKEN_OF_QUOTED.match(after, 1):
                return True  # “阿拉格奇”的写法已过时
    if last in _STRUCK_ENDS and _STRUCK.search(before, len(before) - 12) \
            and _STRUCK_END.match(text, end):  # ~~…~~, <del>…</del>, [删：…]
        return True
    if last in _LIST_ENDS and _LISTED_BARE.search(before, len(before) - 18):
        return True  # 译作阿拉格希或者阿拉奇
    if last in _REGION_ENDS and _REGION_NAMING.search(before, len(before) - 16):
        return True  # 台湾叫普丁
    return last in _WEAK_ENDS and bool(_WEAK_BEFORE.search(before, len(before) - 12)) \
        and bool(_NAMED_SOON.match(text, end, end + 24))  # 寫成內坦亞胡，這是舊的譯法


def may_hold_table(text: str) -> bool:
    """Whether *text* may have a table's row in it (see :func:`table_row`): a | or a tab, or
    two ideographic spaces after a character on their line (not a paragraph's indent)."""
    if "|" in text or "｜" in text or "\t" in text:
        return True
    i, size = text.find("\u3000\u3000"), len(text)
    while i != -1:
        j = i  # back over the spaces before, then on past the run: each space looked at once
        while j and text[j - 1] in _SPACES:
            j -= 1
        if j and text[j - 1] not in "\r\n":
            return True
        while i < size and text[i] in _SPACES:
            i += 1
        i = text.find("\u3000\u3000", i)
    return False


_SPACES = " \u3000\xa0"


def near_a_cue(text: str, start: int, end: int) -> bool:
    """Whether the characters beside ``start:end`` are ones a cue word of :func:`spoken_of`
    ends or starts with: if not, only a table's row or a cited title can make the form one
    spoken of."""
    return text[start - 1:start] in _CUE_ENDS or text[end:end + 1] in _CUE_STARTS


def _quoted_phrase(text: str, at: int) -> str | None:
    """The short quoted phrase that starts right before *at* (after its opening quote)."""
    if text[at - 1:at] not in _OPENING_QUOTES:
        return None
    closing = min((i for i in (text.find(q, at, at + 24) for q in _CLOSING_QUOTES) if i != -1),
                  default=-1)
    return text[at:closing] if closing != -1 else None


def table_row(line: str) -> bool:
    """Whether *line* may be a row of a table (cells between | or tabs, or padded with
    ideographic spaces): short, and so laid out; a paragraph is no row."""
    if len(line) > LONGEST_ROW:
        return False
    line = line.strip()
    return line[:1] in "|｜" or "\t" in line or "\u3000\u3000" in line


def _found(at: int, otherwise: int) -> int:
    return otherwise if at == -1 else at


def tag_marks(text: str, line_start: int, line_end: int) -> list[int]:
    """The offsets of the #s on a line that may open or close a tag (not the # of C#)."""
    return [m.start() for m in _TAG_MARK.finditer(text, line_start, line_end)]


def in_hashtag(text: str, start: int, end: int, line_start: int,
               marks: list[int] | None = None) -> bool:
    """Whether ``start:end`` of *text* (on the line from *line_start*) is a name inside a
    hashtag (#亚伯拉罕林肯号, #伊朗外长阿拉格齐#): after a # that opens a tag (not the closing
    one of a Weibo topic, #伊朗局势#, nor the # of C#) on its line, with nothing that would end
    a tag in between, and with nothing that ends a tag in the name already (#阿里•拉里贾尼)."""
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
    # (*marks*: the line's tag_marks, when known: no count from the line's start per name)
    before = bisect.bisect_left(marks, at) if marks is not None \
        else len(_TAG_MARK.findall(text, line_start, at))
    return before % 2 == 0

