"""The packaged gazetteer: coverage the issue asks for, and invariants every
entry must keep (each canonical name is a fixed point, each plain variant
rewrites to its target, nothing collides silently)."""

from __future__ import annotations

from collections import Counter

import pytest

import toponorm as tn
from toponorm.scanner import fold_key

G = tn.Gazetteer.default()
ENTITIES = list(G)
KINDS = Counter(e.kind for e in ENTITIES)


def test_coverage() -> None:
    assert KINDS["oblast"] == 24
    assert G.get("place:crimea") is not None
    assert G.get("place:kyiv") is not None
    assert G.get("place:sevastopol") is not None
    towns = [e for e in ENTITIES if e.kind in ("city", "town", "settlement", "village")]
    assert len(towns) >= 80 + 22
    for name in [
        "Bakhmut",
        "Avdiivka",
        "Izium",
        "Kupiansk",
        "Pokrovsk",
        "Vuhledar",
        "Mariupol",
        "Melitopol",
        "Berdiansk",
        "Enerhodar",
        "Nova Kakhovka",
        "Kramatorsk",
        "Sloviansk",
        "Lysychansk",
        "Bucha",
        "Irpin",
        "Hostomel",
        "Borodianka",
        "Chornobyl",
        "Prypiat",
    ]:
        assert G.canonical(name) == name, name
    assert KINDS["city-district"] + KINDS["neighbourhood"] >= 10
    for river in ["Dnipro", "Dnister", "Siverskyi Donets", "Southern Buh"]:
        assert any(e.kind == "river" and e.name == river for e in ENTITIES), river
    assert sum(e.type == "person" for e in ENTITIES) >= 40
    assert sum(e.type == "organization" for e in ENTITIES) >= 15


def test_parents_exist_and_places_have_cyrillic() -> None:
    for entity in ENTITIES:
        if entity.parent:
            assert entity.parent in G, f"{entity.id}: parent {entity.parent}"
        if entity.type == "place" and entity.kind != "region":
            assert entity.uk, f"{entity.id} has no Ukrainian name"


@pytest.mark.parametrize("entity", ENTITIES, ids=[e.id for e in ENTITIES])
def test_canonical_name_is_a_fixed_point(entity: tn.Entity) -> None:
    text = f"Reports from {entity.name} arrived."
    assert tn.normalize(text) == text


def _plain_variants() -> list[tuple[str, tn.Variant]]:
    return [
        (e.id, v)
        for e in ENTITIES
        for v in e.variants
        if not v.flags and not v.former and len(G.candidates(v.text)) == 1
    ]


@pytest.mark.parametrize(
    ("entity_id", "variant"), _plain_variants(), ids=lambda x: str(getattr(x, "text", x))
)
def test_every_plain_variant_rewrites_to_its_target(entity_id: str, variant: tn.Variant) -> None:
    # Shelling is the evidence small settlements need (POLICY.md 4.3).
    result = tn.explain(f"Shelling hit {variant.text} overnight.")
    (edit,) = result.edits
    # Case follows the source word by word ("Kharkov oblast" -> "Kharkiv oblast").
    assert fold_key(edit.replacement) == fold_key(variant.target), variant
    assert edit.source == entity_id


def test_variants_never_collide_silently() -> None:
    canonical = {fold_key(e.name): e.id for e in ENTITIES}
    for entity in ENTITIES:
        for variant in entity.variants:
            other = canonical.get(fold_key(variant.text))
            assert other is None or other == entity.id or variant.flags, (entity.id, variant.text, other)


def test_origins_are_known() -> None:
    known = set(tn.schemes()) | {"curated"}
    assert {v.origin for e in ENTITIES for v in e.variants} <= known
