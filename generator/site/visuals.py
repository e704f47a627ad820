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
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from html import escape

from jinja2 import Environment

from generator.model import Entry, KnowledgeBase, QuestionKind, Topic
from generator.merge.topics import order_for_topic
from generator.site.urls import UNCATEGORIZED, ordered_topics, page_url, topic_path

MAP_PAGE = "map.md"
MAP_ENTRIES_PER_TOPIC = 12  # more would not be readable on the outer ring
UNKNOWN_COMPANY = "未注明公司"  # company not given
UNKNOWN_ROLE = "未注明岗位"  # role not given


def x(text: object) -> str:
    """Text or an attribute value, safe inside SVG/HTML."""
    return escape(str(text), quote=True)


def url_from(page: str, target_url: str) -> str:
    """A link from a docs page (`map.md`, `index.md`) to a site URL
    (`topics/lora/#q-1`, directory URLs), relative so sub-paths work."""
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
        f' xmlns="http://www.w3.org/2000/svg" aria-label="{x(caption)}">',
        f"<title>{x(caption)}</title>",
    ]
    for i, b in enumerate(bars):
        y = pad + i * row
        w = max(2.0, bar_w * b.value / top)
        tip = x(f"{b.title or b.label}：{b.value} {unit}")
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

        entries_of: dict[str, list[Entry]] = defaultdict(list)
        for entry in kb.entries:
            for slug in entry.topics or (UNCATEGORIZED,):
                entries_of[slug].append(entry)
        shown = [site.topics[s] for s in ordered_topics(kb.topics) if topic_path(s) in pages]
        companies: dict[str, set[str]] = defaultdict(set)
        roles: dict[str, set[str]] = defaultdict(set)
        for entry in kb.entries:
            for q in entry.questions:
                doc = site.documents.get(q.source)
                if q.kind == QuestionKind.FOLLOWUP or doc is None:
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


# Text metrics for laying out labels at build time (no font is measured: the
# estimate is generous, so a label drawn in any CJK-capable sans-serif fits).
TOPIC_FONT = 16  # px in the map's coordinates; docs/assets/kb-site.css sets the same size
TOPIC_LINE_EM = 6.5  # a topic label wider than this wraps onto a second line
TIP_FONT = 16  # the question tooltip (shown on hover and keyboard focus)
TIP_LINE_EM = 16
TIP_LINES = 3
_TOKEN = re.compile(r"[A-Za-z0-9_.+\-/#'’]+|\s+|.")


def text_em(text: str) -> float:
    """Estimated width of `text` in em: CJK and full-width characters are 1em,
    Latin letters and digits about 0.6em (bold), spaces 0.3em."""
    width = 0.0
    for ch in text:
        if ch.isspace():
            width += 0.3
        elif unicodedata.east_asian_width(ch) in "WF":
            width += 1.0
        elif ch.isupper() or ch.isdigit():
            width += 0.68
        else:
            width += 0.56
    return width


def wrap_label(text: str, line_em: float, max_lines: int) -> list[str]:
    """`text` in lines no wider than `line_em` em, breaking between CJK
    characters or at spaces, never inside a Latin word (a word wider than a
    line gets a line of its own); the last line ends with "…" when the text
    does not fit."""
    text = " ".join(text.split())
    lines: list[str] = []
    line = ""
    for tok in _TOKEN.findall(text):
        if text_em(line + tok) <= line_em or not line.strip():
            line += tok
            continue
        lines.append(line.rstrip())
        line = "" if tok.isspace() else tok
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_em(last + "…") > line_em:
            last = last[:-1].rstrip()
        lines = lines[: max_lines - 1] + [last + "…"]
    return lines


def topic_label_lines(title: str) -> list[str]:
    """A topic's label on the map: one line when it fits, else two lines split
    at the space that balances them best (or in the middle of a CJK run); a
    topic title is never cut."""
    title = " ".join(title.split())
    if text_em(title) <= TOPIC_LINE_EM:
        return [title]
    cuts = [i for i, ch in enumerate(title) if ch == " "]
    if cuts:
        i = min(cuts, key=lambda i: (max(text_em(title[:i]), text_em(title[i + 1:])), i))
        return [title[:i], title[i + 1:]]
    tokens = _TOKEN.findall(title)
    best = min(range(1, len(tokens)), key=lambda k: (
        max(text_em("".join(tokens[:k])), text_em("".join(tokens[k:]))), k), default=None)
    if best is None:
        return [title]
    return ["".join(tokens[:best]), "".join(tokens[best:])]


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def _overlaps(a: Box, b: Box, gap: float = 2.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def _f(v: float) -> str:
    """A coordinate, rounded so the SVG is the same bytes on every machine."""
    out = f"{v:.1f}"
    return "0.0" if out == "-0.0" else out


def topic_map(facts: Facts, page: str) -> str:
    """Topics and their questions as a radial graph: the knowledge base in the
    middle, top-level topics on the first ring, subtopics on the second, each
    topic's most asked questions as dots on the outer ring (linked; the
    question's title shows on hover and keyboard focus); dashed lines join a
    question to its other topics. Drawn around (0, 0); the view box is fitted
    to what is drawn."""
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
        return radius * math.cos(angle), radius * math.sin(angle)

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

    # topic labels: beside the node, away from the centre when there is room,
    # else below, above or inside it; never over another label or node
    root_r = 34
    node_r = {s: 9 + min(14, 2.2 * math.sqrt(facts.count(s))) for s in slugs}
    nodes: list[Box] = [(-root_r, -root_r, root_r, root_r)] + [
        (pos[s][1] - node_r[s], pos[s][2] - node_r[s], pos[s][1] + node_r[s], pos[s][2] + node_r[s]) for s in slugs]
    line_h = TOPIC_FONT * 1.2
    placed: list[Box] = []
    labels: dict[str, tuple[list[str], str, float, float]] = {}  # slug -> lines, anchor, x, top
    for slug in slugs:
        a, px, py = pos[slug]
        r = node_r[slug]
        lines = topic_label_lines(title[slug])
        w = max(text_em(line) for line in lines) * TOPIC_FONT
        h = line_h * len(lines)
        out_side = "start" if math.cos(a) >= 0 else "end"
        in_side = "end" if out_side == "start" else "start"
        def beside(side: str, px: float = px, py: float = py, r: float = r, h: float = h) -> tuple[str, float, float]:
            return side, px + (r + 5) * (1 if side == "start" else -1), py - h / 2

        below = ("middle", px, py + r + 3)
        above = ("middle", px, py - r - 3 - h)
        near_vertical = abs(math.cos(a)) < 0.35
        outward = (below if math.sin(a) > 0 else above) if near_vertical else beside(out_side)
        candidates = [outward, beside(out_side), below, above, beside(in_side)]
        own = (px - r, py - r, px + r, py + r)

        def box(c: tuple[str, float, float], w: float = w, h: float = h) -> Box:
            side, lx, top = c
            x0 = lx if side == "start" else lx - w if side == "end" else lx - w / 2
            return (x0, top, x0 + w, top + h)

        choice = next((c for c in candidates
                       if not any(_overlaps(box(c), b) for b in placed)
                       and not any(_overlaps(box(c), n, 0) for n in nodes if n != own)), candidates[0])
        placed.append(box(choice))
        labels[slug] = (lines, *choice)

    # question tooltips: a box just inside the dot, toward the centre
    tip_h_line = TIP_FONT * 1.3
    half = max([r_leaf + 14] + [max(abs(v) for v in b) + 6 for b in placed])
    half = math.ceil(half / 10) * 10
    tips: dict[str, tuple[Box, list[str]]] = {}
    for entry, home, a in leaf_pos:
        lines = wrap_label(entry.title, TIP_LINE_EM, TIP_LINES)
        w = max(text_em(line) for line in lines) * TIP_FONT + 16
        h = tip_h_line * len(lines) + 10
        ax, ay = point(a, r_leaf - 30)  # clear of the neighbouring dots
        bx = ax - w * (1 + math.cos(a)) / 2
        by = ay - h * (1 + math.sin(a)) / 2
        bx = min(max(bx, -half + 2), half - 2 - w)
        by = min(max(by, -half + 2), half - 2 - h)
        tips[entry.id] = ((bx, by, bx + w, by + h), lines)

    size = 2 * half
    out = [
        f'<svg class="kb-map" role="img" viewBox="{-half} {-half} {size} {size}" xmlns="http://www.w3.org/2000/svg"'
        f' aria-label="专题地图：专题与问题的关系图">',
        "<title>专题地图</title>",
        '<g class="kb-map__edges">',
    ]
    for slug in slugs:
        a, px, py = pos[slug]
        ox, oy = (0.0, 0.0) if parent[slug] not in pos else pos[parent[slug]][1:]
        out.append(f'<line x1="{_f(ox)}" y1="{_f(oy)}" x2="{_f(px)}" y2="{_f(py)}"/>')
    for entry, home, a in leaf_pos:
        lx, ly = point(a, r_leaf)
        hx, hy = pos[home][1:]
        out.append(f'<line x1="{_f(hx)}" y1="{_f(hy)}" x2="{_f(lx)}" y2="{_f(ly)}"/>')
    out.append("</g>")
    out.append('<g class="kb-map__cross">')  # a question's other topics
    for entry, home, a in leaf_pos:
        lx, ly = point(a, r_leaf)
        for other in entry.topics[1:]:
            if other in pos:
                ox, oy = pos[other][1:]
                out.append(f'<line x1="{_f(lx)}" y1="{_f(ly)}" x2="{_f(ox)}" y2="{_f(oy)}"/>')
    out.append("</g>")
    out.append(f'<a class="kb-map__root" xlink:href="{x(url_from(page, "topics/"))}"><title>全部专题</title>'
               f'<circle cx="0" cy="0" r="{root_r}"/>'
               f'<text x="0" y="0" text-anchor="middle" dominant-baseline="central">专题</text></a>')
    for slug in slugs:
        a, px, py = pos[slug]
        count = facts.count(slug)
        lines, side, lx, top = labels[slug]
        spans = "".join(
            f'<tspan x="{_f(lx)}" y="{_f(top + line_h * (i + 0.5))}">{x(line)}</tspan>' for i, line in enumerate(lines))
        out.append(
            f'<a class="kb-map__topic{" kb-map__topic--sub" if depth[slug] > 1 else ""}"'
            f' xlink:href="{x(url_from(page, facts.topic_url[slug]))}" data-topic="{x(slug)}">'
            f"<title>{x(title[slug])}：{count} 个问题</title>"
            f'<circle cx="{_f(px)}" cy="{_f(py)}" r="{_f(node_r[slug])}"/>'
            f'<text text-anchor="{side}" dominant-baseline="central">{spans}</text></a>'
        )
    # questions last, so that a question's tooltip is drawn over the topics
    for entry, home, a in leaf_pos:
        lx, ly = point(a, r_leaf)
        (bx, by, bx1, by1), lines = tips[entry.id]
        spans = "".join(
            f'<tspan x="{_f(bx + 8)}" y="{_f(by + 5 + tip_h_line * (i + 0.5))}">{x(line)}</tspan>'
            for i, line in enumerate(lines))
        out.append(
            f'<a class="kb-map__entry" xlink:href="{x(url_from(page, facts.entry_url[entry.id]))}"'
            f' data-entry="{x(entry.id)}" aria-label="{x(entry.title)}">'
            f'<circle class="kb-map__hit" cx="{_f(lx)}" cy="{_f(ly)}" r="11"/>'
            f'<circle class="kb-map__dot" cx="{_f(lx)}" cy="{_f(ly)}" r="5.5"/>'
            f'<g class="kb-map__tip"><rect x="{_f(bx)}" y="{_f(by)}" width="{_f(bx1 - bx)}" height="{_f(by1 - by)}" rx="6"/>'
            f'<text dominant-baseline="central">{spans}</text></g></a>'
        )
    out.append("</svg>")
    return "".join(out)


def map_page(kb: KnowledgeBase, site, env: Environment, facts: Facts) -> str:
    """The topic-map page: the map and the charts."""
    return env.get_template("map.md.j2").render(
        site=site, kb=kb, path=MAP_PAGE, facts=facts,  # times_asked: the env's, as on every page
        per_topic=MAP_ENTRIES_PER_TOPIC,
        topic_map=figure(topic_map(facts, MAP_PAGE), "点击专题或问题打开它；指针停在外圈的圆点上（或用 Tab 键选中它）时显示问题；虚线连到问题所属的其他专题。", "kb-figure kb-figure--map"),
        topic_chart=figure(topic_chart(facts, MAP_PAGE), "每个专题的问题数（含子专题的问题）"),
        company_chart=figure(group_chart(facts.companies, "每家公司被问到的问题数", UNKNOWN_COMPANY), "按公司：面经里被问到的不同问题数"),
        role_chart=figure(group_chart(facts.roles, "每个岗位被问到的问题数", UNKNOWN_ROLE), "按岗位：面经里被问到的不同问题数"),
    )


def home_charts(facts: Facts, home_page: str) -> str:
    """The home page's charts section (Markdown with inline SVG)."""
    return "\n\n".join([
        "## 图表",
        figure(topic_chart(facts, home_page, top_level_only=True), "每个专题的问题数（点击打开专题）"),
        figure(group_chart(facts.companies, "每家公司被问到的问题数", UNKNOWN_COMPANY), "按公司：面经里被问到的不同问题数"),
    ])
