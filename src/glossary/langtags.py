"""Language tags: the one place that decides which codes the exchange formats carry.

Every file the tool writes names its languages with a BCP 47 tag (RFC 5646) in the region
style that OmegaT, Google Cloud Translation and most CAT tools match: ``zh-CN`` for simplified
Chinese, ``zh-TW`` for traditional Chinese, ``en-US`` for English. ``--src-lang``,
``--trad-lang`` and ``--tgt-lang`` (or ``[tool.glossary.languages]`` in the project
configuration: ``source``, ``traditional``, ``target``) override them; ``zh-Hans``/``zh-Hant``
and other well-formed tags with known subtags are accepted.

* XML formats (TMX, TBX, XLIFF) always get the hyphen form (:func:`normalize`); their schemas
  reject ``zh_CN``.
* The PO ``Language:`` header is the one place for the POSIX form (:func:`posix`): ``en_US``.
* A tag given by the user that is malformed or has an unknown subtag is a
  :class:`~glossary.errors.GlossaryError` (exit code 2). A POSIX-style ``zh_CN`` is read as
  ``zh-CN``.

Reading files written by other tools is lenient (:func:`role`): ``ZH-CN``, ``zh_cn``, ``zh``,
``zh-Hant-HK`` and ``EN`` are all understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from glossary.errors import GlossaryError

SOURCE = "source"
TRADITIONAL = "traditional"
TARGET = "target"
ROLES = (SOURCE, TRADITIONAL, TARGET)

DEFAULT_SOURCE = "zh-CN"
DEFAULT_TRADITIONAL = "zh-TW"
DEFAULT_TARGET = "en-US"

CHINESE_LANGUAGES = frozenset({"zh", "zho", "chi", "cmn", "yue", "wuu", "hak", "nan", "gan",
                               "hsn", "cjy", "cpx", "czh", "czo", "mnp", "lzh"})
ENGLISH_LANGUAGES = frozenset({"en", "eng"})
# Regions and scripts whose Chinese is written in traditional characters.
TRADITIONAL_REGIONS = frozenset({"TW", "HK", "MO"})
SIMPLIFIED_REGIONS = frozenset({"CN", "SG"})

# ISO 639-1 (every two-letter language subtag of the IANA registry).
_ISO639_1 = set("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
hy hz ia id ie ig ii ik in io is it iu iw ja ji jv jw ka kg ki kj kk kl km kn ko kr ks ku kv
kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mo mr ms mt my na nb nd ne ng nl nn no nr
nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq
sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi
yo za zh zu""".split())
# Three-letter subtags that translators meet (Chinese languages, and ISO 639-2 forms).
_ISO639_3 = CHINESE_LANGUAGES | ENGLISH_LANGUAGES | {
    "ara", "deu", "ger", "fra", "fre", "spa", "rus", "jpn", "kor", "por", "ita", "nld", "dut",
    "fas", "per", "tur", "vie", "tha", "heb", "hin", "ind", "msa", "may", "ukr", "pol", "fil",
    "und", "mul", "zxx", "mis",
}
# ISO 3166-1 alpha-2 (assigned codes, plus the exceptionally reserved EU, UN and UK).
_REGIONS = set("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
EC EE EG EH ER ES ET EU FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU
GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW
KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU
MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW
PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF
TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM UN US UY UZ VA VC VE VG VI VN VU WF WS YE YT
ZA ZM ZW UK""".split())
# ISO 15924 scripts that a Chinese–English glossary plausibly meets.
_SCRIPTS = {"Hans", "Hant", "Hani", "Latn", "Bopo", "Hrkt", "Jpan", "Kore", "Cyrl", "Arab",
            "Grek", "Hebr", "Deva", "Thai", "Zyyy", "Zxxx", "Zzzz", "Qaaa"}

_TAG = re.compile(
    r"^(?P<language>[A-Za-z]{2,3})"
    r"(?:-(?P<script>[A-Za-z]{4}))?"
    r"(?:-(?P<region>[A-Za-z]{2}|[0-9]{3}))?"
    r"(?P<variants>(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*)"
    r"(?P<extensions>(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*)"
    r"(?P<private>-[Xx](?:-[A-Za-z0-9]{1,8})+)?$"
)

SPEC_URL = "https://www.rfc-editor.org/rfc/rfc5646"


def parse(tag: str) -> dict[str, str | None]:
    """The subtags of a well-formed tag, case-normalised; :class:`GlossaryError` otherwise."""
    text = (tag or "").strip().replace("_", "-")
    match = _TAG.match(text)
    if not match:
        raise GlossaryError(
            f"{tag!r} is not a well-formed BCP 47 language tag (e.g. zh-CN, zh-Hans, en-US)")
    language = match.group("language").lower()
    script = match.group("script")
    region = match.group("region")
    if language not in _ISO639_1 and language not in _ISO639_3:
        raise GlossaryError(f"unknown language {language!r} in the tag {tag!r}")
    if script is not None:
        script = script.title()
        if script not in _SCRIPTS:
            raise GlossaryError(f"unknown script {script!r} in the tag {tag!r}")
    if region is not None:
        region = region.upper()
        if not region.isdigit() and region not in _REGIONS:
            raise GlossaryError(f"unknown region {region!r} in the tag {tag!r}")
    return {
        "language": language,
        "script": script,
        "region": region,
        "rest": ((match.group("variants") or "") + (match.group("extensions") or "")
                 + (match.group("private") or "")).lower(),
    }


def normalize(tag: str) -> str:
    """*tag* in canonical case with hyphens: ``zh_cn`` → ``zh-CN``, ``ZH-HANT`` → ``zh-Hant``."""
    parts = parse(tag)
    out = parts["language"]
    if parts["script"]:
        out += "-" + parts["script"]
    if parts["region"]:
        out += "-" + parts["region"]
    return out + (parts["rest"] or "")


def posix(tag: str) -> str:
    """The POSIX locale name for a PO ``Language:`` header: ``en-US`` → ``en_US``.

    A script subtag has no POSIX equivalent: ``zh-Hans`` becomes ``zh_CN`` and ``zh-Hant``
    ``zh_TW`` when no region is given (gettext's own convention), otherwise it is dropped.
    """
    parts = parse(tag)
    region = parts["region"]
    if region is None and parts["language"] in CHINESE_LANGUAGES and parts["script"]:
        region = {"Hans": "CN", "Hant": "TW"}.get(parts["script"])
    return parts["language"] + (f"_{region}" if region else "")


def language_of(tag: str | None) -> str | None:
    """The primary language subtag of any tag, leniently (``ZH_cn`` → ``zh``), or None."""
    if not tag:
        return None
    head = re.split(r"[-_]", tag.strip(), 1)[0].lower()
    return head or None


def is_chinese(tag: str | None) -> bool:
    return language_of(tag) in CHINESE_LANGUAGES


def is_english(tag: str | None) -> bool:
    return language_of(tag) in ENGLISH_LANGUAGES


def is_traditional(tag: str | None) -> bool:
    """Whether a Chinese *tag* names traditional script (``zh-Hant``, ``zh-TW``, ``zh-HK``…)."""
    if not is_chinese(tag):
        return False
    subtags = [s.lower() for s in re.split(r"[-_]", tag.strip())[1:]]
    if "hant" in subtags:
        return True
    if "hans" in subtags:
        return False
    return any(s.upper() in TRADITIONAL_REGIONS for s in subtags)


@dataclass(frozen=True)
class Languages:
    """The three tags an export or import uses: simplified source, traditional, English target."""

    source: str = DEFAULT_SOURCE
    traditional: str = DEFAULT_TRADITIONAL
    target: str = DEFAULT_TARGET

    def role(self, tag: str | None) -> str | None:
        """Which of the three a tag found in a file stands for (lenient), or None.

        An exact (case-insensitive) match with a configured tag wins; otherwise any Chinese tag
        is the source, or the traditional side if it names traditional script or a
        traditional-script region; any English tag is the target.
        """
        if not tag:
            return None
        key = tag.strip().replace("_", "-").lower()
        for name in ROLES:
            if key == getattr(self, name).lower():
                return name
        if is_chinese(tag):
            return TRADITIONAL if is_traditional(tag) else SOURCE
        if is_english(tag):
            return TARGET
        return None


def resolve(source: str | None = None, traditional: str | None = None,
            target: str | None = None, config: Mapping[str, str] | None = None) -> Languages:
    """The languages from command-line values, then the project configuration, then defaults.

    Raises :class:`GlossaryError` for a malformed or unknown tag, a non-Chinese source or
    traditional tag, or a non-English target.
    """
    config = dict(config or {})
    unknown = sorted(set(config) - set(ROLES))
    if unknown:
        raise GlossaryError(
            f"unknown key {unknown[0]!r} in [tool.glossary.languages]; known: {', '.join(ROLES)}")
    chosen = {
        SOURCE: source or config.get(SOURCE) or DEFAULT_SOURCE,
        TRADITIONAL: traditional or config.get(TRADITIONAL) or DEFAULT_TRADITIONAL,
        TARGET: target or config.get(TARGET) or DEFAULT_TARGET,
    }
    options = {SOURCE: "--src-lang", TRADITIONAL: "--trad-lang", TARGET: "--tgt-lang"}
    out: dict[str, str] = {}
    for role_name, tag in chosen.items():
        try:
            out[role_name] = normalize(tag)
        except GlossaryError as error:
            raise GlossaryError(f"{options[role_name]}: {error.message}") from None
    if not is_chinese(out[SOURCE]):
        raise GlossaryError(f"--src-lang: {out[SOURCE]} is not Chinese; the glossary's source "
                            "is simplified Chinese (e.g. zh-CN or zh-Hans)")
    wrong = _wrong_script(out[SOURCE], simplified=True)
    if wrong:
        raise GlossaryError(f"--src-lang: {out[SOURCE]} {wrong}; the glossary's source is "
                            "simplified Chinese (e.g. zh-CN or zh-Hans)")
    if not is_chinese(out[TRADITIONAL]):
        raise GlossaryError(f"--trad-lang: {out[TRADITIONAL]} is not Chinese (e.g. zh-TW or zh-Hant)")
    wrong = _wrong_script(out[TRADITIONAL], simplified=False)
    if wrong:
        raise GlossaryError(f"--trad-lang: {out[TRADITIONAL]} {wrong}; the traditional side is "
                            "traditional Chinese (e.g. zh-TW or zh-Hant)")
    if not is_english(out[TARGET]):
        raise GlossaryError(f"--tgt-lang: {out[TARGET]} is not English; the glossary's target "
                            "is English (e.g. en-US or en-GB)")
    if out[SOURCE].lower() == out[TRADITIONAL].lower():
        raise GlossaryError(f"--src-lang and --trad-lang are both {out[SOURCE]}; give the "
                            "traditional side its own tag (e.g. zh-TW or zh-Hant)")
    return Languages(out[SOURCE], out[TRADITIONAL], out[TARGET])


def _wrong_script(tag: str, simplified: bool) -> str | None:
    """Why a Chinese *tag* cannot name the simplified (or traditional) side, or None.

    A script subtag must be the side's own (``Hans``/``Hant``) or the generic ``Hani``; a
    region alone counts when it is one of the traditional-script regions (``zh-TW`` as the
    simplified source) or, for the traditional side, mainland China or Singapore.
    """
    parts = parse(tag)
    script, region = parts["script"], parts["region"]
    own = "Hans" if simplified else "Hant"
    if script is not None:
        if script in (own, "Hani"):
            return None
        if script in ("Hans", "Hant"):
            return f"names {'traditional' if simplified else 'simplified'} script ({script})"
        return f"names another script ({script}) than Chinese characters"
    if simplified and region in TRADITIONAL_REGIONS:
        return f"names a region that writes traditional characters ({region})"
    if not simplified and region in SIMPLIFIED_REGIONS:
        return f"names a region that writes simplified characters ({region})"
    return None


def from_config(source: str | None = None, traditional: str | None = None,
                target: str | None = None) -> Languages:
    """:func:`resolve` with the ``[tool.glossary.languages]`` table of the nearest config file."""
    from glossary.config import load_config

    return resolve(source, traditional, target, load_config().languages)


__all__ = [
    "DEFAULT_SOURCE", "DEFAULT_TARGET", "DEFAULT_TRADITIONAL", "Languages", "ROLES", "SOURCE",
    "TARGET", "TRADITIONAL", "from_config", "is_chinese", "is_english", "is_traditional",
    "language_of", "normalize", "parse", "posix", "resolve",
]
