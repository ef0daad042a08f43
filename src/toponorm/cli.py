"""The command line: ``toponorm [FILE ...]``.

Reads each file (or standard input), writes the normalized text to standard
output. ``--explain`` adds the list of edits and suggestions; ``--json``
writes each result as JSON; ``--jsonl FIELD`` normalizes one string field of
every record of a JSON Lines corpus, keeping every record, in order, and every
unchanged line byte for byte. ``--config FILE`` reads a configuration file
(JSON, or TOML when it ends in ``.toml``); the other options override it.
``--gazetteer FILE`` and ``--rules FILE`` add the user's entities and rules.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import rules
from .gazetteer import Gazetteer
from .models import CATEGORIES, Config, Result
from .normalize import Normalizer, default_normalizer
from .userfiles import InvalidFileError


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="toponorm",
        description="Normalize English text about Ukraine: canonical spellings of places, "
        "people and organizations, every edit explained.",
    )
    parser.add_argument("files", nargs="*", type=Path, help="text files (default: standard input)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--explain", action="store_true", help="also print every edit and its reason")
    mode.add_argument("--json", action="store_true", help="print each result as JSON")
    mode.add_argument("--jsonl", metavar="FIELD", help="normalize FIELD of each JSON Lines record")
    parser.add_argument(
        "--renamed", action="store_true", help="also replace former names (Dnipropetrovsk -> Dnipro)"
    )
    parser.add_argument("--protect-quoted", action="store_true", help="leave quoted text untouched")
    parser.add_argument(
        "--off",
        action="append",
        default=[],
        choices=CATEGORIES,
        metavar="CATEGORY",
        help=f"switch a category off (one of: {', '.join(CATEGORIES)})",
    )
    parser.add_argument("--gazetteer", type=Path, metavar="FILE", help="a JSON Lines file of extra entities")
    parser.add_argument(
        "--rules",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="a JSON file of extra machine-translation rules (repeatable); their examples are checked",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="a configuration file (JSON, or TOML ending in .toml); the options above override it",
    )
    return parser.parse_args(argv)


def _report(result: Result, out: TextIO) -> None:
    out.write(result.text)
    if not result.text.endswith("\n"):
        out.write("\n")
    out.write(f"\n--- {len(result.edits)} edit(s) ---\n")
    for edit in result.edits:
        out.write(f"{edit.start}-{edit.end} [{edit.category}, {edit.confidence:.2f}] {edit.reason}\n")
    if result.suggestions:
        out.write(f"--- {len(result.suggestions)} suggestion(s), not applied ---\n")
        for edit in result.suggestions:
            out.write(f"{edit.start}-{edit.end} [{edit.category}, {edit.confidence:.2f}] {edit.reason}\n")


def _normalize_jsonl(
    normalizer: Normalizer, config: Config, field: str, name: str, source: TextIO, out: TextIO
) -> None:
    for number, line in enumerate(source, start=1):
        body = line.rstrip("\r\n")
        if not body.strip():
            out.write(line)
            continue
        try:
            record = json.loads(body)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"toponorm: {name}, line {number}: not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict) or field not in record:
            raise SystemExit(f"toponorm: {name}, line {number}: no field {field!r}")
        value = record[field]
        if not isinstance(value, str):
            raise SystemExit(
                f"toponorm: {name}, line {number}: field {field!r} is {type(value).__name__}, not str"
            )
        fixed = normalizer.normalize(value, config)
        if fixed == value:
            out.write(line)
            continue
        start, end = _value_span(body, field)
        old_token = body[start:end]
        new_token = json.dumps(fixed, ensure_ascii=old_token.isascii())
        out.write(body[:start] + new_token + body[end:] + line[len(body) :])


_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"


def _value_span(body: str, field: str) -> tuple[int, int]:
    """Where the value of top-level ``field`` is written in a JSON object line
    (the last one, as ``json.loads`` reads it), so that only that token is
    replaced and every other byte of the record stays as it was."""
    pos = len(body) - len(body.lstrip(_SPACE)) + 1  # after "{"
    span = (-1, -1)
    while True:
        while body[pos] in _SPACE + ",":
            pos += 1
        if body[pos] == "}":
            return span
        key, pos = _DECODER.raw_decode(body, pos)
        while body[pos] in _SPACE + ":":
            pos += 1
        _, end = _DECODER.raw_decode(body, pos)
        if key == field:
            span = (pos, end)
        pos = end


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parse_args(argv)
    normalizer = default_normalizer()
    try:
        ruleset = normalizer.rules + rules.load(*args.rules) if args.rules else normalizer.rules
        base = Config()
        if args.config:
            base = Config.from_file(args.config, rule_ids=[rule.id for rule in ruleset])
        if args.gazetteer or args.rules:
            gazetteer = normalizer.gazetteer
            if args.gazetteer:
                gazetteer = gazetteer.extend(Gazetteer.from_file(args.gazetteer))
            normalizer = Normalizer(gazetteer=gazetteer, rules=ruleset)
    except InvalidFileError as exc:
        raise SystemExit(f"toponorm: {exc}") from None
    except OSError as exc:
        raise SystemExit(f"toponorm: {exc.filename}: {exc.strerror}") from None
    categories = {**base.categories, **dict.fromkeys(args.off, False)}
    if args.renamed:
        categories["renamed"] = True
    config = Config.model_validate(
        {
            **base.model_dump(),
            "categories": categories,
            "protect_quoted": base.protect_quoted or args.protect_quoted,
        }
    )
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    out = sys.stdout
    sources: list[tuple[str, Path | None]] = [(str(p), p) for p in args.files] or [("<stdin>", None)]
    for name, path in sources:
        try:
            handle: TextIO = path.open(encoding="utf-8", newline="") if path else sys.stdin
        except OSError as exc:
            raise SystemExit(f"toponorm: {name}: {exc.strerror}") from None
        with handle:
            if args.jsonl:
                _normalize_jsonl(normalizer, config, args.jsonl, name, handle, out)
                continue
            try:
                text = handle.read()
            except UnicodeDecodeError as exc:
                raise SystemExit(
                    f"toponorm: {name}: not UTF-8 text ({exc.reason} at byte {exc.start})"
                ) from None
            result = normalizer.explain(text, config)
            if args.explain:
                _report(result, out)
            elif args.json:
                out.write(result.model_dump_json() + "\n")
            else:
                out.write(result.text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
