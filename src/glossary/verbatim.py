"""What in a text is not prose: web addresses, HTML comments and, in Markdown, code and link
targets. A term inside them is quoted or part of an address (`[阿拉格齐](…/wiki/阿拉格奇)`,
a style note's `` `内坦亚胡` 改为 `内塔尼亚胡` ``): reporting it would be noise, and a fix would
break the link or the code. They are blanked before a scan, offsets unchanged.
"""

from __future__ import annotations

import re

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
BLANK = "\x00"  # what a blanked character reads as: no spelling holds it, nor a space rule

# A web address (http://, https://, ftp:// or www.) runs to a space, a quote or bracket, or
# Chinese punctuation after it; Chinese characters belong to it only in a path segment or query
# value they begin (…/wiki/阿拉格奇, ?q=内坦亚胡), so that prose written right after an address
# (…/abc内坦亚胡表示) is still prose.
_STOPS = "\\s<>\"'`‘’“”，。；、！？：）)」』】〉》\\]"
_IDEOGRAPHS = "\u3400-\u9fff\uf900-\ufaff"
_URL = re.compile(rf"(?:(?:https?|ftp)://|(?<![A-Za-z0-9.])www\.)[^{_STOPS}{_IDEOGRAPHS}]+"
                  rf"(?:(?<=[/=?&#])[^{_STOPS}]+)?")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:[^`\n]|\n(?![ \t]*\n))+?(?<!`)\1(?!`)")
_LINK_TARGET = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s)]+)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|[!-~]+)", re.M)


def verbatim_spans(text: str, markdown: bool = False) -> list[tuple[int, int]]:
    """The sorted, merged ``(start, end)`` spans of *text* that are not prose."""
    spans: list[tuple[int, int]] = []
    if "://" in text or "www." in text:
        spans += [m.span() for m in _URL.finditer(text)]
    if "<!--" in text:
        spans += [m.span() for m in _COMMENT.finditer(text)]
    if markdown:
        fences = _fences(text) if "```" in text or "~~~" in text else []
        spans += fences
        prose = blanked(text, fences) if fences else text
        if "`" in prose:  # code spans in the prose, not in a fence's code
            spans += [m.span() for m in _CODE_SPAN.finditer(prose)]
        if "](" in text:
            spans += [m.span(1) for m in _LINK_TARGET.finditer(text)]
        if "]:" in text:
            spans += [m.span(1) for m in _REFERENCE.finditer(text)]
    if not spans:
        return spans
    spans.sort()
    merged = [spans[0]]
    for start, end in spans[1:]:
        if start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _fences(text: str) -> list[tuple[int, int]]:
    """The fenced code blocks of Markdown *text*: from a line of three or more backticks or
    tildes to a line of at least as many of the same, or to the end of the text."""
    out, opening = [], None
    for m in _FENCE_LINE.finditer(text):
        fence = m.group(1)
        if opening is None:
            opening = (m.start(), fence)
        elif fence[0] == opening[1][0] and len(fence) >= len(opening[1]):
            end = text.find("\n", m.end())
            out.append((opening[0], len(text) if end == -1 else end + 1))
            opening = None
    if opening is not None:
        out.append((opening[0], len(text)))
    return out


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """*text* with the characters of *spans* read as :data:`BLANK`, line breaks kept."""
    if not spans:
        return text
    pieces, done = [], 0
    for start, end in spans:
        pieces.append(text[done:start])
        pieces.append(re.sub(r"[^\r\n]", BLANK, text[start:end]))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def is_markdown(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)
