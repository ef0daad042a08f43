"""The public API of DESIGN.md: shapes, errors and guarantees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

import toponorm as tn


def test_normalize_and_explain_agree() -> None:
    text = "Explosions rocked Kiev."
    result = tn.explain(text)
    assert tn.normalize(text) == result.text == "Explosions rocked Kyiv."
    (edit,) = result.edits
    dumped = edit.model_dump()
    assert set(dumped) == {
        "start",
        "end",
        "out_start",
        "out_end",
        "original",
        "replacement",
        "category",
        "source",
        "reason",
        "confidence",
    }
    assert (edit.start, edit.end, edit.original) == (18, 22, "Kiev")
    assert edit.replacement == "Kyiv"
    assert edit.category == "transliteration"
    assert edit.source == "place:kyiv"
    assert 0 < edit.confidence <= 1
    assert "Kiev -> Kyiv" in edit.reason


def test_result_serializes_and_renders() -> None:
    result = tn.explain("Shelling hit Kharkov and Zaporozhye.\nAll quiet in Lviv.")
    again = tn.Result.model_validate_json(result.model_dump_json())
    assert again == result
    assert result.diff() == "Shelling hit [-Kharkov-]{+Kharkiv+} and [-Zaporozhye-]{+Zaporizhzhia+}."
    html = result._repr_html_()
    assert "<ins" in html
    assert "Zaporizhzhia" in html
    assert "&lt;" not in result.text
    assert result.unified_diff().startswith("--- input")


@pytest.mark.parametrize("bad", [b"Kiev", None, 42, ["Kiev"]])
def test_non_str_input_raises_type_error_naming_the_type(bad: object) -> None:
    with pytest.raises(TypeError, match=type(bad).__name__):
        tn.normalize(bad)  # type: ignore[arg-type]


def test_empty_text() -> None:
    assert tn.normalize("") == ""
    assert tn.explain("").edits == ()


def test_config_switches_categories_and_rejects_unknown_ones() -> None:
    text = "Zelenskiy visited Kiev."
    off = tn.Config(categories={"transliteration": False})
    assert tn.normalize(text, config=off) == "Zelenskyy visited Kiev."
    with pytest.raises(ValidationError, match="unknown categories"):
        tn.Config(categories={"spelling": True})  # type: ignore[dict-item]


def test_overrides_rewrite_the_canonical_form_too() -> None:
    cfg = tn.Config(overrides={"Zelenskyy": "Zelensky"})
    assert (
        tn.normalize("Zelenskiy spoke. Zelenskyy's aides listened.", config=cfg)
        == "Zelensky spoke. Zelensky's aides listened."
    )


def test_renamed_is_off_by_default() -> None:
    text = "She was born in Dnepropetrovsk."
    assert tn.normalize(text) == "She was born in Dnipropetrovsk."
    on = tn.Config(categories={"renamed": True})
    result = tn.explain(text, config=on)
    assert result.text == "She was born in Dnipro."
    assert result.edits[0].category == "renamed"


def test_suggestions_are_reported_not_applied() -> None:
    result = tn.explain("We drove through Odessa last summer.")
    assert result.text == "We drove through Odessa last summer."
    assert [s.replacement for s in result.suggestions] == ["Odesa"]
    assert result.suggestions[0].confidence < 0.5


def test_normalize_many_keeps_order_serially_and_in_processes() -> None:
    texts = [f"Report {i}: Kiev and Kharkov." if i % 2 else f"Line {i}." for i in range(300)]
    expected = [tn.normalize(t) for t in texts]
    assert list(tn.normalize_many(texts)) == expected
    assert list(tn.normalize_many(texts, workers=2, chunksize=16)) == expected


def test_normalize_many_names_the_bad_item() -> None:
    with pytest.raises(TypeError, match=r"texts\[1\] must be str, not int"):
        list(tn.normalize_many(["Kiev", 7]))  # type: ignore[list-item]
    with pytest.raises(TypeError, match="not a single str"):
        list(tn.normalize_many("Kiev"))


def test_canonical_lookup_variants() -> None:
    assert tn.canonical("Kharkov") == "Kharkiv"
    assert tn.canonical("KHARKOV") == "Kharkiv"
    assert tn.canonical("Atlantis") is None
    exact = tn.lookup("Zaporozhye")
    assert exact
    assert exact[0].entity.id == "place:zaporizhzhia"
    assert exact[0].score == 100
    fuzzy = tn.lookup("Zaporozhia", fuzzy=True)
    assert fuzzy
    assert fuzzy[0].entity.name == "Zaporizhzhia"
    assert fuzzy[0].score >= 80
    assert tn.lookup("Zaporozhia") == [] or tn.lookup("Zaporozhia")[0].score == 100
    spellings = tn.variants("Kyiv")
    assert {"Kyiv", "Kiev"} <= spellings
    assert tn.variants("Atlantis") == frozenset()


def test_transliterate_and_schemes() -> None:
    assert tn.transliterate("Запоріжжя") == "Zaporizhzhia"
    assert tn.transliterate("Харьков", scheme="bgn-pcgn-ru") == "Khar'kov"
    assert {"national", "bgn-pcgn-uk", "bgn-pcgn-ru", "iso9", "ala-lc-uk", "ala-lc-ru", "english-ru"} <= set(
        tn.schemes()
    )


def test_user_gazetteer_extends_the_default(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsonl"
    records = [
        {
            "id": "place:testville",
            "kind": "village",
            "name": "Testivka",
            "population": 20000,
            "description": "a village in our test oblast",
            "variants": ["Testovka"],
        },
    ]
    path.write_text("// my places\n" + "\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    mine = tn.Gazetteer.from_file(path)
    assert len(mine) == 1
    merged = tn.Gazetteer.default().extend(mine)
    assert len(merged) == len(tn.Gazetteer.default()) + 1
    normalizer = tn.Normalizer(gazetteer=merged)
    assert normalizer.normalize("Drones hit Testovka and Kiev.") == "Drones hit Testivka and Kyiv."
    assert tn.normalize("Drones hit Testovka.") == "Drones hit Testovka."


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "place:x", "kind": "city"}', r"line 2 .*field 'name'"),
        ('{"id": "Bad Id", "kind": "city", "name": "X"}', r"line 2 .*field 'id'"),
        ('{"id": "place:x", "kind": "planet", "name": "X"}', r"line 2 .*field 'kind'"),
        (
            '{"id": "place:x", "kind": "city", "name": "X", "variants": [{"flags": ["weird"], "text": "Y"}]}',
            r"line 2 .*field 'variants\[0\]\.flags\[0\]'",
        ),
        ('{"id": "place:x", "kind": "city", "name": "X", "population": -5}', r"line 2 .*field 'population'"),
        ("{not json", r"line 2: not valid JSON"),
        ("[1, 2]", r"line 2: expected a JSON object"),
    ],
)
def test_invalid_gazetteer_file_names_file_line_and_field(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text('{"id": "place:ok", "kind": "city", "name": "Ok"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(tn.GazetteerError, match=message) as info:
        tn.Gazetteer.from_file(path)
    assert str(path) in str(info.value)


def test_diff_shows_every_line_an_edit_touches() -> None:
    result = tn.explain("Calm here.\nShelling near Krivoy\nRog today.\nQuiet.")
    assert result.diff() == "Shelling near [-Krivoy\nRog-]{+Kryvyi\nRih+} today."
    unified = tn.explain("Drones over Kiev").unified_diff()
    assert "-Drones over Kiev\n" in unified
    assert "+Drones over Kyiv\n" in unified


def test_default_normalizer_is_safe_to_share_between_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = [
        f"Russian drones hit Odessa and Kharkov; Zelensky spoke in Kiev ({i}). "
        "Geranium-2 drones were launched."
        for i in range(400)
    ]
    expected = [tn.explain(t).model_dump() for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda t: tn.explain(t).model_dump(), texts))
    assert got == expected


def test_a_configured_normalizer_is_safe_to_share_between_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    normalizer = tn.Normalizer(config=tn.Config(categories={"renamed": True}, protect_quoted=True))
    renamed_off = tn.Config()
    shapes = [
        "Shelling hit Dnepropetrovsk and Ki\u00adev ({i}); “Odessa” stayed quoted.",
        "We left the Odessa port ({i}), and later came back to Odessa.",
        "Dinamo Kiyv beat Shakhter Donets'k {i}-0. Air anxiety was declared in the region.",
        "In 1943 the Battle of Kharkov ({i}) began; today Kharkov is shelled by Russian troops.",
    ]
    jobs = [
        (shape.format(i=i), config) for i in range(100) for shape in shapes for config in (None, renamed_off)
    ]
    expected = [normalizer.explain(text, config).model_dump() for text, config in jobs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda job: normalizer.explain(*job).model_dump(), jobs))
    assert got == expected
    assert len({str(e) for e in expected}) > 1
