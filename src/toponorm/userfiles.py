"""User files: one error type for every malformed file a user supplies
(gazetteer, rules, configuration), and the helpers that say where in the
file the problem is (line, record, field) in plain words.

A leaf module: it imports nothing else from toponorm, so the models, the
gazetteer and the rule loader can all share it.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

if sys.version_info >= (3, 11):
    import tomllib

__all__ = [
    "ConfigError",
    "InvalidFileError",
    "describe_validation_error",
    "did_you_mean",
    "field_path",
    "json_kind",
    "json_lines",
    "line_of",
    "load_json",
    "load_json_object",
    "load_toml",
    "read_user_text",
    "toml_line",
]


class InvalidFileError(ValueError):
    """A user-supplied file (gazetteer, rules, configuration) is invalid.

    The message names the file, the line (or record) and the field, for
    example ``my_names.jsonl, line 3 (id 'place:x'), field 'variants[1].text':
    must be a non-empty string``. The same facts are attributes, for programs
    that point an editor at the place: ``path`` (the file, or the source name
    given to ``from_records``), ``line`` (1-based, or None), ``record``
    (1-based position of the record or rule, or None) and ``field`` (a path
    such as ``variants[1].text``, or None when the problem is the file or the
    line as a whole).
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        record: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.record = record
        self.field = field


class ConfigError(InvalidFileError):
    """A configuration file is invalid; the message names the file, the line and the field."""


def read_user_text(path: Path, error: type[InvalidFileError]) -> str:
    """The text of a user file, decoded as UTF-8 (a byte-order mark is allowed).

    Bytes that are not UTF-8 raise ``error`` naming the line and the byte
    offset; a missing file raises ``FileNotFoundError``, whose message names
    the path.
    """
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise error(
            f"{path}, line {line}: not UTF-8 text ({exc.reason}: byte {data[exc.start]:#04x} "
            f"at byte offset {exc.start}, byte {column} of the line); save the file as UTF-8",
            path=str(path),
            line=line,
        ) from None


def load_json(text: str, where: str, error: type[InvalidFileError]) -> Any:
    """Parse a whole-file JSON document; a syntax error names its line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(
            f"{where}, line {exc.lineno}: not valid JSON ({exc.msg} at column {exc.colno})",
            path=where,
            line=exc.lineno,
        ) from None


def load_json_object(text: str, where: str, error: type[InvalidFileError]) -> dict[str, Any]:
    """Parse a whole-file JSON document that must be an object."""
    data = load_json(text, where, error)
    if not isinstance(data, dict):
        raise error(
            f"{where}, line 1: expected a JSON object {{...}}, got {json_kind(data)}", path=where, line=1
        )
    return data


def load_toml(text: str, where: str) -> dict[str, Any]:
    """Parse a TOML document with the standard library (Python 3.11+)."""
    if sys.version_info >= (3, 11):
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            found = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
            if not found:
                raise ConfigError(f"{where}: not valid TOML ({message})", path=where) from None
            line = int(found.group(1))
            reason = message[: found.start()] + message[found.end() :]
            raise ConfigError(
                f"{where}, line {line}: not valid TOML ({reason} at column {found.group(2)})",
                path=where,
                line=line,
            ) from None
    raise ConfigError(  # pragma: no cover - Python 3.10
        f"{where}: TOML files need Python 3.11 or later; write the file as JSON", path=where
    )


def toml_line(text: str, loc: Sequence[str | int]) -> int | None:
    """The line where the deepest key of ``loc`` is assigned in a TOML text, if it can be found."""
    for key in reversed([part for part in loc if isinstance(part, str)]):
        quoted = re.escape(key)
        found = re.search(
            rf"""(?m)(?:^|[{{,\s])(?:{quoted}|"{quoted}"|'{quoted}')\s*=|^\s*\[(?:[^\]]*\.)?{quoted}\]""",
            text,
        )
        if found:
            return text.count("\n", 0, found.end()) + 1
    return None


def json_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """The line on which each value of a valid JSON document starts, by its path.

    ``{"rules": [{"id": ...}]}`` gives ``{(): 1, ("rules",): 1,
    ("rules", 0): 1, ("rules", 0, "id"): 1}`` (more lines when the document
    has them). Used only to say where an error is, so it gives up quietly
    (an empty map) on anything unexpected.
    """
    decoder = json.JSONDecoder()
    found: dict[tuple[str | int, ...], int] = {}
    space = re.compile(r"[ \t\n\r]*")

    def skip(i: int) -> int:
        match = space.match(text, i)
        return match.end() if match else i

    def value(i: int, path: tuple[str | int, ...]) -> int:
        i = skip(i)
        found[path] = text.count("\n", 0, i) + 1
        opener = text[i]
        if opener not in "{[":
            return int(decoder.raw_decode(text, i)[1])
        closer = "}" if opener == "{" else "]"
        i = skip(i + 1)
        index = 0
        while text[i] != closer:
            if opener == "{":
                key, i = decoder.raw_decode(text, i)
                i = value(skip(i) + 1, (*path, str(key)))  # past the colon
            else:
                i = value(i, (*path, index))
                index += 1
            i = skip(i)
            if text[i] == ",":
                i = skip(i + 1)
        return i + 1

    try:
        value(0, ())
    except (IndexError, ValueError):
        return {}
    return found


def line_of(lines: Mapping[tuple[str | int, ...], int], loc: Sequence[str | int]) -> int | None:
    """The line of the deepest part of ``loc`` found in ``lines`` (see ``json_lines``)."""
    for end in range(len(loc), -1, -1):
        line = lines.get(tuple(loc[:end]))
        if line is not None:
            return line
    return None


def field_path(loc: Sequence[str | int]) -> str:
    """A pydantic error location as users write it: ``variants[1].text``.

    Keys that are not identifiers are quoted: ``overrides["Kyiv Oblast"]``.
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.isidentifier():
            out += f".{part}" if out else part
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out


def json_kind(value: object) -> str:
    """How a value reads in an error message, in JSON's words: ``the number 5``, ``a list``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {shown!r}"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return f"a {type(value).__name__}"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest of ``choices``, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _model_at(model: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model whose field the last part of ``loc`` names (for known field names)."""
    current: object = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: object) -> object:
    """The model inside ``tuple[Variant, ...]``, ``Variant | None`` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is None and not isinstance(annotation, types.UnionType):
        return None
    for arg in typing.get_args(annotation):
        inner = _inner_model(arg)
        if inner is not None:
            return inner
    return None


_FRIENDLY = {
    "string_type": "must be a string",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "set_type": "must be a list",
    "frozen_set_type": "must be a list",
    "dict_type": "must be an object",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
}


def describe_validation_error(
    exc: ValidationError, model: type[BaseModel]
) -> tuple[tuple[str | int, ...], str]:
    """The location and a plain-words description of the first error in ``exc``.

    When a field is both missing and misspelt (``"txt"`` for ``"text"``),
    the misspelling is reported, with the field it probably means.
    """
    errors = exc.errors(include_url=False)
    first = errors[0]
    if first["type"] == "missing":
        parent = first["loc"][:-1]
        for other in errors:
            if other["type"] == "extra_forbidden" and other["loc"][:-1] == parent:
                first = other
                break
    loc = tuple(first["loc"])
    kind = first["type"]
    value = first.get("input")
    ctx = first.get("ctx") or {}
    if kind == "missing":
        if loc and isinstance(loc[-1], int):
            return loc, "is missing (the list is too short)"
        return loc, "required field is missing"
    if kind == "extra_forbidden":
        owner = _model_at(model, loc)
        known = sorted(owner.model_fields) if owner else []
        hint = did_you_mean(str(loc[-1]), known)
        return loc, f"unknown field{hint}" + (f"; known fields: {', '.join(known)}" if known else "")
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return loc, "must be a non-empty string"
    if kind in ("too_short", "string_too_short") and "min_length" in ctx:
        least = ctx["min_length"]
        return loc, "must not be empty" if least == 1 else f"must have at least {least} items"
    if kind in _FRIENDLY:
        return loc, f"{_FRIENDLY[kind]}, not {json_kind(value)}"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = did_you_mean(value, choices) if isinstance(value, str) else ""
        return loc, f"must be one of {ctx.get('expected')}, not {json_kind(value)}{hint}"
    if kind == "string_pattern_mismatch":
        return loc, f"{json_kind(value)} does not have the required form {ctx.get('pattern')}"
    message = str(first["msg"]).removeprefix("Value error, ")
    if message.startswith("Input should be "):
        message = "must be " + message.removeprefix("Input should be ") + f", not {json_kind(value)}"
    return loc, message
