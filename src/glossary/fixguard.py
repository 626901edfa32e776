"""Where a fix would damage a text, though the finding stands: a wrong form that a style
sheet, a correction notice, an editor's marks or a translator's note speak of (the fix would
turn the note against itself), and a name inside a hashtag (a separator would end the tag)."""

from __future__ import annotations

import re

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
_STRONG_CUES = ("误写为 誤寫為 误写作 误写成 误作 誤作 误为 误译为 误译作 原稿作 原文作 原作 不作 勿作 "
                "不写作 不寫作 不写成 译作 譯作 译为 譯為 旧译 舊譯 ✗ ✘ ❌").split()
# cues that do only with a quote or a colon after them (勿用“…”; not 避免阿拉格奇被孤立), and a
# bare 误/错 label only standing alone (误：…; not 这是个错误：…)
_WEAK_CUES = ("写作 寫作 写成 寫成 不写 不寫 勿写 勿寫 勿用 不用 避免使用 避免 避用 拼作 拼成 旧称 舊稱 "
              "×").split()
_LABELS = "误 誤 错 錯".split()
_CUE = "(?:" + "|".join(_STRONG_CUES) + ")"
_WEAK_CUE = ("(?:" + "|".join(_WEAK_CUES) + "|(?:^|(?<=[\\s，,；;。|｜（(【\\[]))(?:"
             + "|".join(_LABELS) + "))")
_SPOKEN_OF_BEFORE = re.compile(
    _CUE + "[：:]?[ ]?[“「『\"‘]?$|" + _WEAK_CUE + "(?:[：:][ ]?[“「『\"‘]?|[ ]?[“「『\"‘])$")
_LISTED_AFTER = re.compile("[”」』\"’][ ]?[或、及和与與，,/]?[ ]?[“「『\"‘]$")
_LISTED = re.compile("(?:" + _CUE + "|" + _WEAK_CUE + ")[：:]?[ ]?[“「『\"‘][^。；;\n]{0,30}$")
_NAMING = ("(?:笔误|筆誤|误译|誤譯|误写|誤寫|旧译名?|舊譯名?|老译名|老譯名|错译|錯譯|错字|錯字|"
           "旧称|舊稱|译名|譯名|译法|譯法|写法|寫法|拼法)")
# after the form: marked wrong, or called a slip or an old rendering
_MARKED_AFTER = re.compile(
    "[”」』\"’]?[ ]?(?:"
    "[（(\\[【［](?:误|誤|错|錯|误译|誤譯|旧译|舊譯|原文如此|sic|SIC|Sic)[)）\\]】］]"
    "|(?:系|係|是|为|為|乃|属|屬)(?:原稿|原文|编辑|編輯|过去|過去|早期|此前)?(?:的)?"
    "(?:" + _NAMING[3:-1] + "|有误|有誤|不规范|不規範))")
# after the form: corrected to another form, which must follow (阿拉格奇应为阿拉格齐; not
# 阿拉格奇应为此负责, 阿拉格奇→德黑兰)
_CORRECTED_AFTER = re.compile(
    "[”」』\"’]?[ ]?(?:→|->|=>|⇒|➔|[，,（(]?(?:一律|统一|統一|均|都|皆|全部|已)?"
    "(?:更正为|更正為|更正成|改为|改為|改成|改作|应为|應為|应作|應作|应写作|應寫作))[ ]?[“「『\"‘]?")
_SPOKEN_OF_QUOTED = re.compile("[，,的]?[^。！？\n]{0,8}?" + _NAMING)
# a weak cue right before and words about renderings soon after: 寫成內坦亞胡，這是舊的譯法
_WEAK_BEFORE = re.compile(_WEAK_CUE + "$")
_NAMED_SOON = re.compile("[，,]?[^。！？\n]{0,16}?" + _NAMING)
# the characters a cue before a form ends with, and those a cue after it starts with
_CUE_ENDS = frozenset({cue[-1] for cue in _STRONG_CUES + _WEAK_CUES + _LABELS}
                      | set("：: “「『\"‘~>]］】〕"))
_CUE_STARTS = frozenset("”」』\"’ （(\\[【［→-=⇒➔，,一统統均都皆全已更改应應系係是乃属屬为為<~]］】〕")
_LONGEST_ROW = 200  # characters
_TABLE_ROW = re.compile("^[|｜]|\t|\u3000\u3000")
_CELL_EDGES = "\t|｜\u3000\r\n"
_LONGEST_CELL = 24  # characters
_SENTENCE = re.compile("[。，,；;！？!?]")


def spoken_of(text: str, start: int, end: int, line_start: int, line_end: int,
              right_forms) -> bool:
    """Whether the form at ``start:end`` of *text* is spoken of rather than used: 不作“阿拉格奇”,
    误写为内坦亚胡, “阿拉格奇”系笔误, 阿拉格奇应为阿拉格齐, 阿拉格奇→阿拉格齐, [删：阿拉格奇],
    ~~内坦亚胡~~, 阿拉格奇（原文如此）, or a short line (``line_start:line_end``) that is a row
    of a table of wrong and right forms, one of *right_forms* written in it too."""
    # most forms stand between two characters no cue ends or starts with: asked first
    if text[start - 1:start] in _CUE_ENDS or text[end:end + 1] in _CUE_STARTS:
        before, after = text[max(0, start - 48):start], text[end:end + 24]
        if _STRUCK.search(before) and _STRUCK_END.match(after):
            return True
        if _SPOKEN_OF_BEFORE.search(before, len(before) - 12) or _MARKED_AFTER.match(after):
            return True
        corrected = _CORRECTED_AFTER.match(after)
        if corrected and any(text.startswith(form, end + corrected.end()) for form in right_forms):
            return True
        if _LISTED_AFTER.search(before, len(before) - 6) and _LISTED.search(before):
            return True
        if _WEAK_BEFORE.search(before, len(before) - 8) and _NAMED_SOON.match(after):
            return True
        if before[-1:] in _OPENING_QUOTES and after[:1] in _CLOSING_QUOTES \
                and _SPOKEN_OF_QUOTED.match(after, 1):
            return True
    if line_end - line_start > _LONGEST_ROW:
        return False  # a paragraph, not a table's row (and no search along a long line)
    line = text[line_start:line_end]
    # in a cell of a table of wrong and right forms (勘误表: A5　　本雅明·内坦亚胡　本雅明·内塔
    # 尼亚胡), the right one in another cell; not a form in an indented paragraph
    if not _TABLE_ROW.search(line.strip()):
        return False
    cell_start = max(line_start, *(text.rfind(c, line_start, start) + 1 for c in _CELL_EDGES))
    cell_end = min(line_end, *(_found(text.find(c, end, line_end), line_end) for c in _CELL_EDGES))
    cell = text[cell_start:cell_end].strip()
    if len(cell) > _LONGEST_CELL or _SENTENCE.search(cell):
        return False
    rest = text[line_start:cell_start] + text[cell_end:line_end]
    return any(form in rest for form in right_forms)


def _found(at: int, otherwise: int) -> int:
    return otherwise if at == -1 else at


def in_hashtag(text: str, start: int, end: int, line_start: int) -> bool:
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
    before = len(_TAG_MARK.findall(text, line_start, at))
    return before % 2 == 0

