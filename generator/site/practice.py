"""What the home page's 随机一题 draws from: `random.json`, a small list of
the entries with what a draw shows and nothing more (id, title, link, topic,
answered or not).

kb.json holds every answer and is tens of megabytes at scale; the draw
(`docs/assets/kb-random.js`) reads this file instead. An entry filed only
under topics marked `personal` in topics.yml (自我介绍: about the reader,
not a question to prepare) is not listed.

This module only computes and writes the file; `build.write_data` calls
`write_random` next to kb.json and ids.json.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.model import KnowledgeBase
from generator.site.render import SiteMap, answered
from generator.site.urls import UNCATEGORIZED

RANDOM_FILE = "random.json"


def drawn(kb: KnowledgeBase) -> list:
    """The entries a draw may show: all but those filed only under personal topics."""
    personal = {t.slug for t in kb.topics if t.personal}
    return [e for e in kb.entries if not (e.topics and set(e.topics) <= personal)]


def random_records(kb: KnowledgeBase, site: SiteMap | None = None) -> list[dict]:
    """One record per entry that may be drawn, in the knowledge base's order."""
    site = site or SiteMap.of(kb)
    records = []
    for entry in drawn(kb):
        slug = entry.topics[0] if entry.topics else UNCATEGORIZED
        topic = site.topics.get(slug)
        records.append({
            "id": entry.id,
            "title": entry.title,
            "url": site.entry_url(entry.id),
            "topic": topic.title if topic else "",
            "answered": bool(answered(entry)),
        })
    return records


def random_json(kb: KnowledgeBase, site: SiteMap | None = None) -> str:
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    # One record per line: the file stays small, and a diff readable.
    return "[\n" + ",\n".join(map(encode, random_records(kb, site))) + "\n]\n"


def write_random(kb: KnowledgeBase, site_dir: Path, site: SiteMap | None = None) -> Path:
    """Write `random.json` into the built site; returns its path."""
    path = Path(site_dir) / RANDOM_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(random_json(kb, site), encoding="utf-8")
    return path
