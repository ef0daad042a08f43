"""Keep the data-driven lists in the documentation in sync with the data files.

Two parts of the documentation are generated, each between a BEGIN and an
END marker:

- ``docs/protected.md``: every fixed phrase and guard of
  ``src/toponorm/data/protected.json``, with its reason and examples;
- ``docs/policy.md``: every machine-translation rule of
  ``src/toponorm/data/rules/*.json``, with its reason, guards and examples.

    python docs/_hooks/generated_lists.py           # rewrite the generated parts
    python docs/_hooks/generated_lists.py --check   # exit 1 if one is stale

As an MkDocs hook (``hooks:`` in mkdocs.yml) it renders the pages from the
current data files and logs a warning, which fails ``mkdocs build
--strict``, when a committed page is stale.
"""

from __future__ import annotations

import html
import json
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "toponorm" / "data"
COMMAND = "python docs/_hooks/generated_lists.py"

log = logging.getLogger("mkdocs.hooks.generated_lists")


# -- Markdown helpers ---------------------------------------------------------


def _code(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it contains; as
    escaped HTML when it holds a ``<`` (a lookbehind such as ``(?<![`` would
    read as the start of an HTML declaration)."""
    if "<" in text:
        return f"<code>{html.escape(text)}</code>"
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


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


# -- protected.json -------------------------------------------------------------


def _protected_examples(item: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    if item.get("keep"):
        lines.append("- Kept as written: " + "; ".join(_quote(k) for k in item["keep"]))
    if item.get("change"):
        lines.append(
            "- Still normalized (the protection does not apply): "
            + "; ".join(_quote(c) for c in item["change"])
        )
    return lines


def _entities(ids: list[str]) -> str:
    return ", ".join("every place" if i == "*place" else _code(i) for i in ids)


def render_protected() -> str:
    """The phrases, guards and patterns of ``data/protected.json``."""
    data = json.loads((DATA / "protected.json").read_text(encoding="utf-8"))
    phrases = data.get("phrases", [])
    guards = data.get("guards", [])
    out: list[str] = [
        f"### Fixed phrases ({len(phrases)}) {{#fixed-phrases}}",
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
            f"*{_sentence(phrase['reason'])}*",
            "",
            "- Phrases: " + ", ".join(_code(t) for t in phrase["texts"]),
            *_protected_examples(phrase),
            "",
        ]
    out += [
        f"### Guards ({len(guards)}) {{#guards}}",
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
            f"*{_sentence(guard['reason'])}*",
            "",
            f"- Entities: {_entities(guard['entities'])}",
        ]
        for field in ("before", "after", "sentence"):
            if guard.get(field) is not None:
                out.append(f"- {field.capitalize()}: {_code(guard[field])}")
        out += [*_protected_examples(guard), ""]
    patterns = [
        ("spelling_cues", "talk about spellings: found anywhere in the name's sentence."),
        (
            "gloss_before",
            "a gloss that introduces an old form: must match the end of the text before the name.",
        ),
        ("gloss_after", "a gloss that follows an old form: must match right after the name."),
    ]
    present = [(key, what) for key, what in patterns if key in data]
    if present:
        out += ["### Patterns {#patterns}", ""]
        for key, what in present:
            out += [f"- `{key}`: {what}", "", f"    {_code(data[key])}", ""]
    return "\n".join(out).rstrip("\n")


# -- rules ------------------------------------------------------------------------


def render_rules() -> str:
    """Every rule of ``data/rules/*.json``, grouped by file (domain)."""
    out: list[str] = []
    files = sorted((DATA / "rules").glob("*.json"))
    total = 0
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        rules = data.get("rules", [])
        total += len(rules)
        domain = data.get("domain", path.stem)
        out += [f"#### {domain} ({len(rules)})", ""]
        if data.get("description"):
            out += [f"{_sentence(data['description'])} File: `src/toponorm/data/rules/{path.name}`.", ""]
        for rule in rules:
            state = "" if rule.get("enabled", True) else " — *ships switched off*"
            out += [f"##### `{rule['id']}`{state}", "", f"{_sentence(rule['description'])}"]
            out += ["", f"*{_sentence(rule['reason'])}*", ""]
            if rule.get("note"):
                out += [_sentence(rule["note"]), ""]
            out.append("- Triggers: " + ", ".join(_code(t) for t in rule["triggers"]))
            out.append(f"- Pattern: {_code(rule['pattern'])} → {_code(rule['replacement'])}")
            window = rule.get("window", 120)
            for field, label in (("require", "Requires one of, within"), ("forbid", "Forbids, within")):
                if rule.get(field):
                    out.append(f"- {label} {window} characters: " + ", ".join(_code(p) for p in rule[field]))
            extras = []
            if rule.get("case_sensitive"):
                extras.append("case-sensitive")
            if rule.get("article"):
                extras.append(f"takes the article *{rule['article']}*")
            extras.append(f"confidence {rule.get('confidence', 0.9)}")
            out.append("- " + "; ".join(extras))
            examples = rule.get("examples", {})
            for source, expected in examples.get("change", []):
                out.append(f"- Changes {_quote(source)} to {_quote(expected)}")
            if examples.get("keep"):
                out.append("- Keeps " + "; ".join(_quote(k) for k in examples["keep"]))
            out.append("")
    head = [f"{total} rules in {len(files)} files.", ""]
    return "\n".join(head + out).rstrip("\n")


# -- the generated blocks -----------------------------------------------------------


@dataclass(frozen=True)
class Block:
    page: str  # path relative to docs/
    source: str  # what it is generated from, for the markers
    render: Callable[[], str]

    @property
    def begin(self) -> str:
        return f"<!-- BEGIN generated from {self.source}: {COMMAND} -->"

    @property
    def end(self) -> str:
        return f"<!-- END generated from {self.source} -->"

    def fresh(self) -> str:
        return f"{self.begin}\n\n{self.render()}\n\n{self.end}"

    def split(self, page: str) -> tuple[str, str, str] | None:
        if self.begin not in page or self.end not in page:
            return None
        head, rest = page.split(self.begin, 1)
        block, tail = rest.split(self.end, 1)
        return head, self.begin + block + self.end, tail


BLOCKS = (
    Block("protected.md", "src/toponorm/data/protected.json", render_protected),
    Block("policy.md", "src/toponorm/data/rules/*.json", render_rules),
)


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """MkDocs hook: render generated blocks from the data files; warn when stale."""
    for block in BLOCKS:
        if page.file.src_uri != block.page:
            continue
        parts = block.split(markdown)
        if parts is None:
            log.warning(
                "docs/%s has lost the markers of the list generated from %s", block.page, block.source
            )
            continue
        head, current, tail = parts
        fresh = block.fresh()
        if current != fresh:
            log.warning("docs/%s is out of date with %s; run: %s", block.page, block.source, COMMAND)
        markdown = head + fresh + tail
    return markdown


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = 0
    for block in BLOCKS:
        path = ROOT / "docs" / block.page
        page = path.read_text(encoding="utf-8")
        parts = block.split(page)
        if parts is None:
            print(f"docs/{block.page}: markers for {block.source} not found", file=sys.stderr)
            return 2
        head, current, tail = parts
        fresh = block.fresh()
        if current == fresh:
            print(f"docs/{block.page}: up to date")
            continue
        stale += 1
        if check:
            print(f"docs/{block.page}: stale, run {COMMAND}")
        else:
            path.write_text(head + fresh + tail, encoding="utf-8")
            print(f"docs/{block.page}: updated")
    return 1 if check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
