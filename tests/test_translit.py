"""Transliteration schemes: every sample in every scheme file, plus the engine's rules.

The samples live in the scheme files themselves (src/toponorm/data/schemes/),
so correcting a scheme means editing one JSON file; this module replays them
all and checks the behaviour the data files cannot express: case, word
boundaries, passthrough, errors.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toponorm.translit import Scheme, load_scheme, schemes, transliterate

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "schemes.md"
EXPECTED_SCHEMES = (
    "ala-lc-ru",
    "ala-lc-uk",
    "bgn-pcgn-ru",
    "bgn-pcgn-uk",
    "english-ru",
    "iso9",
    "national",
)
CYRILLIC = re.compile("[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")
UKRAINIAN_LETTERS = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
RUSSIAN_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


def _ascii_id(text: str) -> str:
    """A readable ASCII test id: diacritics stripped, other symbols dropped."""
    stripped = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "_", stripped).strip("_") or "x"


SAMPLES = [
    pytest.param(name, source, expected, id=f"{name}-{index:03d}-{_ascii_id(expected)}")
    for name in schemes()
    for index, (source, expected) in enumerate(load_scheme(name).samples)
]


@pytest.mark.parametrize(("scheme", "source", "expected"), SAMPLES)
def test_scheme_sample(scheme: str, source: str, expected: str) -> None:
    assert transliterate(source, scheme) == expected


def test_packaged_schemes() -> None:
    assert schemes() == EXPECTED_SCHEMES


@pytest.mark.parametrize("name", EXPECTED_SCHEMES)
def test_scheme_has_enough_samples(name: str) -> None:
    samples = load_scheme(name).samples
    assert len(samples) >= 20
    sources = [source for source, _ in samples]
    assert len(set(sources)) == len(sources), "duplicate sample"
    assert any(s.isupper() for s in sources), "no ALL CAPS sample"
    assert any(" " in s or "-" in s for s in sources), "no multi-word or hyphenated sample"


@pytest.mark.parametrize("name", EXPECTED_SCHEMES)
def test_scheme_covers_its_alphabet(name: str) -> None:
    scheme = load_scheme(name)
    letters = {"uk": UKRAINIAN_LETTERS, "ru": RUSSIAN_LETTERS}
    wanted = "".join(letters[lang] for lang in scheme.language.split("+"))
    assert set(wanted) <= set(scheme.mapping)


@pytest.mark.parametrize("name", EXPECTED_SCHEMES)
def test_scheme_file_is_tidy(name: str) -> None:
    """The files are UTF-8, 2-space indented, and named after their scheme."""
    path = ROOT / "src" / "toponorm" / "data" / "schemes" / f"{name}.json"
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["name"] == name
    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert Scheme.from_file(path) == load_scheme(name)


@pytest.mark.parametrize("name", EXPECTED_SCHEMES)
def test_every_scheme_is_documented(name: str) -> None:
    assert f"`{name}`" in DOCS.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("ЖИТОМИР", "ZHYTOMYR"),
        ("Житомир", "Zhytomyr"),
        ("житомир", "zhytomyr"),
        ("ЩОРС", "SHCHORS"),
        ("Щорс", "Shchors"),
        ("Щ", "Shch"),
        ("ЗАПОРІЖЖЯ", "ZAPORIZHZHIA"),
        ("ЗНАМ’ЯНКА", "ZNAMIANKA"),
        ("ЄС", "YES"),
        ("Я ЛЮБЛЮ", "Ya LIUBLIU"),
        ("ДніпроГЕС", "DniproHES"),
        ("вул. ХРЕЩАТИК, Київ", "vul. KHRESHCHATYK, Kyiv"),
        ("ЗГОРАНИ", "ZGHORANY"),
        ("Згорани", "Zghorany"),
    ],
)
def test_case(source: str, expected: str) -> None:
    assert transliterate(source) == expected


def test_case_in_positional_rules() -> None:
    assert transliterate("НИКОЛАЕВ", "bgn-pcgn-ru") == "NIKOLAYEV"
    assert transliterate("Енакиево", "english-ru") == "Yenakiyevo"
    assert transliterate("ЗЕЛЕНСКИЙ", "english-ru") == "ZELENSKY"
    assert transliterate("Зеленский", "english-ru") == "Zelensky"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Нова Ялта", "Nova Yalta"),
        ("Південно-Яблунівка", "Pivdenno-Yablunivka"),
        ("Стара Ягідна", "Stara Yahidna"),
        ("с.Юрківка", "s.Yurkivka"),
        ("(Єнакієве)", "(Yenakiieve)"),
        ("2-Йосипівка", "2-Yosypivka"),
        ("Гуляй-Поле", "Huliai-Pole"),
        ("Кам’янець-Подільський", "Kamianets-Podilskyi"),
    ],
)
def test_word_initial_after_space_hyphen_and_punctuation(source: str, expected: str) -> None:
    assert transliterate(source) == expected


def test_word_initial_russian() -> None:
    assert transliterate("Нижние Ельники", "english-ru") == "Nizhniye Yelniki"
    assert transliterate("Ново-Екатериновка", "bgn-pcgn-ru") == "Novo-Yekaterinovka"


@pytest.mark.parametrize(
    "source",
    ["Знам’янка", "Знам'янка", "Знамʼянка"],
)
def test_all_apostrophes_are_letters_inside_a_word(source: str) -> None:
    assert transliterate(source) == "Znamianka"
    assert transliterate(source, "iso9") == "Znamʼânka"
    assert transliterate(source, "bgn-pcgn-uk") == 'Znam"yanka'


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("'Київ'", "'Kyiv'"),
        ("‘Київ’", "‘Kyiv’"),
        ("Київ’s mayor", "Kyiv’s mayor"),
        ("'Яготин'", "'Yahotyn'"),
    ],
)
def test_quotation_marks_are_not_apostrophes(source: str, expected: str) -> None:
    assert transliterate(source) == expected


def test_decomposed_letters() -> None:
    decomposed = unicodedata.normalize("NFD", "Київ, Андрій, Йосипівка")
    assert decomposed != "Київ, Андрій, Йосипівка"
    assert transliterate(decomposed) == "Kyiv, Andrii, Yosypivka"
    assert transliterate(unicodedata.normalize("NFD", "Юрий"), "english-ru") == "Yury"
    assert transliterate(unicodedata.normalize("NFD", "Артёмовск"), "english-ru") == "Artyomovsk"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Kyiv, Kharkiv and Odesa",
        "Kiev 2022 — «Kyiv»!",
        "don't 'quote' me ʼ",
        "Warszawa, Łódź, Kraków",
        "北京 and Αθήνα and תל אביב",
        "12345 -- ...",
    ],
)
def test_text_without_cyrillic_passes_through(text: str) -> None:
    for name in EXPECTED_SCHEMES:
        assert transliterate(text, name) == text


def test_mixed_text_keeps_non_cyrillic() -> None:
    assert transliterate("Місто Kyiv (Київ), 2024 р.") == "Misto Kyiv (Kyiv), 2024 r."
    assert transliterate("Kиїв") == "Kyiv"  # Latin K followed by Cyrillic letters


def test_letters_outside_the_scheme_pass_through() -> None:
    assert transliterate("Подъезд ы", "national") == "Podъezd ы"
    assert transliterate("Київ", "english-ru") == "Kiїv"


@given(st.text())
def test_identity_without_cyrillic(text: str) -> None:
    if CYRILLIC.search(text):
        return
    assert transliterate(text) == text
    assert transliterate(text, "iso9") == text


@given(st.text(alphabet=st.sampled_from(list("Kyiv ’'ʼ-.«»\"éx1"))))
def test_identity_without_cyrillic_apostrophe_heavy(text: str) -> None:
    for name in EXPECTED_SCHEMES:
        assert transliterate(text, name) == text


@given(st.text(alphabet=st.sampled_from(list(UKRAINIAN_LETTERS + UKRAINIAN_LETTERS.upper() + " -’"))))
def test_national_output_has_no_cyrillic(text: str) -> None:
    assert not CYRILLIC.search(transliterate(text))


@pytest.mark.parametrize("bad", [b"\xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2", None, 42, ["Київ"]])
def test_type_error_names_the_type(bad: object) -> None:
    with pytest.raises(TypeError, match=type(bad).__name__):
        transliterate(bad)  # type: ignore[arg-type]


def test_unknown_scheme_lists_the_known_names() -> None:
    with pytest.raises(ValueError, match="no-such-scheme") as info:
        transliterate("Київ", "no-such-scheme")
    for name in EXPECTED_SCHEMES:
        assert name in str(info.value)
    with pytest.raises(ValueError, match="national"):
        load_scheme("nationa")


def test_load_scheme_is_cached() -> None:
    assert load_scheme("national") is load_scheme("national")


def test_scheme_object_can_be_passed() -> None:
    scheme = load_scheme("iso9")
    assert transliterate("Харків", scheme) == "Harkìv"
    copy = Scheme.model_validate(scheme.model_dump())
    assert copy == scheme
    assert transliterate("Харків", copy) == "Harkìv"
    assert copy == scheme  # compiling does not change what the model compares


def test_bad_scheme_argument() -> None:
    with pytest.raises(TypeError, match="int"):
        transliterate("Київ", 3)  # type: ignore[arg-type]


def test_scheme_is_frozen() -> None:
    scheme = load_scheme("national")
    with pytest.raises(ValueError, match="frozen"):
        scheme.name = "other"  # type: ignore[misc]


def _write_scheme(tmp_path: Path, stem: str, **changes: object) -> Path:
    data = json.loads(load_scheme("national").model_dump_json())
    data.update(changes)
    path = tmp_path / f"{stem}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_custom_scheme_file(tmp_path: Path) -> None:
    path = _write_scheme(
        tmp_path,
        "custom",
        name="custom",
        mapping={"к": "q", "и": "ee", "в": "w"},
        initial_mapping={},
        sequence_mapping={},
    )
    scheme = Scheme.from_file(path)
    assert transliterate("Київ Квас", scheme) == "Qeeїw Qwас"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"language": "de"}, "language"),
        ({"mapping": {"К": "K"}}, "mapping"),
        ({"initial_mapping": {"я": "ya", "ы": "y"}}, "initial_mapping"),
        ({"sequence_mapping": {"з": "z"}}, "sequence_mapping"),
        ({"ending_mapping": {"ИЙ": "y"}}, "ending_mapping"),
        ({"samples": [["Київ"]]}, "samples"),
        ({"unexpected": 1}, "unexpected"),
        ({"name": "other"}, "name"),
    ],
)
def test_invalid_scheme_names_file_and_field(tmp_path: Path, changes: dict[str, object], field: str) -> None:
    path = _write_scheme(tmp_path, "national", **changes)
    with pytest.raises(ValueError, match=field) as info:
        Scheme.from_file(path)
    assert str(path) in str(info.value)


def test_invalid_json_names_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.json"):
        Scheme.from_file(path)


def test_fast_enough_for_a_gazetteer() -> None:
    names = ["Кам’янець-Подільський", "Хмельницький", "Запоріжжя", "Біла Церква", "Знам’янка"]
    batch = names * 6000
    start = time.perf_counter()
    for name in batch:
        transliterate(name)
        transliterate(name, "english-ru")
    assert time.perf_counter() - start < 10
