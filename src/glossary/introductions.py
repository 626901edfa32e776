"""Abbreviations and full names introduced in brackets, as news copy writes them:
伊朗伊斯兰共和国通讯社（伊通社）, 《联合全面行动计划》（JCPOA，以下简称“伊核协议”）,
伊通社（伊朗伊斯兰共和国通讯社）. The text names the entry as it should there: GL002 and GL007
read these pairs (:attr:`Document.bracket_pairs`)."""

from __future__ import annotations

import bisect
import re
from operator import itemgetter

from glossary.model import FORBIDDEN

_OPENING = "(（［"
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


def bracket_pairs(text: str, hits: list, patterns) -> list[tuple]:
    """Each two *hits* (in *text*, a scanned text) of two forms of one entry, the second in
    brackets right after the first, neither of them forbidden."""
    if not hits:
        return []
    out = []
    for bracket in _OPENING:  # brackets are few; the hits around each are found by bisection
        at = text.find(bracket)
        while at != -1:
            pair = _bracketed(text, hits, patterns, at)
            if pair:
                out.append(pair)
            at = text.find(bracket, at + 1)
    out.sort(key=lambda pair: pair[0][1])
    return out


def _bracketed(text: str, hits: list, patterns, at: int) -> tuple | None:
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

