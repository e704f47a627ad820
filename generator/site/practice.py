"""What the home page's 随机一题 draws from: the entries with what a draw
shows and nothing more (id, title, link, topic, answered or not), in files
of PER_FILE entries (`random/N.json`), and `random.json`, which lists them
with how many entries, and answered entries, each holds.

kb.json holds every answer and is tens of megabytes at scale; the draw
(`docs/assets/kb-random.js`) reads the list, picks an entry among all (or
all answered) ones, and fetches the one file that holds it. An entry filed only
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
RANDOM_FOLDER = "random"
PER_FILE = 1000  # entries a file holds: a draw fetches one file


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


def random_files(kb: KnowledgeBase, site: SiteMap | None = None) -> dict[str, str]:
    """Site-relative path -> text: `random.json` (the list of files) and the files."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    records = random_records(kb, site)
    out, files = {}, []
    for start in range(0, len(records), PER_FILE):
        chunk = records[start:start + PER_FILE]
        name = f"{RANDOM_FOLDER}/{start // PER_FILE}.json"
        # One record per line: the files stay small, and a diff readable.
        out[name] = "[\n" + ",\n".join(map(encode, chunk)) + "\n]\n"
        files.append({"file": name, "all": len(chunk), "answered": sum(1 for r in chunk if r["answered"])})
    out[RANDOM_FILE] = json.dumps({"files": files}, ensure_ascii=False, indent=1) + "\n"
    return out


def write_random(kb: KnowledgeBase, site_dir: Path, site: SiteMap | None = None) -> Path:
    """Write `random.json` and its files into the built site; returns its path."""
    for name, text in random_files(kb, site).items():
        path = Path(site_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Path(site_dir) / RANDOM_FILE
