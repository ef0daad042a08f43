"""The command line: text, --explain, --json, --jsonl, and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toponorm.cli import main


def test_plain_and_explain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Drones over Kiev.\r\nKharkov held.\r\n")
    assert main([str(path)]) == 0
    assert capsys.readouterr().out == "Drones over Kyiv.\r\nKharkiv held.\r\n"
    main(["--explain", str(path)])
    out = capsys.readouterr().out
    assert "--- 2 edit(s) ---" in out
    assert "Kiev -> Kyiv" in out


def test_json_and_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Born in Dnepropetrovsk, she lives in Kiev.", encoding="utf-8")
    main(["--json", "--renamed", "--off", "transliteration", str(path)])
    result = json.loads(capsys.readouterr().out)
    assert result["text"] == "Born in Dnipro, she lives in Kiev."


def test_jsonl_keeps_every_record_and_unchanged_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        '{"id": 1,   "text": "Nothing here."}',
        '{"id": 2, "text": "Kiev at night"}',
        "",
        '{"id":3,"text":"Odesa"}',
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    main(["--jsonl", "text", str(path)])
    out = capsys.readouterr().out.split("\n")
    assert out[0] == lines[0]
    assert out[2] == ""
    assert out[3] == lines[3]
    assert json.loads(out[1]) == {"id": 2, "text": "Kyiv at night"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "ok"}\n{broken\n', "line 2: not valid JSON"),
        ('{"body": "x"}\n', "line 1: no field 'text'"),
        ('{"text": 5}\n', "line 1: field 'text' is int, not str"),
    ],
)
def test_jsonl_errors_name_the_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SystemExit, match=message):
        main(["--jsonl", "text", str(path)])


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match=r"nope\.txt"):
        main([str(tmp_path / "nope.txt")])
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Kiev caf\xe9".encode("latin-1"))
    with pytest.raises(SystemExit, match="not UTF-8"):
        main([str(bad)])


def test_bad_user_gazetteer_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "g.jsonl"
    bad.write_text('{"id": "place:x", "kind": "city"}\n', encoding="utf-8")
    with pytest.raises(SystemExit, match=r"g\.jsonl, line 1 .*field 'name'"):
        main(["--gazetteer", str(bad), str(bad)])
    with pytest.raises(SystemExit, match=r"missing\.jsonl"):
        main(["--gazetteer", str(tmp_path / "missing.jsonl"), str(bad)])


def test_jsonl_changes_only_the_field_token(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [
        '{"id": 1,"text":"Kiev and \\u00e9","n":1.0e5}\n',
        '{ "text" : "Dynamo Kiev", "meta":{"text":"Kiev"} }\r\n',
        '{"text":"nothing to do"}\n',
        "\n",
        '{"text":"Kiev","text":"Kharkov"}\n',
    ]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes("".join(lines).encode("utf-8"))
    assert main(["--jsonl", "text", str(corpus)]) == 0
    assert capsys.readouterr().out == "".join(
        [
            '{"id": 1,"text":"Kyiv and \\u00e9","n":1.0e5}\n',
            '{ "text" : "Dynamo Kyiv", "meta":{"text":"Kiev"} }\r\n',
            '{"text":"nothing to do"}\n',
            "\n",
            '{"text":"Kiev","text":"Kharkiv"}\n',
        ]
    )


def test_rules_option_adds_user_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rule = {
        "id": "air-defence-complex",
        "description": "air defence complex -> air defence system",
        "reason": "kompleks is a system in English military usage",
        "triggers": ["air defence complex"],
        "pattern": r"\bair\s+defen[cs]e\s+complex\b",
        "replacement": "air defence system",
        "examples": {
            "change": [["The air defence complex fired twice.", "The air defence system fired twice."]],
            "keep": ["The sports complex opened in Kyiv."],
        },
    }
    rules_file = tmp_path / "my_rules.json"
    rules_file.write_text(json.dumps({"rules": [rule]}), encoding="utf-8")
    text = tmp_path / "in.txt"
    text.write_text("An air defence complex near Kiev fired.", encoding="utf-8")
    assert main(["--rules", str(rules_file), str(text)]) == 0
    assert capsys.readouterr().out == "An air defence system near Kyiv fired."
    rules_file.write_text(json.dumps({"rules": [{**rule, "pattern": "(unclosed"}]}), encoding="utf-8")
    with pytest.raises(SystemExit, match=r"my_rules\.json.*'pattern'"):
        main(["--rules", str(rules_file), str(text)])
