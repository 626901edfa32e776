"""GL006 pinyin-annotation: a pinyin reading pasted into the text."""

from glossary.findings import NO_EXTRA, Finding, Fix
from glossary.pinyin import QUOTED_END, is_zhuyin
from glossary.rules.base import Rule, Wording

RULE = Rule(
    "GL006", "pinyin-annotation", "warning",
    "A pinyin reading in brackets follows a character, as copied from annotated web pages "
    "(`戰(zhàn)爭`, `戰爭（Zhànzhēng）`, `阿拉格齐（ā-lā-gé-qí）`), or a Zhuyin one (`戰(ㄓㄢˋ)爭`). "
    "Terms are found through it; the fix removes it. A reading without a tone mark on each "
    "syllable counts only if it is the characters' own (朗(lang), 朋友(péngyou)), and one "
    "with no tone mark only on a page annotated with them; 做多（long）, 咖啡(café) and "
    "风水（feng shui） are glosses.",
    "12日戰(zhàn)爭 → GL006 pinyin annotation `(zhàn)` after `戰` (remove it)",
    fixable=True,
)


def check(doc):
    # An annotated page has an annotation every few characters, so this rule makes most of the
    # findings of such a corpus: the findings are built here directly, lines counted in one
    # walk over the (sorted) annotations instead of a search per finding.
    text, path = doc.text, doc.path
    code, name, severity = RULE.code, RULE.name, RULE.severity
    starts = doc.line_starts
    last = len(starts)
    line, line_start = 1, 0
    next_start = starts[1] if last > 1 else len(text) + 1
    for start, end, _reading in doc.annotations:
        while start >= next_start:
            line += 1
            line_start = next_start
            next_start = starts[line] if line < last else len(text) + 1
        if end <= next_start:  # \s? inside the brackets may take a line break: rare
            end_line, end_column = line, end - line_start + 1
        else:
            end_line, end_column = doc.position(end)
        before = text[start - 1]
        if before in QUOTED_END:  # “斡旋”（wòxuán）: after 旋, not after ”
            before = text[max(0, start - 4):start].rstrip(QUOTED_END)[-1:] or before
        matched, message = _WORDING[text[start:end], before]
        yield Finding(
            code, name, severity, path, line, start - line_start + 1, end_line, end_column,
            message, matched, None, "", Fix(start, end, ""), NO_EXTRA,
        )


# (annotation, character before it) → one matched string and message for all its findings
_WORDING = Wording(lambda matched, before:
                   (matched, f"{'zhuyin' if is_zhuyin(matched.strip(' (（)）')) else 'pinyin'} "
                             f"annotation `{matched}` after `{before}`"))
