"""Language tags: defaults, normalisation, the POSIX form, lenient reading, bad tags."""

from __future__ import annotations

import pytest

from glossary import langtags
from glossary.errors import GlossaryError
from glossary.langtags import Languages, normalize, posix, resolve


def test_defaults_are_region_style_bcp47():
    langs = resolve()
    assert (langs.source, langs.traditional, langs.target) == ("zh-CN", "zh-TW", "en-US")


@pytest.mark.parametrize("given, expected", [
    ("zh-cn", "zh-CN"), ("ZH-CN", "zh-CN"), ("zh_CN", "zh-CN"), ("zh-hans", "zh-Hans"),
    ("ZH-HANT-hk", "zh-Hant-HK"), ("en", "en"), ("EN-gb", "en-GB"), ("cmn-Hans-CN", "cmn-Hans-CN"),
    ("en-US-x-Custom", "en-US-x-custom"), ("es-419", "es-419"),
])
def test_normalize(given, expected):
    assert normalize(given) == expected


@pytest.mark.parametrize("bad", ["", "english", "zh--CN", "zh-CN-", "xx-YY", "qq", "zh-Hanz",
                                 "zh-ZZ", "z", "zh CN", "12-CN", "en_US.UTF-8"])
def test_malformed_or_unknown_tags_are_refused(bad):
    with pytest.raises(GlossaryError):
        normalize(bad)


@pytest.mark.parametrize("tag, expected", [
    ("en-US", "en_US"), ("en", "en"), ("zh-CN", "zh_CN"), ("zh-Hans", "zh_CN"),
    ("zh-Hant", "zh_TW"), ("zh-Hant-HK", "zh_HK"), ("en-Latn-GB", "en_GB"),
])
def test_posix_form_for_the_po_language_header(tag, expected):
    assert posix(tag) == expected


@pytest.mark.parametrize("source, traditional", [
    ("zh-Hans", "zh-Hant"), ("zh-Hans-TW", "zh-Hant-CN"), ("zh-Hani-CN", "zh-Hani-TW"),
    ("zh", "zh-HK"), ("cmn-Hans", "cmn-Hant"), ("zh-SG", "zh-MO"),
])
def test_script_and_region_that_fit_each_side(source, traditional):
    langs = resolve(source, traditional)
    assert (langs.source, langs.traditional) == (source, traditional)


def test_overrides_and_config():
    langs = resolve("zh-Hans", "zh-Hant", "en-GB")
    assert (langs.source, langs.traditional, langs.target) == ("zh-Hans", "zh-Hant", "en-GB")
    langs = resolve(config={"source": "zh-Hans", "target": "en-GB"})
    assert (langs.source, langs.traditional, langs.target) == ("zh-Hans", "zh-TW", "en-GB")
    # the command line wins over the configuration
    assert resolve(target="en-AU", config={"target": "en-GB"}).target == "en-AU"


@pytest.mark.parametrize("kwargs, message", [
    ({"source": "fr-FR"}, "--src-lang"),
    ({"traditional": "ja"}, "--trad-lang"),
    ({"target": "de-DE"}, "--tgt-lang"),
    ({"target": "en-XX"}, "unknown region"),
    ({"source": "zh", "traditional": "zh"}, "both"),
    ({"source": "zh-Hant"}, "--src-lang: zh-Hant names traditional script"),
    ({"source": "zh-Latn"}, "--src-lang: zh-Latn names another script"),
    ({"source": "zh-Bopo"}, "another script"),
    ({"source": "zh-TW"}, "--src-lang: zh-TW names a region that writes traditional"),
    ({"source": "zh-Hant-CN"}, "traditional script"),
    ({"traditional": "zh-Hans"}, "--trad-lang: zh-Hans names simplified script"),
    ({"traditional": "zh-CN"}, "--trad-lang: zh-CN names a region that writes simplified"),
    ({"traditional": "zh-Latn-TW"}, "another script"),
    ({"config": {"sourse": "zh-CN"}}, "unknown key"),
])
def test_resolve_refuses_wrong_roles(kwargs, message):
    with pytest.raises(GlossaryError, match=message):
        resolve(**kwargs)


@pytest.mark.parametrize("tag, role", [
    ("zh-CN", "source"), ("ZH-CN", "source"), ("zh_cn", "source"), ("zh", "source"),
    ("zh-Hans", "source"), ("zh-TW", "traditional"), ("zh-HK", "traditional"),
    ("zh-Hant", "traditional"), ("zh-Hant-CN", "traditional"), ("EN-US", "target"),
    ("en-GB", "target"), ("en", "target"), ("fr", None), ("xx", None), ("", None),
])
def test_role_of_tags_found_in_files(tag, role):
    assert Languages().role(tag) == role


def test_configured_tags_match_exactly_first():
    langs = Languages("zh-Hans", "zh-Hant", "en-GB")
    assert langs.role("ZH-HANS") == "source"
    assert langs.role("zh-hant") == "traditional"
    assert langs.role("en-us") == "target"


def test_is_traditional():
    assert langtags.is_traditional("zh-Hant-CN")
    assert not langtags.is_traditional("zh-Hans-TW")
    assert langtags.is_traditional("zh_MO")
    assert not langtags.is_traditional("en-TW")
