"""The gazetteer: which entities exist, and every spelling each is known by.

The packaged gazetteer is built by ``scripts/build_gazetteer.py`` from
curated records, the official Ukrainian codifier and GeoNames; users add
their own entities from a JSON Lines file and merge them with ``extend``.
A gazetteer is immutable: ``extend`` returns a new one.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ValidationError
from rapidfuzz import fuzz, process

from .models import (
    Category,
    Config,
    Entity,
    Match,
    Variant,
)
from .scanner import fold_key
from .userfiles import (
    InvalidFileError,
    describe_validation_error,
    field_path,
    json_kind,
    read_user_text,
)

__all__ = ["Candidate", "Gazetteer", "GazetteerError"]

#: Place kinds below a town: only rewritten with Ukrainian context when small.
SMALL_PLACE_KINDS = frozenset({"village", "settlement"})


class GazetteerError(InvalidFileError):
    """A gazetteer file or record is invalid; the message names the file, the line
    (or record) and the field, and ``path``, ``line``, ``record`` and ``field``
    say the same for programs."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of a spelling: this entity, through this variant."""

    entity: Entity
    variant: Variant

    @property
    def category(self) -> Category:
        """The edit category a rewrite through this variant belongs to."""
        kind = self.entity.type
        if kind == "person":
            return "person"
        if kind == "organization":
            return "organization"
        return "transliteration"

    def rewrite(self, config: Config) -> tuple[str, Category] | None:
        """What this spelling becomes under ``config``, and why; None to leave it.

        The text is not consulted: case and context are the normalizer's job.
        """
        variant = self.variant
        if variant.former and config.enabled("renamed"):
            target, category = self.entity.name, "renamed"
        else:
            target, category = variant.target, self.category
        if config.overrides:
            target_or_none = _apply_overrides(target, config.overrides)
            if target_or_none is None:
                return None
            target = target_or_none
        return target, category  # type: ignore[return-value]


def _apply_overrides(target: str, overrides: Mapping[str, str | None]) -> str | None:
    """Substitute overridden canonical names inside ``target`` (whole words)."""
    if target in overrides:
        return overrides[target]
    words = target.split(" ")
    changed = False
    for i, word in enumerate(words):
        if word in overrides:
            replacement = overrides[word]
            if replacement is None:
                return None
            words[i] = replacement
            changed = True
    return " ".join(words) if changed else target


def _canonical_variants(entity: Entity) -> Iterator[Variant]:
    """The spellings an entity has that need no rewrite (default category)."""
    yield Variant(text=entity.name, target=entity.name, origin="canonical")
    if entity.surname and entity.surname != entity.name:
        yield Variant(text=entity.surname, target=entity.surname, origin="canonical", surname_only=True)
    for former in entity.former_names:
        yield Variant(text=former.name, target=former.name, origin="canonical", former=True)


class Gazetteer:
    """An immutable collection of entities with an index of all their spellings.

    >>> g = Gazetteer.default()
    >>> g.canonical("Kharkov")
    'Kharkiv'
    """

    def __init__(self, entities: Iterable[Entity], *, source: str = "<entities>") -> None:
        by_id: dict[str, Entity] = {}
        for entity in entities:
            by_id[entity.id] = entity
        self._by_id = by_id
        self.source = source
        index: dict[str, list[Candidate]] = {}
        for entity in by_id.values():
            seen: set[str] = set()
            for variant in (*_canonical_variants(entity), *entity.variants):
                key = fold_key(variant.text)
                marker = f"{key}\0{variant.former}\0{variant.surname_only}"
                if not key or marker in seen:
                    continue
                seen.add(marker)
                index.setdefault(key, []).append(Candidate(entity, variant))
        self._index: dict[str, tuple[Candidate, ...]] = {k: tuple(v) for k, v in index.items()}

    # -- construction -------------------------------------------------------

    @classmethod
    def default(cls) -> Gazetteer:
        """The packaged gazetteer (built once, then shared)."""
        return _default_gazetteer()

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, object]], *, source: str = "<records>") -> Gazetteer:
        """Build from dicts in the schema of ``docs/data.md``.

        The records are checked as a user file's lines are (see ``from_file``);
        ``GazetteerError`` names ``source``, the record number and the field.
        """
        reader = _RecordReader(source, "record")
        for number, record in enumerate(records, start=1):
            reader.add(record, number)
        return cls(reader.entities, source=source)

    @classmethod
    def from_file(cls, path: str | Path) -> Gazetteer:
        """Load a UTF-8 JSON Lines file of entities (one object per line; blank
        lines and lines starting with ``//`` are skipped).

        Raises ``GazetteerError`` naming the file, the line and the field of
        the first problem: bytes that are not UTF-8, a line that is not JSON or
        not an object, a missing, unknown, empty or mistyped field, an id that
        is used twice, a variant whose target is not the entity's name (or
        surname, or a former name), or a file without entities. A missing file
        raises ``FileNotFoundError``.
        """
        path = Path(path)
        where = str(path)
        text = read_user_text(path, GazetteerError)
        reader = _RecordReader(where, "line")
        for number, line in enumerate(_lines(text), start=1):
            stripped = line.strip()
            if not stripped or stripped.startswith("//"):
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GazetteerError(
                    f"{where}, line {number}: not valid JSON ({exc.msg} at column {exc.colno})",
                    path=where,
                    line=number,
                ) from None
            if not isinstance(record, dict):
                raise GazetteerError(
                    f"{where}, line {number}: expected a JSON object {{...}}, got {json_kind(record)}",
                    path=where,
                    line=number,
                )
            reader.add(record, number)
        if not reader.entities:
            what = "the file is empty" if not text.strip() else "only blank lines and comments"
            raise GazetteerError(f"{where}: no entities ({what})", path=where)
        return cls(reader.entities, source=where)

    def extend(self, other: Gazetteer | Iterable[Entity]) -> Gazetteer:
        """A new gazetteer with ``other``'s entities added; an entity with an
        existing id replaces the old one."""
        extra = other.entities if isinstance(other, Gazetteer) else tuple(other)
        return Gazetteer((*self._by_id.values(), *extra), source=f"{self.source}+{len(extra)}")

    # -- access ---------------------------------------------------------------

    @property
    def entities(self) -> tuple[Entity, ...]:
        """All entities, in insertion order."""
        return tuple(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._by_id.values())

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def __repr__(self) -> str:
        return f"Gazetteer({len(self)} entities, {len(self._index)} spellings, source={self.source!r})"

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        return self._by_id.get(entity_id)

    def index(self) -> Mapping[str, tuple[Candidate, ...]]:
        """Folded spelling -> the readings it has (what the scanner is built from)."""
        return self._index

    def candidates(self, name: str) -> tuple[Candidate, ...]:
        """Every reading of ``name`` (case and separators ignored)."""
        return self._index.get(fold_key(name), ())

    # -- questions ------------------------------------------------------------

    def canonical(self, name: str, *, config: Config | None = None) -> str | None:
        """The spelling ``normalize`` would give ``name`` on its own, or None when
        the name is unknown or its readings disagree.

        Context is not consulted, so an ambiguous spelling (Odessa) still gets
        its Ukrainian reading here.
        """
        _require_str(name, "name")
        config = config or Config()
        targets: set[str] = set()
        for candidate in self.candidates(name):
            rewrite = candidate.rewrite(config)
            targets.add(rewrite[0] if rewrite else candidate.variant.text)
        return targets.pop() if len(targets) == 1 else None

    def lookup(
        self, name: str, *, fuzzy: bool = False, limit: int = 5, score_cutoff: float = 80.0
    ) -> list[Match]:
        """Entities that ``name`` may mean, best first.

        Exact matches (case and separators ignored) score 100. With
        ``fuzzy=True``, near spellings are scored with rapidfuzz's WRatio and
        those at or above ``score_cutoff`` returned too.
        """
        _require_str(name, "name")
        matches: dict[str, Match] = {}
        for candidate in self.candidates(name):
            matches.setdefault(
                candidate.entity.id,
                Match(
                    entity=candidate.entity,
                    name=candidate.variant.text,
                    score=100.0,
                    variant=candidate.variant,
                ),
            )
        key = fold_key(name)
        if fuzzy and key and len(matches) < limit:
            for found, score, _ in process.extract(
                key,
                self._index.keys(),
                scorer=fuzz.WRatio,
                limit=limit * 4,
                score_cutoff=score_cutoff,
            ):
                for candidate in self._index[found]:
                    if candidate.entity.id not in matches:
                        matches[candidate.entity.id] = Match(
                            entity=candidate.entity,
                            name=candidate.variant.text,
                            score=round(float(score), 2),
                            variant=candidate.variant,
                        )
        ranked = sorted(matches.values(), key=lambda m: (-m.score, -(m.entity.population or 0), m.entity.id))
        return ranked[:limit]

    def variants(self, name: str) -> frozenset[str]:
        """Every known spelling of the entities ``name`` means (their canonical
        names included); empty when the name is unknown."""
        _require_str(name, "name")
        spellings: set[str] = set()
        for candidate in self.candidates(name):
            entity = candidate.entity
            spellings.update(v.text for v in _canonical_variants(entity))
            spellings.update(v.text for v in entity.variants)
        return frozenset(spellings)


def _require_str(value: object, what: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be str, not {type(value).__name__}")


def _lines(text: str) -> list[str]:
    """The lines of a text as a file opened in text mode reads them (``\\n``,
    ``\\r\\n`` or ``\\r`` end a line; nothing else does), without their ends."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


#: Strings inserted into text: leading or trailing spaces would be inserted too.
_TRIMMED_FIELDS = frozenset({"name", "uk", "ru", "surname", "text", "target", "parent", "origin"})
_PARENT_ID = re.compile(r"^place:[a-z0-9][a-z0-9-]*(?::[a-z0-9-]+)?$")


class _RecordReader:
    """Validates the records of one user file or batch, in order, and collects
    the entities; the first problem raises ``GazetteerError``."""

    def __init__(self, source: str, unit: str) -> None:
        self.source = source
        self.unit = unit  # "line" or "record"
        self.entities: list[Entity] = []
        self._first: dict[str, int] = {}  # id -> where it first appeared

    def add(self, record: Mapping[str, object], number: int) -> None:
        ident = record.get("id") if isinstance(record, Mapping) else None
        try:
            entity = Entity.model_validate(record)
        except ValidationError as exc:
            raise self._error(number, ident, *describe_validation_error(exc, Entity)) from None
        problem = _entity_problem(entity)
        if problem:
            raise self._error(number, ident, *problem)
        if entity.id in self._first:
            raise self._error(
                number, ident, ("id",), f"duplicate id; {self.unit} {self._first[entity.id]} has it already"
            )
        self._first[entity.id] = number
        self.entities.append(entity)

    def _error(self, number: int, ident: object, loc: tuple[str | int, ...], problem: str) -> GazetteerError:
        field = field_path(loc) or None
        label = f" (id {ident!r})" if isinstance(ident, str) and ident else ""
        at = f", field {field!r}" if field else ""
        return GazetteerError(
            f"{self.source}, {self.unit} {number}{label}{at}: {problem}",
            path=self.source,
            line=number if self.unit == "line" else None,
            record=number if self.unit == "record" else None,
            field=field,
        )


def _entity_problem(entity: Entity) -> tuple[tuple[str | int, ...], str] | None:
    """What the schema cannot say about a user's entity: blank or padded
    strings, a parent that is not a place id, and variants that point nowhere
    (their target must be what the normalizer is meant to write)."""
    blank = _blank_string(entity, ())
    if blank:
        return blank
    if entity.parent is not None and not _PARENT_ID.match(entity.parent):
        return ("parent",), f"must be the id of a place such as 'place:lviv-oblast', not {entity.parent!r}"
    former = [f.name for f in entity.former_names]
    for index, variant in enumerate(entity.variants):
        if not fold_key(variant.text):
            return ("variants", index, "text"), f"{variant.text!r} has no letters or digits to match"
        target = variant.target
        if variant.former:
            if target not in former:
                listed = f"one of {former}" if former else "listed in 'former_names' (there are none)"
                return ("variants", index, "target"), (
                    f"{target!r} is a former name's spelling, so it must be {listed}"
                )
        elif variant.surname_only:
            if target not in (entity.surname, entity.name):
                return ("variants", index, "target"), (
                    f"{target!r} is neither the entity's surname ({entity.surname!r}) nor its name"
                )
        elif target != entity.name:
            return ("variants", index, "target"), (
                f"{target!r} is not the entity's name {entity.name!r}; a variant becomes the name "
                '(mark spellings of a former name "former": true, of the surname alone "surname_only": true)'
            )
    return None


def _blank_string(model: BaseModel, loc: tuple[str | int, ...]) -> tuple[tuple[str | int, ...], str] | None:
    """The first string field of ``model`` (nested models included) that is
    blank, or that starts or ends with a space where that would be copied
    into text."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = enumerate(value) if isinstance(value, tuple) else [(None, value)]
        for index, item in items:
            here = (*loc, name) if index is None else (*loc, name, index)
            if isinstance(item, BaseModel):
                found = _blank_string(item, here)
                if found:
                    return found
            elif isinstance(item, str):
                if not item.strip():
                    optional = not type(model).model_fields[name].is_required()
                    hint = " (leave the field out instead)" if optional else ""
                    return here, f"must be a non-empty string{hint}"
                if name in _TRIMMED_FIELDS and item != item.strip():
                    return here, f"{item!r} starts or ends with white space"
    return None


@functools.cache
def _default_gazetteer() -> Gazetteer:
    data = resources.files("toponorm") / "data" / "gazetteer.jsonl"
    with data.open(encoding="utf-8") as handle:
        entities = [Entity.model_validate_json(line) for line in handle if line.strip()]
    return Gazetteer(entities, source="toponorm")
