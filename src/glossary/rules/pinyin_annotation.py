"""GL006 pinyin-annotation: a pinyin reading pasted into the text."""

from glossary.rules.base import Rule

RULE = Rule(
    "GL006", "pinyin-annotation", "warning",
    "A pinyin reading in brackets follows a character, as copied from annotated web pages "
    "(`戰(zhàn)爭`). Terms are found through it; the fix removes it.",
    "12日戰(zhàn)爭 → GL006 pinyin annotation `(zhàn)` after `戰` (remove it)",
    fixable=True,
)


def check(doc):
    text = doc.text
    for a in doc.annotations:
        yield doc.finding(
            RULE, a.start, a.end,
            f"pinyin annotation `{text[a.start:a.end]}` after `{text[a.start - 1]}`",
            suggestion="", replacement="",
        )
