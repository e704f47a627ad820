"""Pictures of the knowledge base, drawn at build time as inline SVG.

Makes the topic map (topics and their questions as a clickable radial
graph), bar charts of questions per topic, per company and per role, the
topic-map page (`map.md`) and the charts block of the home page.

It does not load a JavaScript library, a font or anything from a CDN: the
SVG is plain text in the page. Colours come from mkdocs-material's CSS
variables and `currentColor` (docs/assets/kb-site.css), so the pictures
follow the light and dark palettes. Every piece of text is XML-escaped, and
every link is a URL relative to the page it is on (raw HTML is not rewritten
by mkdocs), so the site works from any base URL or sub-path.

Links inside the SVG are `xlink:href`, not `href`: mkdocs-material 9.8's
instant navigation assigns `el.href` on every `[href]` element and reads
`new URL(a.href)` on clicks, both of which throw for an SVG `<a>` (its href is
an SVGAnimatedString) and stop instant navigation for the rest of the visit.
docs/assets/kb-site.js hands clicks on SVG links to instant navigation.
"""

from __future__ import annotations

import math
import posixpath
from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from html import escape

from jinja2 import Environment

from .models import Entry, KnowledgeBase, Topic
from .topics import order_for_topic

MAP_PAGE = "map.md"
HOME_CHARTS_MARKER = "<!-- kb:home-charts -->"
MAP_ENTRIES_PER_TOPIC = 12  # more would not be readable on the outer ring
UNKNOWN_COMPANY = "未注明公司"  # company not given
UNKNOWN_ROLE = "未注明岗位"  # role not given


def x(text: object) -> str:
    """Text or an attribute value, safe inside SVG/HTML."""
    return escape(str(text), quote=True)


def url_from(page: str, target_url: str) -> str:
    """A link from a docs page (`map.md`, `index.md`) to a site URL
    (`topics/lora/#q-1`, directory URLs), relative so sub-paths work."""
    from .render import page_url  # render imports this module lazily

    here = page_url(page).rstrip("/") or "."
    path, _, anchor = target_url.partition("#")
    rel = posixpath.relpath(path.rstrip("/") or ".", here)
    rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


def _truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str = ""  # "" = not a link
    title: str = ""  # tooltip; the label when empty


def bar_chart(bars: list[Bar], caption: str, unit: str = "个问题") -> str:
    """A horizontal bar chart as one line of SVG (no blank lines: it sits in Markdown)."""
    if not bars:
        return ""
    row, label_w, bar_w, pad = 24, 150, 250, 6
    width = label_w + bar_w + 60
    height = row * len(bars) + 2 * pad
    top = max(b.value for b in bars) or 1
    parts = [
        f'<svg class="kb-chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" aria-label="{x(caption)}">',
        f"<title>{x(caption)}</title>",
    ]
    for i, b in enumerate(bars):
        y = pad + i * row
        w = max(2.0, bar_w * b.value / top)
        tip = x(f"{b.title or b.label}:{b.value} {unit}")
        body = (
            f'<title>{tip}</title>'
            f'<text class="kb-chart__label" x="{label_w - 8}" y="{y + row / 2}" text-anchor="end"'
            f' dominant-baseline="central">{x(_truncate(b.label, 11))}</text>'
            f'<rect class="kb-chart__bar" x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" rx="3"/>'
            f'<text class="kb-chart__value" x="{label_w + w + 6:.1f}" y="{y + row / 2}"'
            f' dominant-baseline="central">{b.value}</text>'
        )
        if b.href:
            parts.append(f'<a class="kb-chart__row" xlink:href="{x(b.href)}">{body}</a>')
        else:
            parts.append(f'<g class="kb-chart__row">{body}</g>')
    parts.append("</svg>")
    return "".join(parts)


def figure(svg: str, caption: str, cls: str = "kb-figure") -> str:
    """A raw-HTML block for Markdown: kept out of the search index."""
    return (f'<figure class="{cls}" data-search-exclude>\n{svg}\n'
            f"<figcaption>{x(caption)}</figcaption>\n</figure>")


@dataclass(frozen=True)
class Facts:
    """What the pictures show, computed once from the knowledge base."""

    topics: list[Topic]  # shown topics, taxonomy order
    entries_of: dict[str, list[Entry]]  # slug -> entries tagged with it, most asked first
    home_of: dict[str, str]  # entry id -> slug of the page that shows it in full
    entry_url: dict[str, str]  # entry id -> site URL
    topic_url: dict[str, str]  # slug -> site URL
    companies: dict[str, set[str]]  # company -> entry ids asked there
    roles: dict[str, set[str]]  # role -> entry ids asked there

    @classmethod
    def of(cls, kb: KnowledgeBase, site, pages: dict[str, str]) -> "Facts":
        from .render import UNCATEGORIZED, _topic_order, page_url, topic_path

        entries_of: dict[str, list[Entry]] = defaultdict(list)
        for entry in kb.entries:
            for slug in entry.topics or (UNCATEGORIZED,):
                entries_of[slug].append(entry)
        shown = [site.topics[s] for s in _topic_order(kb.topics) if topic_path(s) in pages]
        companies: dict[str, set[str]] = defaultdict(set)
        roles: dict[str, set[str]] = defaultdict(set)
        for entry in kb.entries:
            for q in entry.questions:
                doc = site.documents.get(q.source)
                if q.kind == "followup" or doc is None:
                    continue
                companies[doc.meta.company or UNKNOWN_COMPANY].add(entry.id)
                roles[doc.meta.role or UNKNOWN_ROLE].add(entry.id)
        return cls(
            topics=shown,
            entries_of={s: order_for_topic(v, site.documents) for s, v in entries_of.items()},
            home_of={e.id: (e.topics[0] if e.topics else UNCATEGORIZED) for e in kb.entries},
            entry_url={e.id: site.entry_url(e.id) for e in kb.entries},
            topic_url={t.slug: page_url(topic_path(t.slug)) for t in shown},
            companies=dict(companies),
            roles=dict(roles),
        )

    def count(self, slug: str) -> int:
        return len(self.entries_of.get(slug, []))


def topic_chart(facts: Facts, page: str, top_level_only: bool = False) -> str:
    bars = [
        Bar(t.title, facts.count(t.slug), url_from(page, facts.topic_url[t.slug]), t.title_en or t.title)
        for t in facts.topics
        if facts.count(t.slug) and not (top_level_only and t.parent)
    ]
    return bar_chart(bars, "每个专题的问题数")


def group_chart(groups: dict[str, set[str]], caption: str, unknown: str) -> str:
    ranked = sorted(groups.items(), key=lambda kv: (kv[0] == unknown, -len(kv[1]), kv[0]))
    return bar_chart([Bar(name, len(ids)) for name, ids in ranked[:12]], caption)


def topic_map(facts: Facts, page: str) -> str:
    """Topics and their questions as a radial graph: the knowledge base in the
    middle, top-level topics on the first ring, subtopics on the second, each
    topic's most asked questions as dots on the outer ring (labelled, linked);
    dashed lines join a question to its other topics."""
    size, cx = 1240, 620
    ring = {1: 150, 2: 250, 3: 325}  # topic depth -> radius
    r_leaf = 400
    parent = {t.slug: t.parent for t in facts.topics}
    slugs = [t.slug for t in facts.topics]
    title = {t.slug: t.title for t in facts.topics}

    def leaves(slug: str) -> list[Entry]:
        own = [e for e in facts.entries_of.get(slug, []) if facts.home_of[e.id] == slug]
        return own[:MAP_ENTRIES_PER_TOPIC]

    def weight(slug: str) -> int:
        kids = [s for s in slugs if parent[s] == slug]
        return max(1, len(leaves(slug)) + sum(weight(k) for k in kids))

    # angles: each top-level topic gets a sector proportional to its weight
    pos: dict[str, tuple[float, float, float]] = {}  # slug -> (angle, x, y)
    leaf_pos: list[tuple[Entry, str, float]] = []  # entry, home slug, angle
    roots = [s for s in slugs if not parent[s] or parent[s] not in parent]
    total = sum(weight(s) for s in roots) or 1

    def point(angle: float, radius: float) -> tuple[float, float]:
        return cx + radius * math.cos(angle), cx + radius * math.sin(angle)

    depth: dict[str, int] = {}

    def place(slug: str, start: float, span: float, level: int) -> None:
        mid = start + span / 2
        depth[slug] = level
        pos[slug] = (mid, *point(mid, ring[min(level, 3)]))
        kids = [s for s in slugs if parent[s] == slug]
        units = [(e, None) for e in leaves(slug)] + [(None, k) for k in kids]
        step = span / max(1, sum(1 if k is None else weight(k) for _, k in units))
        at = start
        for entry, kid in units:
            if kid is None:
                leaf_pos.append((entry, slug, at + step / 2))
                at += step
            else:
                place(kid, at, step * weight(kid), level + 1)
                at += step * weight(kid)

    at = -math.pi / 2
    for slug in roots:
        span = 2 * math.pi * weight(slug) / total
        place(slug, at, span, 1)
        at += span

    out = [
        f'<svg class="kb-map" role="img" viewBox="0 0 {size} {size}" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        f' aria-label="专题地图:专题与问题的关系图">',
        "<title>专题地图</title>",
        '<g class="kb-map__edges">',
    ]
    for slug in slugs:
        a, px, py = pos[slug]
        ox, oy = (cx, cx) if parent[slug] not in pos else pos[parent[slug]][1:]
        out.append(f'<line x1="{ox:.1f}" y1="{oy:.1f}" x2="{px:.1f}" y2="{py:.1f}"/>')
    for entry, home, a in leaf_pos:
        lx, ly = point(a, r_leaf)
        hx, hy = pos[home][1:]
        out.append(f'<line x1="{hx:.1f}" y1="{hy:.1f}" x2="{lx:.1f}" y2="{ly:.1f}"/>')
    out.append("</g>")
    out.append('<g class="kb-map__cross">')  # a question's other topics
    for entry, home, a in leaf_pos:
        lx, ly = point(a, r_leaf)
        for other in entry.topics[1:]:
            if other in pos:
                ox, oy = pos[other][1:]
                out.append(f'<line x1="{lx:.1f}" y1="{ly:.1f}" x2="{ox:.1f}" y2="{oy:.1f}"/>')
    out.append("</g>")
    for entry, home, a in leaf_pos:
        lx, ly = point(a, r_leaf)
        deg = math.degrees(a) % 360
        flip = 90 < deg < 270
        tx, ty = point(a, r_leaf + 9)
        rot = deg + 180 if flip else deg
        label = x(_truncate(entry.title, 16))
        out.append(
            f'<a class="kb-map__entry" xlink:href="{x(url_from(page, facts.entry_url[entry.id]))}"'
            f' data-entry="{x(entry.id)}"><title>{x(entry.title)}</title>'
            f'<circle cx="{lx:.1f}" cy="{ly:.1f}" r="4.5"/>'
            f'<text x="{tx:.1f}" y="{ty:.1f}" transform="rotate({rot:.1f} {tx:.1f} {ty:.1f})"'
            f' text-anchor="{"end" if flip else "start"}" dominant-baseline="central">{label}</text></a>'
        )
    out.append(f'<a class="kb-map__root" xlink:href="{x(url_from(page, "topics/"))}"><title>全部专题</title>'
               f'<circle cx="{cx}" cy="{cx}" r="34"/>'
               f'<text x="{cx}" y="{cx}" text-anchor="middle" dominant-baseline="central">专题</text></a>')
    for slug in slugs:
        a, px, py = pos[slug]
        count = facts.count(slug)
        radius = 9 + min(14, 2.2 * math.sqrt(count))
        # the label sits beside the node, away from the centre
        lx, ly = point(a, ring[min(depth[slug], 3)] + radius + 5)
        if abs(math.cos(a)) < 0.35:  # near the top or bottom: above or below it
            side, ly = "middle", ly + (6 if math.sin(a) > 0 else -2)
        else:
            side = "start" if math.cos(a) > 0 else "end"
        label = f'x="{lx:.1f}" y="{ly:.1f}" text-anchor="{side}" dominant-baseline="central"'
        out.append(
            f'<a class="kb-map__topic{" kb-map__topic--sub" if depth[slug] > 1 else ""}"'
            f' xlink:href="{x(url_from(page, facts.topic_url[slug]))}" data-topic="{x(slug)}">'
            f"<title>{x(title[slug])}:{count} 个问题</title>"
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{radius:.1f}"/>'
            f"<text {label}>{x(_truncate(title[slug], 9))}</text></a>"
        )
    out.append("</svg>")
    return "".join(out)


def render_pages(kb: KnowledgeBase, site, env: Environment, pages: dict[str, str]) -> dict[str, str]:
    """The topic-map page, and the home page with its charts filled in."""
    from .render import HOME_PAGE, times_asked

    facts = Facts.of(kb, site, pages)
    made = {
        MAP_PAGE: env.get_template("map.md.j2").render(
            site=site, kb=kb, path=MAP_PAGE, facts=facts, times_asked=partial(times_asked, sources=site.documents),
            per_topic=MAP_ENTRIES_PER_TOPIC,
            topic_map=figure(topic_map(facts, MAP_PAGE), "点击专题或问题打开它;虚线连到问题所属的其他专题。", "kb-figure kb-figure--map"),
            topic_chart=figure(topic_chart(facts, MAP_PAGE), "每个专题的问题数(含子专题的问题)"),
            company_chart=figure(group_chart(facts.companies, "每家公司被问到的问题数", UNKNOWN_COMPANY), "按公司:面经里被问到的不同问题数"),
            role_chart=figure(group_chart(facts.roles, "每个岗位被问到的问题数", UNKNOWN_ROLE), "按岗位:面经里被问到的不同问题数"),
        )
    }
    home = pages.get(HOME_PAGE)
    if home is not None and HOME_CHARTS_MARKER in home:
        charts = "\n\n".join([
            "## 图表",
            figure(topic_chart(facts, HOME_PAGE, top_level_only=True), "每个专题的问题数(点击打开专题)"),
            figure(group_chart(facts.companies, "每家公司被问到的问题数", UNKNOWN_COMPANY), "按公司:面经里被问到的不同问题数"),
        ])
        made[HOME_PAGE] = home.replace(HOME_CHARTS_MARKER, charts)
    return made
