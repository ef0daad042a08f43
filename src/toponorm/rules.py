"""Machine-translation artifact rules: schema, loading, and matching with guards.

A rule is data (``data/rules/*.json``, one file per domain): literal
*triggers* that join the normalizer's one scanner, a ``regex`` *pattern*
tried only around a trigger, a *replacement* template (which may reorder
words), and *context guards*: words that must, or must not, appear within a
window around the match. Every rule carries examples that must change and
examples that must not; the test suite runs them all.

POLICY.md section 5: only where context proves the sense.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

__all__ = [
    "Rule",
    "RuleError",
    "RuleExamples",
    "RuleMatch",
    "RuleSet",
    "RuleTimeoutError",
    "default",
    "load",
]

#: Seconds a user pattern may spend on one window before the rule is reported.
PATTERN_TIMEOUT = 0.25


_ARTICLE_BEFORE = regex.compile(r"(?<![\w'’])(an?|AN?|An)(\s+)$")


class RuleError(ValueError):
    """A rule file or rule is invalid; the message names the file, the rule id and the field."""


class RuleTimeoutError(RuntimeError):
    """A rule's pattern ran longer than its timeout; the message names the rule."""


class RuleExamples(BaseModel):
    """Sentences a rule must rewrite (``change``: [input, expected]) and must leave (``keep``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    change: tuple[tuple[str, str], ...] = Field(min_length=1)
    keep: tuple[str, ...] = Field(min_length=1)


class Rule(BaseModel):
    """One machine-translation artifact and its established English term."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    description: str = Field(min_length=1)
    reason: str = Field(min_length=1, description="why the rendering is an artifact, for a journalist")
    triggers: tuple[str, ...] = Field(min_length=1, description="literal words that join the scanner")
    pattern: str = Field(min_length=1, description="regex tried around a trigger")
    replacement: str = Field(description="template; \\g<name> inserts a group")
    case_sensitive: bool = False
    article: Literal["a", "an"] | None = Field(
        default=None, description="the indefinite article the replacement takes (an S-400, a Kh-22)"
    )
    window: int = Field(default=120, ge=0, le=2000, description="characters either side for guards")
    require: tuple[str, ...] = Field(default=(), description="regexes: one must occur in the window")
    forbid: tuple[str, ...] = Field(
        default=(), description="regexes, case-sensitive: none may occur in the window"
    )
    category: str = "mt_artifact"
    confidence: float = Field(default=0.9, gt=0, le=1)
    enabled: bool = True
    note: str | None = None
    examples: RuleExamples

    @field_validator("pattern", "require", "forbid")
    @classmethod
    def _compiles(cls, value: str | tuple[str, ...]) -> str | tuple[str, ...]:
        for pattern in (value,) if isinstance(value, str) else value:
            try:
                regex.compile(pattern)
            except regex.error as exc:
                raise ValueError(f"invalid regex {pattern!r}: {exc}") from None
        return value

    @field_validator("category")
    @classmethod
    def _category(cls, value: str) -> str:
        if value != "mt_artifact":
            raise ValueError("rules belong to the 'mt_artifact' category")
        return value

    @model_validator(mode="after")
    def _template_groups_exist(self) -> Rule:
        compiled = regex.compile(self.pattern)
        for name in regex.findall(r"\\g<(\w+)>", self.replacement):
            if not name.isdigit() and name not in compiled.groupindex:
                raise ValueError(f"replacement uses group {name!r} that the pattern does not define")
        return self

    @functools.cached_property
    def _compiled(
        self,
    ) -> tuple[
        regex.Pattern[str], regex.Pattern[str], tuple[regex.Pattern[str], ...], tuple[regex.Pattern[str], ...]
    ]:
        flags = 0 if self.case_sensitive else regex.IGNORECASE
        return (
            regex.compile(self.pattern, flags),
            # In an ALL-CAPS headline case tells nothing: "CALIBER MISSILES".
            regex.compile(self.pattern, regex.IGNORECASE),
            tuple(regex.compile(p, regex.IGNORECASE) for p in self.require),
            # Forbidden words are matched as written: "Bell" the maker, not a church bell.
            tuple(regex.compile(p) for p in self.forbid),
        )

    def matches(
        self, text: str, start: int, end: int, timeout: float | None = PATTERN_TIMEOUT
    ) -> Iterator[RuleMatch]:
        """Matches of the pattern that cover the trigger at ``text[start:end]``
        and pass the guards."""
        pattern, caps_pattern, require, forbid = self._compiled
        if self.case_sensitive and _shouting(text, start, end):
            pattern = caps_pattern
        lo = max(0, start - 200)
        hi = min(len(text), end + 200)
        try:
            for match in pattern.finditer(text, lo, hi, timeout=timeout):
                if match.start() > start or match.end() < end:
                    continue
                w_lo = max(0, match.start() - self.window)
                w_hi = min(len(text), match.end() + self.window)
                if require and not any(p.search(text, w_lo, w_hi, timeout=timeout) for p in require):
                    continue
                if any(p.search(text, w_lo, w_hi, timeout=timeout) for p in forbid):
                    continue
                shouting = _shouting(text, match.start(), match.end())
                replacement = _carry_case(match.group(), match.expand(self.replacement), shouting)
                m_start = match.start()
                if self.article:
                    article = _ARTICLE_BEFORE.search(text, max(0, m_start - 6), m_start)
                    if article and article.group(1).lower() != self.article:
                        # "a C-400" -> "an S-400": the article follows the new
                        # word, and keeps its own separator.
                        m_start = article.start()
                        new = _carry_case(article.group(1), self.article, shouting)
                        replacement = f"{new}{article.group(2)}{replacement}"
                yield RuleMatch(self, m_start, match.end(), replacement)
        except TimeoutError:
            raise RuleTimeoutError(
                f"rule {self.id!r}: pattern ran longer than {timeout}s near offset {start}"
            ) from None


@dataclass(frozen=True, slots=True)
class RuleMatch:
    """A rule's match in a text and what it becomes."""

    rule: Rule
    start: int
    end: int
    replacement: str


_WORD = regex.compile(r"\p{L}{2,}")


def _carry_case(source: str, replacement: str, shouting: bool = False) -> str:
    """``replacement`` in the case of ``source``: ALL CAPS, Title Case per word,
    or a capital first letter. Designations (X-47M2) have no case to carry."""
    words = _WORD.findall(source)
    if shouting or (words and all(w.isupper() for w in words)):
        return replacement.upper()
    if len(words) > 1 and all(w[0].isupper() for w in words):
        return regex.sub(r"\b\p{Ll}", lambda m: m.group().upper(), replacement)
    if source[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _shouting(text: str, start: int, end: int) -> bool:
    """True when the words around a span are in capitals (a headline)."""
    words = _WORD.findall(text, max(0, start - 40), min(len(text), end + 40))
    return len(words) >= 2 and all(w.isupper() for w in words)


class RuleSet:
    """An immutable collection of rules, with where each came from."""

    def __init__(
        self, rules: Iterable[Rule], sources: Sequence[str] = (), *, trusted: Iterable[str] = ()
    ) -> None:
        by_id: dict[str, Rule] = {}
        for rule in rules:
            if rule.id in by_id:
                raise RuleError(f"duplicate rule id {rule.id!r}")
            by_id[rule.id] = rule
        self._rules = by_id
        self.sources = tuple(sources)
        #: Ids of the packaged rules, whose patterns the test suite has vetted:
        #: they run without the timeout that guards user patterns.
        self.trusted = frozenset(trusted) & frozenset(by_id)

    def timeout(self, rule: Rule) -> float | None:
        """The time limit for this rule's patterns (None for packaged rules)."""
        return None if rule.id in self.trusted else PATTERN_TIMEOUT

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def __repr__(self) -> str:
        return f"RuleSet({len(self)} rules from {', '.join(self.sources) or 'memory'})"

    def __add__(self, other: RuleSet) -> RuleSet:
        return RuleSet((*self, *other), (*self.sources, *other.sources), trusted=self.trusted | other.trusted)

    @classmethod
    def from_file(cls, path: str | Path) -> RuleSet:
        """Load a rule file: ``{"domain": ..., "rules": [...]}``. An invalid rule
        raises ``RuleError`` naming the file, the rule id and the field."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise RuleError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
        return cls(_parse(data, str(path)), (str(path),))


def _parse(data: Any, source: str) -> list[Rule]:
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleError(f"{source}: expected an object with a 'rules' list")
    rules = []
    for number, item in enumerate(data["rules"], start=1):
        ident = item.get("id", f"#{number}") if isinstance(item, dict) else f"#{number}"
        try:
            rules.append(Rule.model_validate(item))
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(part) for part in first["loc"]) or "(rule)"
            raise RuleError(f"{source}: rule {ident!r}: field {field!r}: {first['msg']}") from None
    return rules


def load(*paths: str | Path) -> RuleSet:
    """Load and combine user rule files."""
    combined = RuleSet(())
    for path in paths:
        combined = combined + RuleSet.from_file(path)
    return combined


@functools.cache
def default() -> RuleSet:
    """The packaged rule set (every domain file in ``data/rules/``)."""
    folder = resources.files("toponorm") / "data" / "rules"
    rules: list[Rule] = []
    sources: list[str] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            name = f"toponorm/data/rules/{entry.name}"
            rules.extend(_parse(json.loads(entry.read_text(encoding="utf-8")), name))
            sources.append(name)
    return RuleSet(rules, sources, trusted=[rule.id for rule in rules])
