"""Every kind of malformed user file (gazetteer, rules, configuration) raises an
error that names the file, the line (or record) and the field, in the message
and in the attributes ``path``, ``line``, ``record`` and ``field``.

DESIGN.md: "A user gazetteer or rule file that is invalid raises an error that
names the file, the line or record, and the field." (issue 5)
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import toponorm as tn
from toponorm import rules

ROOT = Path(__file__).resolve().parents[1]

#: TOML configuration files are read with ``tomllib`` (Python 3.11+).
needs_toml = pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib is Python 3.11+")


def _check(
    error: pytest.ExceptionInfo[tn.InvalidFileError],
    path: Path,
    *,
    line: int | None,
    field: str | None,
    says: str = "",
    record: int | None = None,
) -> None:
    """The message and the attributes name the file, the line and the field."""
    message = str(error.value)
    assert message.startswith(str(path)), message
    assert error.value.path == str(path)
    assert error.value.line == line, message
    assert error.value.field == field, message
    assert error.value.record == record, message
    if line is not None:
        assert f", line {line}" in message, message
    if field is not None:
        assert f"field {field!r}" in message, message
    assert says in message, message


# -- gazetteer (JSON Lines) -------------------------------------------------------

GOOD_ENTITY = '{"id": "place:okivka", "kind": "village", "name": "Okivka", "population": 12000}'


def _entity(**fields: object) -> str:
    record: dict[str, object] = {"id": "place:testivka", "kind": "town", "name": "Testivka"}
    record.update(fields)
    return json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False)


# (case id, the second line of the file, field named, words the message has)
GAZETTEER_CASES: list[tuple[str, str, str | None, str]] = [
    ("invalid-json", '{"id": "place:x", "kind": "town" "name": "X"}', None, "not valid JSON"),
    ("json-column", '   {"id": "place:x",, "kind": "town"}', None, "at column 21"),
    ("not-an-object", '["place:x", "town", "X"]', None, "expected a JSON object {...}, got a list"),
    ("a-bare-string", '"Testivka"', None, "got the string 'Testivka'"),
    ("missing-field", _entity(name=None), "name", "required field is missing"),
    ("missing-id", _entity(id=None), "id", "required field is missing"),
    ("wrong-type-number", _entity(population="many"), "population", "must be a whole number"),
    ("wrong-type-string", _entity(uk=5), "uk", "must be a string, not the number 5"),
    ("wrong-type-list", _entity(variants="Testovka"), "variants", "must be a list"),
    ("wrong-type-variant", _entity(variants=["Testovka", 7]), "variants[1]", "must be an object"),
    ("out-of-range", _entity(population=-5), "population", "greater than or equal to 0"),
    ("unknown-kind", _entity(kind="vilage"), "kind", "did you mean 'village'?"),
    (
        "unknown-flag",
        _entity(variants=[{"text": "Y", "flags": ["weird"]}]),
        "variants[0].flags[0]",
        "'weird'",
    ),
    ("unknown-field", _entity(nmae="X"), "nmae", "unknown field"),
    ("typo-in-variant", _entity(variants=["A", {"txt": "B"}]), "variants[1].txt", "did you mean 'text'?"),
    ("bad-id", _entity(id="Testivka"), "id", "does not have the required form"),
    ("empty-name", _entity(name=""), "name", "must be a non-empty string"),
    ("blank-name", _entity(name="   "), "name", "must be a non-empty string"),
    ("padded-name", _entity(name=" Testivka"), "name", "starts or ends with white space"),
    ("empty-optional", _entity(uk=""), "uk", "leave the field out instead"),
    ("empty-variant", _entity(variants=["Testovka", {"text": ""}]), "variants[1].text", "non-empty string"),
    ("blank-variant", _entity(variants=["Testovka", " "]), "variants[1].text", "non-empty string"),
    ("variant-no-letters", _entity(variants=["--"]), "variants[0].text", "no letters or digits"),
    ("empty-former-name", _entity(former_names=[{"name": ""}]), "former_names[0].name", "non-empty string"),
    (
        "variant-points-nowhere",
        _entity(variants=[{"text": "Testovka", "target": "Tesivka"}]),
        "variants[0].target",
        "is not the entity's name 'Testivka'",
    ),
    (
        "former-variant-points-nowhere",
        _entity(variants=[{"text": "Artemovsk", "target": "Artemivsk", "former": True}]),
        "variants[0].target",
        "former_names",
    ),
    (
        "surname-variant-points-nowhere",
        _entity(
            id="person:test-person",
            kind="person",
            name="Oksana Test",
            variants=[{"text": "Tes", "target": "Test", "surname_only": True}],
        ),
        "variants[0].target",
        "surname",
    ),
    ("parent-not-an-id", _entity(parent="Lviv Oblast"), "parent", "must be the id of a place"),
    ("duplicate-id", GOOD_ENTITY, "id", "duplicate id; line 1 has it already"),
]


@pytest.mark.parametrize(
    ("second", "field", "says"), [c[1:] for c in GAZETTEER_CASES], ids=[c[0] for c in GAZETTEER_CASES]
)
def test_gazetteer_line_errors_name_file_line_and_field(
    tmp_path: Path, second: str, field: str | None, says: str
) -> None:
    path = tmp_path / "my_names.jsonl"
    path.write_text(f"{GOOD_ENTITY}\n{second}\n", encoding="utf-8")
    with pytest.raises(tn.GazetteerError) as error:
        tn.Gazetteer.from_file(path)
    _check(error, path, line=2, field=field, says=says)


def test_gazetteer_error_names_the_record_id(tmp_path: Path) -> None:
    path = tmp_path / "my_names.jsonl"
    path.write_text(_entity(population="many") + "\n", encoding="utf-8")
    with pytest.raises(tn.GazetteerError, match=r"line 1 \(id 'place:testivka'\), field 'population'"):
        tn.Gazetteer.from_file(path)


def test_gazetteer_lines_count_comments_blank_lines_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "my_names.jsonl"
    body = f"// comment\r\n\r\n{GOOD_ENTITY}\r\n{_entity(name='')}\r\n"
    path.write_bytes(body.encode("utf-8"))
    with pytest.raises(tn.GazetteerError) as error:
        tn.Gazetteer.from_file(path)
    _check(error, path, line=4, field="name")


def test_gazetteer_not_utf8_names_line_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "my_names.jsonl"
    path.write_bytes(GOOD_ENTITY.encode() + b"\n" + _entity(name="Kh\u00e2rkiv").encode("latin-1") + b"\n")
    with pytest.raises(tn.GazetteerError) as error:
        tn.Gazetteer.from_file(path)
    offset = len(GOOD_ENTITY) + 1 + _entity(name="Kh").index("Kh") + 2
    _check(
        error,
        path,
        line=2,
        field=None,
        says=f"not UTF-8 text (invalid continuation byte: byte 0xe2 at byte offset {offset}",
    )


@pytest.mark.parametrize(
    ("body", "says"),
    [("", "no entities (the file is empty)"), ("// only a comment\n\n", "only blank lines and comments")],
    ids=["empty", "only-comments"],
)
def test_gazetteer_without_entities_is_an_error(tmp_path: Path, body: str, says: str) -> None:
    path = tmp_path / "my_names.jsonl"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(tn.GazetteerError) as error:
        tn.Gazetteer.from_file(path)
    _check(error, path, line=None, field=None, says=says)


def test_gazetteer_missing_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "no_such_names.jsonl"
    with pytest.raises(FileNotFoundError, match=r"no_such_names\.jsonl"):
        tn.Gazetteer.from_file(path)


def test_gazetteer_records_are_checked_like_lines() -> None:
    records = [json.loads(GOOD_ENTITY), json.loads(_entity(variants=[{"text": ""}]))]
    with pytest.raises(tn.GazetteerError) as error:
        tn.Gazetteer.from_records(records, source="my records")
    message = str(error.value)
    assert message.startswith("my records, record 2 (id 'place:testivka'), field 'variants[0].text'")
    assert (error.value.record, error.value.line, error.value.field) == (2, None, "variants[0].text")
    with pytest.raises(tn.GazetteerError, match=r"record 2 .*field 'id': duplicate id; record 1"):
        tn.Gazetteer.from_records([json.loads(GOOD_ENTITY)] * 2)


def test_valid_gazetteer_files_still_load(tmp_path: Path) -> None:
    path = tmp_path / "my_names.jsonl"
    former = _entity(
        id="place:bakhtest",
        name="Bakhtest",
        former_names=[{"name": "Artemtest", "until": 2016}],
        variants=["Bakhtesk", {"text": "Artemotest", "target": "Artemtest", "former": True}],
    )
    person = _entity(
        id="person:oksana-test",
        kind="person",
        name="Oksana Testenko",
        surname="Testenko",
        variants=[{"text": "Testenco", "target": "Testenko", "surname_only": True}],
    )
    # A byte-order mark (Windows editors write one) is allowed.
    path.write_text("\ufeff" + "\n".join([GOOD_ENTITY, former, person]) + "\n", encoding="utf-8")
    mine = tn.Gazetteer.from_file(path)
    assert len(mine) == 3
    assert tn.Gazetteer.from_file(ROOT / "docs" / "examples" / "newsroom.jsonl")


# -- rule files (JSON) ---------------------------------------------------------

GOOD_RULE: dict[str, object] = {
    "id": "fire-boat",
    "description": "fire boat written as two words",
    "reason": "the vessel is a fireboat",
    "triggers": ["fire boat"],
    "pattern": r"\bfire\s+boat\b",
    "replacement": "fireboat",
    "examples": {"change": [["A fire boat came.", "A fireboat came."]], "keep": ["A boat came."]},
}


def _rule_file(path: Path, second: object, frame: str = '"domain": "test"') -> Path:
    """A rule file with one good rule on line 2 and ``second`` on line 3."""
    first = json.dumps({**GOOD_RULE, "id": "first"})
    path.write_text(f'{{{frame}, "rules": [\n{first},\n{json.dumps(second)}\n]}}\n', encoding="utf-8")
    return path


def _rule(**fields: object) -> dict[str, object]:
    rule = {**GOOD_RULE, **fields}
    return {k: v for k, v in rule.items() if v is not None}


# (case id, the rule on line 3, field named, words the message has)
RULE_CASES: list[tuple[str, object, str | None, str]] = [
    ("not-an-object", "fire boat", None, "rule #2: must be an object, not the string 'fire boat'"),
    ("missing-field", _rule(reason=None), "reason", "required field is missing"),
    ("missing-id", _rule(id=None), "id", "rule #2: field 'id': required field is missing"),
    ("unknown-field", _rule(colour="red"), "colour", "unknown field"),
    ("typo", _rule(reasn="x", reason=None), "reasn", "did you mean 'reason'?"),
    ("wrong-type", _rule(confidence="high"), "confidence", "must be a number, not the string 'high'"),
    ("wrong-type-list", _rule(triggers="fire boat"), "triggers", "must be a list"),
    ("out-of-range", _rule(confidence=2), "confidence", "less than or equal to 1"),
    ("bad-id", _rule(id="Fire Boat"), "id", "does not have the required form"),
    ("empty-string", _rule(description=""), "description", "must be a non-empty string"),
    ("empty-trigger", _rule(triggers=["fire boat", ""]), "triggers[1]", "must be a non-empty string"),
    ("trigger-no-letters", _rule(triggers=["fire boat", "--"]), "triggers[1]", "no letters or digits"),
    ("no-triggers", _rule(triggers=[]), "triggers", "must not be empty"),
    ("bad-pattern", _rule(pattern=r"\bfire\s+(boat"), "pattern", "invalid regex"),
    ("bad-require", _rule(require=["ships?", "(war"]), "require[1]", "invalid regex '(war': missing )"),
    ("bad-forbid", _rule(forbid=["[a-"]), "forbid[0]", "invalid regex"),
    ("missing-group", _rule(replacement=r"\g<kind>boat"), "replacement", "group 'kind'"),
    ("missing-number-group", _rule(replacement=r"\g<2>boat"), "replacement", "uses group 2"),
    ("wrong-category", _rule(category="person"), "category", "mt_artifact"),
    ("bad-article", _rule(article="the"), "article", "must be one of 'a' or 'an'"),
    ("since-out-of-range", _rule(since=2030), "since", "less than or equal to 1991"),
    ("since-wrong-type", _rule(since="1960s"), "since", "must be"),
    ("no-examples", _rule(examples={"change": [], "keep": ["x"]}), "examples.change", "must not be empty"),
    (
        "example-shape",
        _rule(examples={"change": [["only input"]], "keep": ["x"]}),
        "examples.change[0][1]",
        "is missing (the list is too short)",
    ),
    ("duplicate-id", _rule(id="first"), "id", "duplicate id; rule #1 (line 2) has it already"),
    (
        "change-example-fails",
        _rule(
            examples={
                "change": [
                    ["A fire boat came.", "A fireboat came."],
                    ["The fire boat left.", "The fire-boat left."],
                ],
                "keep": ["A boat came."],
            }
        ),
        "examples.change[1]",
        "the rule turns 'The fire boat left.' into 'The fireboat left.', not 'The fire-boat left.'",
    ),
    (
        "change-example-unchanged",
        _rule(examples={"change": [["A boat came.", "A fireboat came."]], "keep": ["x"]}),
        "examples.change[0]",
        "the rule does not change 'A boat came.'",
    ),
    (
        "keep-example-changes",
        _rule(
            examples={"change": [["A fire boat came.", "A fireboat came."]], "keep": ["x", "Our fire boat."]}
        ),
        "examples.keep[1]",
        "the rule changes 'Our fire boat.' to 'Our fireboat.'",
    ),
]


@pytest.mark.parametrize(
    ("rule", "field", "says"), [c[1:] for c in RULE_CASES], ids=[c[0] for c in RULE_CASES]
)
def test_rule_errors_name_file_line_rule_and_field(
    tmp_path: Path, rule: object, field: str | None, says: str
) -> None:
    path = _rule_file(tmp_path / "my_rules.json", rule)
    with pytest.raises(rules.RuleError) as error:
        rules.load(path)
    _check(error, path, line=3, field=field, says=says, record=2)
    ident = rule.get("id") if isinstance(rule, dict) else None
    if isinstance(ident, str):
        assert f", rule {ident!r}: " in str(error.value)


@pytest.mark.parametrize(
    ("body", "line", "field", "says"),
    [
        ('{"domain": "test",\n "rules": [}\n', 2, None, "not valid JSON (Expecting value at column 12)"),
        ('[\n{"id": "x"}\n]\n', 1, None, 'expected a JSON object {"rules": [...]}, got a list'),
        ('{"domain": "test",\n "description": "no rules"}\n', 1, "rules", "required field is missing"),
        ('{"domain": "test",\n "rule": []}\n', 2, "rule", "did you mean 'rules'?"),
        ('{"domain": "test",\n "rules": []}\n', 2, "rules", "must not be empty"),
        ('{"domain": "test",\n "rules": {"id": "x"}}\n', 2, "rules", "must be a list"),
        ('{"domain": 7,\n "rules": [1]}\n', 1, "domain", "must be a string"),
    ],
    ids=[
        "invalid-json",
        "not-an-object",
        "no-rules-key",
        "typo-in-frame",
        "empty-rules",
        "rules-not-list",
        "domain",
    ],
)
def test_rule_file_frame_errors_name_file_line_and_field(
    tmp_path: Path, body: str, line: int, field: str | None, says: str
) -> None:
    path = tmp_path / "my_rules.json"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(rules.RuleError) as error:
        rules.load(path)
    _check(error, path, line=line, field=field, says=says)


def test_rule_file_not_utf8_names_line_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "my_rules.json"
    data = b'{"domain": "test",\n "description": "caf\xe9",\n "rules": []}\n'
    path.write_bytes(data)
    with pytest.raises(rules.RuleError) as error:
        rules.load(path)
    offset = data.index(b"\xe9")
    _check(
        error, path, line=2, field=None, says=f"invalid continuation byte: byte 0xe9 at byte offset {offset}"
    )


def test_empty_rule_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "my_rules.json"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(rules.RuleError) as error:
        rules.load(path)
    _check(error, path, line=None, field=None, says="the file is empty")


def test_missing_rule_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"no_rules\.json"):
        rules.load(tmp_path / "no_rules.json")


def test_duplicate_rule_id_across_files_names_both(tmp_path: Path) -> None:
    one = _rule_file(tmp_path / "one.json", _rule())
    two = _rule_file(tmp_path / "two.json", _rule(id="other"))
    with pytest.raises(rules.RuleError) as error:
        rules.load(one, two)
    _check(error, two, line=2, field="id", says=f"duplicate id; {one} has it already", record=1)
    with pytest.raises(rules.RuleError, match="duplicate rule id 'first'"):
        rules.load(one) + rules.load(two)


def test_rule_examples_can_be_left_unchecked(tmp_path: Path) -> None:
    path = _rule_file(tmp_path / "my_rules.json", _rule(examples={"change": [["x", "y"]], "keep": ["x"]}))
    with pytest.raises(rules.RuleError, match=r"examples\.change\[0\]"):
        rules.load(path)
    assert len(rules.load(path, check_examples=False)) == 2
    assert len(rules.RuleSet.from_file(path, check_examples=False)) == 2


def test_valid_rule_files_still_load(tmp_path: Path) -> None:
    path = _rule_file(tmp_path / "my_rules.json", _rule(id="second"))
    assert [rule.id for rule in rules.load(path)] == ["first", "second"]
    assert len(rules.load(ROOT / "docs" / "examples" / "newsroom-rules.json")) == 1


# -- configuration files (JSON or TOML) -------------------------------------------

RULE_IDS = [rule.id for rule in rules.default()]

# (case id, file name, text, line, field, words the message has)
CONFIG_CASES: list[tuple[str, str, str, int, str | None, str]] = [
    ("invalid-json", "cfg.json", '{\n  "protect_quoted": true,\n}\n', 3, None, "not valid JSON"),
    ("invalid-toml", "cfg.toml", "suggestions = true\nprotect_quoted = \n", 2, None, "not valid TOML"),
    ("not-an-object", "cfg.json", '["renamed"]\n', 1, None, "expected a JSON object {...}, got a list"),
    (
        "unknown-key",
        "cfg.json",
        '{\n  "protect_qouted": true\n}\n',
        2,
        "protect_qouted",
        "did you mean 'protect_quoted'?",
    ),
    (
        "unknown-key-toml",
        "cfg.toml",
        "suggestions = false\nprotect_qouted = true\n",
        2,
        "protect_qouted",
        "unknown field",
    ),
    (
        "unknown-category",
        "cfg.json",
        '{\n  "categories": {\n    "rename": true\n  }\n}\n',
        3,
        "categories.rename",
        "unknown category (did you mean 'renamed'?)",
    ),
    (
        "unknown-category-toml",
        "cfg.toml",
        "[categories]\nspelling = false\n",
        2,
        "categories.spelling",
        "known: ",
    ),
    (
        "wrong-type-bool",
        "cfg.json",
        '{\n  "protect_quoted": "perhaps"\n}\n',
        2,
        "protect_quoted",
        "must be true or false",
    ),
    (
        "wrong-type-int",
        "cfg.json",
        '{\n  "min_population": "lots"\n}\n',
        2,
        "min_population",
        "must be a whole number",
    ),
    (
        "wrong-type-float-toml",
        "cfg.toml",
        "\nmin_population = 1.5\n",
        2,
        "min_population",
        "not the number 1.5",
    ),
    ("wrong-type-date-toml", "cfg.toml", "protect_quoted = 1979-05-27\n", 1, "protect_quoted", "not a date"),
    (
        "wrong-type-category",
        "cfg.json",
        '{\n  "categories": {"renamed": "yes please"}\n}\n',
        2,
        "categories.renamed",
        "",
    ),
    (
        "wrong-type-categories",
        "cfg.json",
        '{\n  "categories": ["renamed"]\n}\n',
        2,
        "categories",
        "must be an object",
    ),
    (
        "wrong-type-rules",
        "cfg.json",
        '{\n  "disabled_rules": "geran-2"\n}\n',
        2,
        "disabled_rules",
        "must be a list",
    ),
    (
        "wrong-type-override",
        "cfg.toml",
        '[overrides]\n"Kyiv Oblast" = 5\n',
        2,
        'overrides["Kyiv Oblast"]',
        "string",
    ),
    ("out-of-range", "cfg.toml", "min_population = -1\n", 1, "min_population", "greater than or equal to 0"),
    (
        "empty-override",
        "cfg.json",
        '{\n  "overrides": {\n    "Zelenskyy": ""\n  }\n}\n',
        3,
        "overrides.Zelenskyy",
        "non-empty",
    ),
    ("empty-override-name", "cfg.json", '{\n  "overrides": {"": "X"}\n}\n', 2, 'overrides[""]', "non-empty"),
    (
        "unknown-rule-id",
        "cfg.json",
        '{\n  "disabled_rules": [\n    "geran-2",\n    "geran2"\n  ]\n}\n',
        4,
        "disabled_rules[1]",
        "unknown rule id 'geran2' (did you mean 'geran-2'?)",
    ),
    ("empty-rule-id", "cfg.toml", 'enabled_rules = [""]\n', 1, "enabled_rules[0]", "non-empty rule id"),
    (
        "rule-on-and-off",
        "cfg.json",
        '{"disabled_rules": ["geran-2"],\n "enabled_rules": ["geran-2"]}\n',
        2,
        "enabled_rules",
        "also in 'disabled_rules'",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "line", "field", "says"),
    [
        pytest.param(*c[1:], id=c[0], marks=[needs_toml] if c[1].endswith(".toml") else [])
        for c in CONFIG_CASES
    ],
)
def test_config_errors_name_file_line_and_field(
    tmp_path: Path, name: str, text: str, line: int, field: str | None, says: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(tn.ConfigError) as error:
        tn.Config.from_file(path, rule_ids=RULE_IDS)
    _check(error, path, line=line, field=field, says=says)


def test_config_not_utf8_names_line_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "cfg.json"
    data = b'{\n  "overrides": {"Kyiv": "K\xe9"}\n}\n'
    path.write_bytes(data)
    with pytest.raises(tn.ConfigError) as error:
        tn.Config.from_file(path)
    offset = data.index(b"\xe9")
    _check(
        error, path, line=2, field=None, says=f"invalid continuation byte: byte 0xe9 at byte offset {offset}"
    )


@pytest.mark.parametrize("name", ["cfg.json", pytest.param("cfg.toml", marks=needs_toml)])
def test_empty_config_file_is_an_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("  \n", encoding="utf-8")
    with pytest.raises(tn.ConfigError) as error:
        tn.Config.from_file(path)
    _check(error, path, line=None, field=None, says="the file is empty")


def test_missing_config_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"no_config\.toml"):
        tn.Config.from_file(tmp_path / "no_config.toml")


@needs_toml
def test_config_files_load_as_json_and_toml(tmp_path: Path) -> None:
    as_json = tmp_path / "house.json"
    as_json.write_text(
        json.dumps(
            {
                "categories": {"renamed": True},
                "protect_quoted": True,
                "overrides": {"Zelenskyy": "Zelensky", "Kyiv": None},
                "disabled_rules": ["geran-2"],
            }
        ),
        encoding="utf-8",
    )
    as_toml = tmp_path / "house.toml"
    as_toml.write_text(
        'protect_quoted = true\ndisabled_rules = ["geran-2"]\n\n[categories]\nrenamed = true\n\n'
        '[overrides]\nZelenskyy = "Zelensky"\n',
        encoding="utf-8",
    )
    from_json = tn.Config.from_file(as_json, rule_ids=RULE_IDS)
    from_toml = tn.Config.from_file(as_toml)
    assert from_json == tn.Config(
        categories={"renamed": True},
        protect_quoted=True,
        overrides={"Zelenskyy": "Zelensky", "Kyiv": None},
        disabled_rules=frozenset({"geran-2"}),
    )
    assert from_toml == from_json.model_copy(update={"overrides": {"Zelenskyy": "Zelensky"}})
    empty = tmp_path / "defaults.json"
    empty.write_text("{}", encoding="utf-8")
    assert tn.Config.from_file(empty) == tn.Config()
    # Without rule_ids, ids are not checked: the rules in use are not known.
    unknown = tmp_path / "later.json"
    unknown.write_text('{"enabled_rules": ["my-own-rule"]}', encoding="utf-8")
    assert tn.Config.from_file(unknown).enabled_rules == frozenset({"my-own-rule"})


# -- the errors themselves and the command line ----------------------------------------


def test_errors_are_value_errors_with_one_base_class() -> None:
    for error in (tn.GazetteerError, rules.RuleError, tn.ConfigError):
        assert issubclass(error, tn.InvalidFileError)
        assert issubclass(error, ValueError)
    assert {"ConfigError", "GazetteerError", "InvalidFileError"} <= set(tn.__all__)
    again = pickle.loads(pickle.dumps(tn.ConfigError("cfg.json, line 2: x", path="cfg.json", line=2)))
    assert (str(again), again.path, again.line) == ("cfg.json, line 2: x", "cfg.json", 2)


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "toponorm", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src"), "PYTHONIOENCODING": "utf-8", "PATH": ""},
        check=False,
    )


@needs_toml
def test_cli_config_file_and_options_that_override_it(tmp_path: Path) -> None:
    config = tmp_path / "house.toml"
    config.write_text(
        '[categories]\nrenamed = true\n\n[overrides]\nZelenskyy = "Zelensky"\n', encoding="utf-8"
    )
    text = "Zelenskiy was born near Dnepropetrovsk.\n"
    assert _cli("--config", str(config), stdin=text).stdout == "Zelensky was born near Dnipro.\n"
    off = _cli("--config", str(config), "--off", "renamed", stdin=text)
    assert off.stdout == "Zelensky was born near Dnipropetrovsk.\n"


Writer = Callable[[Path], None]


@pytest.mark.parametrize(
    ("option", "name", "write", "says"),
    [
        (
            "--config",
            "cfg.json",
            lambda p: p.write_text('{\n  "disabled_rules": ["geran2"]\n}', encoding="utf-8"),
            "cfg.json, line 2, field 'disabled_rules[0]': unknown rule id 'geran2'",
        ),
        (
            "--gazetteer",
            "names.jsonl",
            lambda p: p.write_text(GOOD_ENTITY + "\n" + _entity(kind="vilage") + "\n", encoding="utf-8"),
            "names.jsonl, line 2 (id 'place:testivka'), field 'kind'",
        ),
        ("--config", "missing.json", lambda p: None, "missing.json: No such file or directory"),
    ],
    ids=["config", "gazetteer", "missing"],
)
def test_cli_reports_bad_user_files_in_one_line(
    tmp_path: Path, option: str, name: str, write: Writer, says: str
) -> None:
    path = tmp_path / name
    write(path)
    done = _cli(option, str(path), stdin="Kiev\n")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("toponorm: ")
    assert says in done.stderr
    assert done.stderr.count("\n") == 1
