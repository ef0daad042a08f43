"""Keep the list on docs/protected.md in sync with src/toponorm/data/protected.json.

The part of ``docs/protected.md`` between the two markers below is generated
from the data file, so that every phrase and guard id appears on the page
with its reason and examples.

    python docs/_hooks/protected_page.py           # rewrite the generated part
    python docs/_hooks/protected_page.py --check   # exit 1 if it is stale

As an MkDocs hook (``hooks:`` in mkdocs.yml) it renders the page from the
current data file and logs a warning, which fails ``mkdocs build --strict``,
when the committed page is stale.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "toponorm" / "data" / "protected.json"
PAGE = ROOT / "docs" / "protected.md"
BEGIN = "<!-- BEGIN generated from src/toponorm/data/protected.json: python docs/_hooks/protected_page.py -->"
END = "<!-- END generated from src/toponorm/data/protected.json -->"

log = logging.getLogger("mkdocs.hooks.protected_page")


def _code(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it contains."""
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _quote(text: str) -> str:
    """An example sentence, escaped for Markdown."""
    escaped = text.replace("\\", "\\\\")
    for char in "*_`[]<>#|":
        escaped = escaped.replace(char, "\\" + char)
    return f"“{escaped}”"


def _examples(item: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    keep = item.get("keep", [])
    change = item.get("change", [])
    if keep:
        lines.append("- Kept as written: " + "; ".join(_quote(k) for k in keep))
    if change:
        lines.append("- Still normalized (the protection does not apply): "
                     + "; ".join(_quote(c) for c in change))
    return lines


def _entities(ids: list[str]) -> str:
    return ", ".join("every place" if i == "*place" else _code(i) for i in ids)


def render(data: dict[str, Any]) -> str:
    """The generated Markdown for the phrases and guards of ``data``."""
    out: list[str] = [BEGIN, ""]
    phrases = data.get("phrases", [])
    guards = data.get("guards", [])
    out += [
        f"### Fixed phrases ({len(phrases)})",
        "",
        "A phrase is matched like a name (whole words, any case, across a space, "
        "line break or hyphen) and, being longer, swallows the name inside it: "
        "nothing in the phrase is rewritten.",
        "",
    ]
    for phrase in phrases:
        out += [
            f"#### `{phrase['id']}`",
            "",
            f"*{phrase['reason'][:1].upper()}{phrase['reason'][1:]}.*",
            "",
            "- Phrases: " + ", ".join(_code(t) for t in phrase["texts"]),
            *_examples(phrase),
            "",
        ]
    out += [
        f"### Guards ({len(guards)})",
        "",
        "A guard drops a proposed edit of one of its entities when all of its "
        "conditions hold: *before* must match the end of the 80 characters "
        "before the name, *after* the start of the 80 characters after it, "
        "*sentence* somewhere in the name's sentence. Patterns are regular "
        "expressions (the `regex` module), matched without regard to case.",
        "",
    ]
    for guard in guards:
        out += [
            f"#### `{guard['id']}`",
            "",
            f"*{guard['reason'][:1].upper()}{guard['reason'][1:]}.*",
            "",
            f"- Entities: {_entities(guard['entities'])}",
        ]
        for field in ("before", "after", "sentence"):
            if guard.get(field) is not None:
                out.append(f"- {field.capitalize()}: {_code(guard[field])}")
        out += [*_examples(guard), ""]
    patterns = [
        ("spelling_cues", "Talk about spellings: found anywhere in the name's sentence."),
        ("side_by_side_gap", "What may stand between two spellings of the same name "
         "(at most 30 characters apart) for them to count as set side by side."),
        ("gloss_before", "A gloss that introduces an old form: must match the end of the "
         "text before the name."),
        ("gloss_after", "A gloss that follows an old form: must match right after the name."),
    ]
    present = [(key, what) for key, what in patterns if key in data]
    if present:
        out += ["### Patterns", ""]
        for key, what in present:
            out += [f"- `{key}`: {what}", "", f"    {_code(data[key])}", ""]
    out.append(END)
    return "\n".join(out)


def _current() -> str:
    return render(json.loads(DATA.read_text(encoding="utf-8")))


def _split(page: str) -> tuple[str, str, str] | None:
    if BEGIN not in page or END not in page:
        return None
    head, rest = page.split(BEGIN, 1)
    block, tail = rest.split(END, 1)
    return head, BEGIN + block + END, tail


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """MkDocs hook: render protected.md from the data file; warn when stale."""
    if page.file.src_uri != "protected.md":
        return markdown
    parts = _split(markdown)
    if parts is None:
        log.warning("docs/protected.md has lost its generated-section markers")
        return markdown
    head, block, tail = parts
    fresh = _current()
    if block != fresh:
        log.warning(
            "docs/protected.md is out of date with src/toponorm/data/protected.json; "
            "run: python docs/_hooks/protected_page.py"
        )
    return head + fresh + tail


def main(argv: list[str]) -> int:
    page = PAGE.read_text(encoding="utf-8")
    parts = _split(page)
    if parts is None:
        print(f"{PAGE}: markers not found", file=sys.stderr)
        return 2
    head, block, tail = parts
    fresh = _current()
    if "--check" in argv:
        print("up to date" if block == fresh else "stale: run python docs/_hooks/protected_page.py")
        return 0 if block == fresh else 1
    if block != fresh:
        PAGE.write_text(head + fresh + tail, encoding="utf-8")
        print(f"updated {PAGE.relative_to(ROOT)}")
    else:
        print("up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
