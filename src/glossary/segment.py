"""Split Chinese texts into sentences for translators, dropping page furniture.

:func:`segment_text` turns one text into :class:`Sentence` objects (text and 1-based line);
:func:`segment_files` does it for several files and merges repeated sentences (one unit with
every place it occurs). The rules, in order:

1. **Lines.** The text is read line by line (``\\r\\n`` or ``\\n``). Each non-blank line is a
   paragraph, except that a line ending with two spaces (a Markdown hard break) runs on into
   the next one, and a line that stops mid-sentence — it has a comma (，, 、 or ,) or a
   sentence end inside but does not end with a sentence end, a closing quote or bracket, or a
   colon — runs on into the next paragraph (web copy often breaks lines inside a sentence:
   ``其中包`` / ``括美伊相互承诺``). Headings (``#`` lines) and list lines never run on.
2. **Furniture** (:data:`FURNITURE`, each rule named) is dropped before anything else: lines
   without a Chinese character (page numbers, ``![]()``, English notices), lines with more
   Latin letters than Chinese characters (``Table with lottery results for 福彩3D``), Markdown
   images, survey and loading widgets (``调查问题加载中,请稍候。``, ``若长时间无响应,请刷新本页面``),
   share and QR-code prompts (``点击右上角微信好友``, ``朋友圈``, ``扫一扫``), navigation
   (``返回``, ``阅读剩余全文``, ``载入更多资讯``), source, editor and credit lines
   (``2026-02-05 09:14来源: 看看新闻Knews``, ``来源：``, ``[责任编辑: ]``, ``转自丨央视新闻``,
   ``本版稿件图片均据新华社``, ``新华社发 李源清 摄``) and platform disclaimers
   (``特别声明：以上内容…``). A recommendations heading (``为你推荐``, ``相关阅读``,
   ``猜你喜欢``…) ends the article: it and everything after it are dropped.
3. **Pinyin annotations** pasted into the copy are removed: ``戰(zhàn)爭`` → ``戰爭``
   (:mod:`glossary.pinyin`), and so are invisible characters (control characters, zero-width
   spaces, stray byte-order marks).
4. **Sentences.** A paragraph is cut after 。！？； (and their ASCII forms ``! ? ;`` after a
   Chinese character) and after an ellipsis (… or ……), with the closing quotes and brackets
   that follow kept with their sentence (``“……诚意。”`` stays whole); several enders in a row
   (``？！``) stay together. Headings (Markdown ``#`` lines, without their ``#``) and list lines
   (``- ``, ``* ``, ``1. ``, ``（一）``, ``一、``, ``——``) are kept whole, one unit each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from glossary.pinyin import find_annotations, strip_annotations

ENDERS = "。！？；!?;"
ELLIPSIS = "…"
CLOSERS = "”’」』）)》〉】〕］\"'"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN = re.compile(r"[A-Za-z]")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]\s+|\d{1,3}[.、)）]\s*|[（(][一二三四五六七八九十\d]{1,3}[）)]|"
                   r"[一二三四五六七八九十]{1,3}、|——|[①-⑳])")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_MID_SENTENCE = re.compile(r"[，,、。！？；]")
_RUN_ON_STOP = tuple(ENDERS + ELLIPSIS + CLOSERS + "：:")


@dataclass(frozen=True)
class FurnitureRule:
    name: str
    pattern: re.Pattern
    ends_article: bool = False


def _rule(name: str, regex: str, ends_article: bool = False) -> FurnitureRule:
    return FurnitureRule(name, re.compile(regex), ends_article)


FURNITURE: tuple[FurnitureRule, ...] = (
    _rule("recommendations", r"^(为你推荐|為你推薦|相关推荐|相關推薦|猜你喜欢|猜你喜歡|热门推荐|熱門推薦|"
          r"推荐阅读|推薦閱讀|相关阅读|相關閱讀|相关新闻|相關新聞|更多新闻|更多新聞)\s*[:：]?$", True),
    _rule("markdown-image", r"^!\[[^\]]*\]\([^)]*\)$"),
    _rule("loading-widget", r"(加载中|載入中|加載中).{0,6}(请稍候|請稍候)|若长时间无响应|若長時間無響應|"
          r"请刷新本?页面|請刷新本?頁面"),
    _rule("share-prompt", r"^(点击|點擊).{0,12}(右上角|下方|分享)|^(朋友圈|微信好友|QQ好友|新浪微博|"
          r"分享到.{0,10}|扫一扫.{0,20}|掃一掃.{0,20}|扫码.{0,20}|掃碼.{0,20}|长按.{0,12}二维码.{0,12}|"
          r"長按.{0,12}二維碼.{0,12}|打开APP.{0,10}|打開APP.{0,10})$"),
    _rule("navigation", r"^(返回|返回顶部|返回頂部|返回首页|返回首頁|阅读剩余全文|閱讀剩餘全文|"
          r"阅读全文|閱讀全文|展开全文|展開全文|载入更多资讯|載入更多資訊|加载更多|加載更多|"
          r"查看更多|上一篇|下一篇)\s*[(（]?$"),
    _rule("source-line", r"^\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?\s*\d{1,2}:\d{2}.{0,20}(来源|來源)|"
          r"^\[?\s*(来源|來源|责任编辑|責任編輯|编辑|編輯|原标题|原標題|转自|轉自|作者|记者|記者)"
          r"\s*[丨|:：]"),
    _rule("credit", r"^本版(稿件|图片|圖片).{0,12}$|^.{0,20}\s\S{2,4}\s*(摄|攝)$"),
    _rule("disclaimer", r"^(特别声明|特別聲明|免责声明|免責聲明)\s*[:：]"),
)


def furniture(line: str) -> FurnitureRule | None:
    """The furniture rule *line* (stripped) falls under, or None for article text."""
    text = line.strip()
    if not _HAN.search(text):
        return _NO_CHINESE
    for rule in FURNITURE:
        if rule.pattern.search(text):
            return rule
    if len(_LATIN.findall(text)) > len(_HAN.findall(text)):
        return _MOSTLY_LATIN
    return None


_NO_CHINESE = FurnitureRule("no-chinese", re.compile(""))
_MOSTLY_LATIN = FurnitureRule("mostly-latin", re.compile(""))


@dataclass
class Sentence:
    text: str
    line: int


@dataclass
class Paragraph:
    text: str
    line: int
    whole: bool = False  # heading or list line: one unit, not split


def paragraphs(text: str, keep_furniture: bool = False,
               dropped: dict[str, int] | None = None) -> list[Paragraph]:
    """The paragraphs of a text after furniture removal and run-on joining (rules 1–2)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[Paragraph] = []
    pending: Paragraph | None = None
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        if not keep_furniture:
            rule = furniture(raw)
            if rule is not None:
                if dropped is not None:
                    dropped[rule.name] = dropped.get(rule.name, 0) + (
                        len([x for x in lines[number - 1:] if x.strip()]) if rule.ends_article else 1)
                if rule.ends_article:
                    break
                continue
        hard_break = raw.endswith("  ")
        content = raw.strip()
        heading = _HEADING.match(raw)
        is_list = bool(_LIST.match(raw))
        if heading:
            content = heading.group(2).strip()
        elif _MD_BULLET.match(raw):
            content = _MD_BULLET.sub("", raw).strip()
        if pending is not None and not heading:
            pending.text = _join(pending.text, content)
            paragraph = pending
        else:
            if pending is not None:
                out.append(pending)
            paragraph = Paragraph(content, number, whole=bool(heading) or is_list)
        pending = None
        runs_on = hard_break or (
            not heading and _MID_SENTENCE.search(paragraph.text) is not None
            and not paragraph.text.endswith(_RUN_ON_STOP))
        if runs_on and not heading:
            pending = paragraph
        else:
            out.append(paragraph)
    if pending is not None:
        out.append(pending)
    return out


def _join(left: str, right: str) -> str:
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() \
            and right[0].isalnum():
        return left + " " + right
    return left + right


def split_sentences(text: str) -> list[str]:
    """Cut a paragraph after sentence enders, keeping closing quotes with their sentence."""
    out: list[str] = []
    start, i, n = 0, 0, len(text)
    while i < n:
        c = text[i]
        is_end = c in "。！？；" or c == ELLIPSIS or (
            c in "!?;" and i > 0 and _HAN.match(text[i - 1]) is not None)
        if not is_end:
            i += 1
            continue
        j = i + 1
        while j < n and (text[j] in ENDERS or text[j] == ELLIPSIS):
            j += 1
        while j < n and text[j] in CLOSERS:
            j += 1
        piece = text[start:j].strip()
        if piece:
            out.append(piece)
        start = i = j
    rest = text[start:].strip()
    if rest:
        if out and not _HAN.search(rest) and len(rest) <= 3:
            out[-1] += rest  # stray closing punctuation
        else:
            out.append(rest)
    return out


_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u2060\ufeff]")


def clean_pinyin(text: str) -> str:
    """*text* without pinyin annotations (``戰(zhàn)爭`` → ``戰爭``)."""
    annotations = list(find_annotations(text))
    return strip_annotations(text, annotations) if annotations else text


def segment_text(text: str, keep_furniture: bool = False,
                 dropped: dict[str, int] | None = None) -> list[Sentence]:
    """The sentences of one text, each with the line it starts on."""
    out: list[Sentence] = []
    for paragraph in paragraphs(text, keep_furniture, dropped):
        body = clean_pinyin(_INVISIBLE.sub("", paragraph.text))
        pieces = [body.strip()] if paragraph.whole else split_sentences(body)
        out.extend(Sentence(piece, paragraph.line) for piece in pieces if piece)
    return out


@dataclass
class Unit:
    """A distinct sentence and every place it occurs."""

    text: str
    places: list[tuple[str, int]] = field(default_factory=list)
    # the whole texts it occurs in (shared, not copied): what they write tells a generic form's
    # meaning (总统办公室 in a text about Ukraine)
    documents: list[str] = field(default_factory=list, repr=False, compare=False)


def segment_files(paths: Iterable[tuple[str, str]], keep_furniture: bool = False,
                  dropped: dict[str, int] | None = None, merge: bool = True) -> list[Unit]:
    """Sentences of several texts given as (name, text), repeated ones merged in first order."""
    units: list[Unit] = []
    index: dict[str, Unit] = {}
    for name, text in paths:
        for sentence in segment_text(text, keep_furniture, dropped):
            unit = index.get(sentence.text) if merge else None
            if unit is None:
                unit = Unit(sentence.text)
                units.append(unit)
                if merge:
                    index[sentence.text] = unit
            if (name, sentence.line) not in unit.places:
                unit.places.append((name, sentence.line))
            if not any(document is text for document in unit.documents):
                unit.documents.append(text)
    return units


def term_notes(glossary, sentence: str, documents: Iterable[str] = ()) -> list[str]:
    """``阿拉格齐 = Abbas Araghchi`` for each glossary term in *sentence* (first occurrence),
    with the preferred form named when the sentence uses a variant or a forbidden form.
    *documents*: the whole texts the sentence comes from (:attr:`Unit.documents`)."""
    if glossary is None or not len(glossary):
        return []
    from glossary.matcher import find_terms

    notes: list[str] = []
    seen: set[str] = set()
    for match in find_terms(glossary, sentence, tuple(documents)):
        entry = match.entry
        if entry.id in seen:
            continue
        seen.add(entry.id)
        written = getattr(match, "clean", None) or match.matched
        note = f"{written} = {entry.en}"
        if match.kind == "forbidden":
            note += f" (forbidden form; write {entry.zh})"
        elif match.kind == "variant":
            note += f" (variant of {entry.zh})"
        notes.append(note)
    return notes


def read_source(path: str | Path) -> str:
    """The text of a source file in its own encoding (GB18030, Big5, UTF-8 …)."""
    try:
        from glossary.reader import read_text
    except ImportError:  # pragma: no cover - the reader ships with the package
        return Path(path).read_text(encoding="utf-8")
    return read_text(path).text


__all__ = ["FURNITURE", "Paragraph", "Sentence", "Unit", "clean_pinyin", "furniture",
           "paragraphs", "read_source", "segment_files", "segment_text", "split_sentences",
           "term_notes"]
