"""The data toponorm passes around: entities, edits, results and configuration.

Every type here is a pydantic v2 model, so it validates on construction,
serializes with ``model_dump()`` / ``model_dump_json()`` and round-trips.
This module imports nothing else from toponorm but the leaf ``userfiles``
(errors for malformed user files): everything else imports it.
"""

from __future__ import annotations

import difflib
import html
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .userfiles import (
    ConfigError,
    describe_validation_error,
    did_you_mean,
    field_path,
    json_lines,
    line_of,
    load_json_object,
    load_toml,
    read_user_text,
    toml_line,
)

if sys.version_info >= (3, 11):
    pass

Category = Literal["transliteration", "person", "organization", "mt_artifact", "renamed", "mixed_script"]
"""The kind of an edit; every edit belongs to exactly one (POLICY.md section 1)."""

CATEGORIES: tuple[Category, ...] = (
    "transliteration",
    "person",
    "organization",
    "mt_artifact",
    "renamed",
    "mixed_script",
)

DEFAULT_CATEGORIES: Mapping[Category, bool] = {
    "transliteration": True,
    "person": True,
    "organization": True,
    "mt_artifact": True,
    "renamed": False,
    "mixed_script": True,
}

EntityType = Literal["place", "person", "organization"]

PlaceKind = Literal[
    "country",
    "capital",
    "city",
    "town",
    "settlement",
    "village",
    "oblast",
    "autonomous-republic",
    "raion",
    "hromada",
    "city-district",
    "neighbourhood",
    "river",
    "region",
]
OtherKind = Literal[
    "person", "media", "sports-club", "religious-site", "institution", "company", "organization"
]
Kind = Literal[PlaceKind, OtherKind]

Flag = Literal["english_word", "other_place", "surname", "first_name", "common_word"]
"""Why a variant is ambiguous: it is also an English word, a place outside
Ukraine, a surname, or a first name. Flagged variants are only rewritten
when the document shows that the Ukrainian entity is meant (POLICY.md 4)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Variant(_Frozen):
    """One spelling of an entity that the normalizer recognizes.

    ``target`` is what the spelling becomes: the entity's canonical name, or,
    for a legacy spelling of a former name, the national spelling of that
    former name (Dnepropetrovsk -> Dnipropetrovsk). ``former`` marks spellings
    of a name the entity no longer bears; they become the current name only
    when the ``renamed`` category is switched on. ``surname_only`` marks the
    family name of a person on its own (Zelensky -> Zelenskyy).
    """

    text: str = Field(min_length=1)
    target: str = Field(min_length=1)
    origin: str = Field(min_length=1, description="scheme name, 'curated', 'canonical' or a data set")
    flags: tuple[Flag, ...] = ()
    former: bool = False
    surname_only: bool = False
    note: str | None = None

    @property
    def ambiguous(self) -> bool:
        """True when the spelling also means something other than this entity."""
        return bool(self.flags)


class FormerName(_Frozen):
    """A name the entity bore before a renaming, with the year it ended."""

    name: str = Field(min_length=1)
    uk: str | None = None
    ru: str | None = None
    until: int | None = Field(default=None, ge=800, le=2100)


class Entity(_Frozen):
    """A place, person or organization with one canonical English name.

    Places carry their Ukrainian (and Russian, where it differs) Cyrillic
    names, their parent region, population and coordinates; every entity
    carries the variants that the normalizer turns into its canonical name.
    """

    id: str = Field(pattern=r"^(place|person|org):[a-z0-9][a-z0-9-]*(?::[a-z0-9-]+)?$")
    kind: Kind
    name: str = Field(min_length=1, description="canonical English name")
    uk: str | None = None
    ru: str | None = None
    parent: str | None = None
    population: int | None = Field(default=None, ge=0)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    description: str | None = None
    note: str | None = None
    surname: str | None = None
    former_names: tuple[FormerName, ...] = ()
    variants: tuple[Variant, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _variant_shorthand(cls, data: object) -> object:
        """Let user files write a variant as a bare string, or omit its target
        (the canonical name) and origin ("user")."""
        if not isinstance(data, dict) or not isinstance(data.get("variants"), list):
            return data
        name = data.get("name")
        variants: list[object] = []
        for item in data["variants"]:
            if isinstance(item, str):
                item = {"text": item}
            if isinstance(item, dict):
                item = {"target": name, "origin": "user", **item}
            variants.append(item)
        return {**data, "variants": variants}

    @property
    def type(self) -> EntityType:
        """place, person or organization, read from the id's prefix."""
        prefix = self.id.split(":", 1)[0]
        return "organization" if prefix == "org" else prefix  # type: ignore[return-value]


class Match(_Frozen):
    """A gazetteer look-up result: which entity a name means, and how well it matched."""

    entity: Entity
    name: str = Field(description="the known spelling that matched")
    score: float = Field(ge=0, le=100)
    variant: Variant | None = None


class Edit(_Frozen):
    """One change the normalizer made (or, in ``Result.suggestions``, would make).

    ``start``/``end`` index the input text, ``out_start``/``out_end`` the output
    text, so an edit can be located and replayed in either.
    """

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    out_start: int = Field(ge=0)
    out_end: int = Field(ge=0)
    original: str
    replacement: str
    category: Category
    source: str = Field(description="the entity id or rule id behind the edit")
    reason: str
    confidence: float = Field(ge=0, le=1)

    @model_validator(mode="after")
    def _spans_match_text(self) -> Edit:
        if self.end - self.start != len(self.original):
            raise ValueError("end - start must equal len(original)")
        if self.out_end - self.out_start != len(self.replacement):
            raise ValueError("out_end - out_start must equal len(replacement)")
        return self


class Result(_Frozen):
    """What ``explain`` returns: the output text, the edits made, and the
    ambiguous matches that were reported but not applied."""

    input: str
    text: str
    edits: tuple[Edit, ...] = ()
    suggestions: tuple[Edit, ...] = ()

    @property
    def changed(self) -> bool:
        """True when at least one edit was applied."""
        return bool(self.edits)

    def apply(self, text: str | None = None) -> str:
        """Replay the edits on ``text`` (the input by default) and return the output.

        Replaying the edits of a result on its own input reproduces ``self.text``
        exactly; this is how an explanation proves itself.
        """
        source = self.input if text is None else text
        parts: list[str] = []
        pos = 0
        for edit in self.edits:
            if source[edit.start : edit.end] != edit.original:
                raise ValueError(
                    f"edit {edit.original!r} -> {edit.replacement!r} does not apply at "
                    f"{edit.start}:{edit.end}"
                )
            parts.append(source[pos : edit.start])
            parts.append(edit.replacement)
            pos = edit.end
        parts.append(source[pos:])
        return "".join(parts)

    def diff(self) -> str:
        """A readable inline diff: ``[-old-]{+new+}`` around each edit, showing
        every line an edit touches."""
        marked: list[str] = []
        spans: list[tuple[int, int]] = []  # where each marked edit lies in the marked text
        pos = length = 0
        for edit in self.edits:
            before = self.input[pos : edit.start]
            mark = f"[-{edit.original}-]{{+{edit.replacement}+}}"
            marked += [before, mark]
            length += len(before)
            spans.append((length, length + len(mark)))
            length += len(mark)
            pos = edit.end
        marked.append(self.input[pos:])
        lines: list[str] = []
        offset = 0
        for line in "".join(marked).splitlines(keepends=True):
            end = offset + len(line)
            if any(s < end and offset < e for s, e in spans):
                lines.append(line.rstrip("\r\n"))
            offset = end
        return "\n".join(lines)

    def unified_diff(self) -> str:
        """A line-based unified diff of input and output, as ``diff -u`` prints it."""

        def lines(text: str) -> list[str]:
            out = text.splitlines(keepends=True)
            if out and not out[-1].endswith(("\n", "\r")):
                out[-1] += "\n\\ No newline at end of file\n"
            return out

        return "".join(
            difflib.unified_diff(lines(self.input), lines(self.text), fromfile="input", tofile="normalized")
        )

    def _repr_html_(self) -> str:
        """Output text with each edit highlighted and its reason as a tooltip (for notebooks)."""
        parts: list[str] = ['<div class="toponorm-result" style="white-space: pre-wrap">']
        pos = 0
        for edit in self.edits:
            parts.append(html.escape(self.text[pos : edit.out_start]))
            parts.append(
                f'<del style="color:#a00">{html.escape(edit.original)}</del>'
                f'<ins style="background:#dfd;text-decoration:none" '
                f'title="{html.escape(edit.category + ": " + edit.reason)}">'
                f"{html.escape(edit.replacement)}</ins>"
            )
            pos = edit.out_end
        parts.append(html.escape(self.text[pos:]))
        parts.append("</div>")
        if self.suggestions:
            parts.append("<p>Suggestions (not applied):</p><ul>")
            for s in self.suggestions:
                parts.append(
                    f"<li>{html.escape(s.original)} &rarr; {html.escape(s.replacement)}: "
                    f"{html.escape(s.reason)}</li>"
                )
            parts.append("</ul>")
        return "".join(parts)


class Config(_Frozen):
    """How the normalizer behaves. Every field has a safe default.

    - ``categories``: switch edit categories on or off; missing keys keep
      their defaults (``renamed`` is off, the rest on).
    - ``protect_quoted``: leave text inside quotation marks untouched.
    - ``overrides``: per-name target spellings, keyed by canonical name
      (``{"Zelenskyy": "Zelensky"}`` writes Zelensky wherever Zelenskyy would
      be written). A value of ``None`` stops the name from being rewritten.
    - ``min_population``: places smaller than this are only rewritten when
      the context shows Ukraine (POLICY.md 4.3).
    - ``disabled_rules``: ids of machine-translation rules to switch off.
    - ``enabled_rules``: ids of rules that ship switched off, to switch on.
    - ``suggestions``: report ambiguous matches as suggestions.
    """

    categories: dict[Category, bool] = Field(default_factory=lambda: dict(DEFAULT_CATEGORIES))
    protect_quoted: bool = False
    overrides: dict[str, str | None] = Field(default_factory=dict)
    min_population: int = Field(default=10_000, ge=0)
    disabled_rules: frozenset[str] = frozenset()
    enabled_rules: frozenset[str] = frozenset()
    suggestions: bool = True

    @field_validator("categories", mode="before")
    @classmethod
    def _fill_categories(cls, value: object) -> object:
        if isinstance(value, Mapping):
            unknown = set(value) - set(CATEGORIES)
            if unknown:
                raise ValueError(f"unknown categories {sorted(unknown)}; known: {', '.join(CATEGORIES)}")
            return {**DEFAULT_CATEGORIES, **value}
        return value

    def enabled(self, category: Category) -> bool:
        """Whether edits of ``category`` are applied."""
        return self.categories.get(category, DEFAULT_CATEGORIES[category])

    @classmethod
    def from_file(cls, path: str | Path, *, rule_ids: Iterable[str] | None = None) -> Config:
        """Load a configuration file: a JSON object, or TOML when the name ends in ``.toml``.

        The keys are this model's fields (``{"categories": {"renamed": true},
        "protect_quoted": true}``); keys left out keep their defaults. With
        ``rule_ids`` (the ids of the rules in use), every id in
        ``disabled_rules`` and ``enabled_rules`` must be one of them, so that
        a misspelt id is an error instead of a switch that does nothing.

        Raises ``ConfigError`` naming the file, the line (where it can be
        found) and the field, and ``FileNotFoundError`` for a missing file.
        TOML needs Python 3.11 or later (``tomllib``); TOML has no null, so an
        override that stops a name from being rewritten needs a JSON file.
        """
        path = Path(path)
        where = str(path)
        text = read_user_text(path, ConfigError)
        is_toml = path.suffix.lower() == ".toml"
        if not text.strip():
            hint = "" if is_toml else " (write {} for the defaults)"
            raise ConfigError(f"{where}: the file is empty{hint}", path=where)
        data = load_toml(text, where) if is_toml else load_json_object(text, where, ConfigError)

        def fail(loc: tuple[str | int, ...], problem: str) -> ConfigError:
            line = toml_line(text, loc) if is_toml else line_of(json_lines(text), loc)
            field = field_path(loc)
            at = f", line {line}" if line else ""
            return ConfigError(f"{where}{at}, field {field!r}: {problem}", path=where, line=line, field=field)

        categories = data.get("categories")
        if isinstance(categories, Mapping):
            for key in categories:
                if key not in CATEGORIES:
                    raise fail(
                        ("categories", key),
                        f"unknown category{did_you_mean(key, CATEGORIES)}; known: {', '.join(CATEGORIES)}",
                    )
        try:
            config = cls.model_validate(data)
        except ValidationError as exc:
            raise fail(*describe_validation_error(exc, cls)) from None
        for name, target in config.overrides.items():
            if not name.strip():
                raise fail(("overrides", name), "the name to override must be a non-empty string")
            if target is not None and not target.strip():
                raise fail(
                    ("overrides", name), "must be a non-empty string (or null, to leave the name alone)"
                )
        known = None if rule_ids is None else frozenset(rule_ids)
        for key in ("disabled_rules", "enabled_rules"):
            raw = data.get(key, [])
            for index, rule_id in enumerate(raw):
                if not rule_id.strip():
                    raise fail((key, index), "must be a non-empty rule id")
                if known is not None and rule_id not in known:
                    raise fail((key, index), f"unknown rule id {rule_id!r}{did_you_mean(rule_id, known)}")
        both = sorted(config.disabled_rules & config.enabled_rules)
        if both:
            raise fail(("enabled_rules",), f"rule {both[0]!r} is also in 'disabled_rules'")
        return config

    def __hash__(self) -> int:
        return hash(self.model_dump_json())
