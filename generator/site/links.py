"""Stable links: `ids.json`, every entry id and alias -> the entry's current URL.

An entry's id never changes while one of its wordings is still asked, and
the id of an entry merged into another stays on the page as an anchor alias
(see dedupe.entry_id); an id retired by a change to the rules is listed in
generator/data/former_ids.yml with the id that replaced it. When an entry moves to another topic page, or is
merged into an entry on another page, an old link `topics/old/#q-x` reaches
a page without that anchor: `docs/assets/kb-redirect.js` then looks the id up
in `ids.json` and goes to where the entry is now.

This module only computes and writes the map; the plugin calls `write_ids`
after the build (on_post_build), next to kb.json.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator import rules
from generator.model import KnowledgeBase
from generator.site.render import SiteMap

IDS_FILE = "ids.json"


def id_map(kb: KnowledgeBase, site: SiteMap | None = None) -> dict[str, str]:
    """id -> URL (relative to the site root, with the entry's anchor), for
    every entry and every alias; sorted, so the file is byte-stable.
    `site`: SiteMap.of(kb), when already made."""
    site = site or SiteMap.of(kb)
    urls: dict[str, str] = {}
    for entry in kb.entries:
        url = site.entry_url(entry.id)
        urls[entry.id] = url
        for alias in entry.aliases:
            urls.setdefault(alias, url)
    for retired, current in former_ids().items():
        if current in urls:
            urls.setdefault(retired, urls[current])
    return dict(sorted(urls.items()))


def former_ids() -> dict[str, str]:
    """Ids retired by a change to the rules -> the id that replaced each
    (generator/data/former_ids.yml)."""
    return dict(rules.load("former_ids.yml") or {})


def ids_json(kb: KnowledgeBase, site: SiteMap | None = None) -> str:
    return json.dumps(id_map(kb, site), ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def write_ids(kb: KnowledgeBase, site_dir: Path, site: SiteMap | None = None) -> Path:
    """Write `ids.json` into the built site; returns its path."""
    path = Path(site_dir) / IDS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ids_json(kb, site), encoding="utf-8")
    return path
