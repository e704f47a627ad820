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
MAP_LIST_PER_TOPIC = 50  # the text list under the map: the most asked; the topic page has them all
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
        Bar(t.title, facts.count(t.slug), url_from(page, facts.topic_url[t.slug]))
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


# The topic map: first laid out (plain data: where every node, label and
# tooltip goes), then drawn as SVG from that layout.

TOPIC_RINGS = {1: 150, 2: 250, 3: 325}  # topic depth -> radius; deeper topics share the last ring
QUESTION_RING = 400
ROOT_R = 34  # the knowledge base in the middle
TOPIC_LINE_H = TOPIC_FONT * 1.2
TIP_LINE_H = TIP_FONT * 1.3


@dataclass(frozen=True)
class Label:
    """A topic's label: its lines, drawn with `anchor` (SVG text-anchor) at x."""

    lines: list[str]
    anchor: str  # "start", "middle" or "end"
    x: float
    top: float
    width: float
    height: float

    @property
    def box(self) -> Box:
        x0 = self.x - {"start": 0, "middle": self.width / 2, "end": self.width}[self.anchor]
        return (x0, self.top, x0 + self.width, self.top + self.height)


@dataclass(frozen=True)
class TopicNode:
    slug: str
    title: str
    count: int  # its questions
    depth: int  # 1 = top level
    x: float
    y: float
    r: float
    edge_from: tuple[float, float]  # its parent topic, or the centre
    label: Label


@dataclass(frozen=True)
class QuestionDot:
    entry_id: str
    title: str
    x: float
    y: float
    home: tuple[float, float]  # the topic it hangs from
    others: list[tuple[float, float]]  # its other topics on the map
    tip: Box
    tip_lines: list[str]


@dataclass(frozen=True)
class MapLayout:
    half: int  # the view box spans -half..half on both axes
    topics: list[TopicNode]  # taxonomy order
    questions: list[QuestionDot]  # around the circle, topic by topic


@dataclass(frozen=True)
class Spot:
    """Where a topic sits on its ring."""

    angle: float
    x: float
    y: float
    depth: int


def _point(angle: float, radius: float) -> tuple[float, float]:
    return radius * math.cos(angle), radius * math.sin(angle)


def _node_box(x: float, y: float, r: float) -> Box:
    return (x - r, y - r, x + r, y + r)


def map_questions(facts: Facts, slug: str) -> list[Entry]:
    """The questions drawn around a topic: the most asked of those whose page is the topic's."""
    own = [e for e in facts.entries_of.get(slug, []) if facts.home_of[e.id] == slug]
    return own[:MAP_ENTRIES_PER_TOPIC]


def place_radially(facts: Facts) -> tuple[dict[str, Spot], list[tuple[Entry, str, float]]]:
    """Each topic's spot, and each drawn question as (entry, home slug, angle).
    A top-level topic gets a sector of the circle proportional to its weight
    (its questions and its subtopics' weights), shared out the same way
    between its questions and its subtopics."""
    parent = {t.slug: t.parent for t in facts.topics}
    children = {t.slug: [s for s in parent if parent[s] == t.slug] for t in facts.topics}
    weights: dict[str, int] = {}

    def weight(slug: str) -> int:
        if slug not in weights:
            weights[slug] = max(1, len(map_questions(facts, slug)) + sum(weight(k) for k in children[slug]))
        return weights[slug]

    spots: dict[str, Spot] = {}
    questions: list[tuple[Entry, str, float]] = []

    def place(slug: str, start: float, span: float, depth: int) -> None:
        mid = start + span / 2
        spots[slug] = Spot(mid, *_point(mid, TOPIC_RINGS[min(depth, 3)]), depth)
        own = map_questions(facts, slug)
        step = span / max(1, len(own) + sum(weight(k) for k in children[slug]))
        at = start
        for entry in own:
            questions.append((entry, slug, at + step / 2))
            at += step
        for kid in children[slug]:
            place(kid, at, step * weight(kid), depth + 1)
            at += step * weight(kid)

    roots = [s for s in parent if not parent[s] or parent[s] not in parent]
    total = sum(weight(s) for s in roots) or 1
    at = -math.pi / 2
    for slug in roots:
        span = 2 * math.pi * weight(slug) / total
        place(slug, at, span, 1)
        at += span
    return spots, questions


def label_candidates(lines: list[str], spot: Spot, r: float) -> list[Label]:
    """Where a topic's label may go, best first: beside the node away from the
    centre (below or above it near the top and bottom of the circle), then
    beside, below, above, and beside toward the centre."""
    width = max(text_em(line) for line in lines) * TOPIC_FONT
    height = TOPIC_LINE_H * len(lines)
    out_side = "start" if math.cos(spot.angle) >= 0 else "end"
    in_side = "end" if out_side == "start" else "start"

    def beside(side: str) -> Label:
        return Label(lines, side, spot.x + (r + 5) * (1 if side == "start" else -1), spot.y - height / 2, width, height)

    below = Label(lines, "middle", spot.x, spot.y + r + 3, width, height)
    above = Label(lines, "middle", spot.x, spot.y - r - 3 - height, width, height)
    near_vertical = abs(math.cos(spot.angle)) < 0.35
    outward = (below if math.sin(spot.angle) > 0 else above) if near_vertical else beside(out_side)
    return [outward, beside(out_side), below, above, beside(in_side)]


def place_labels(facts: Facts, spots: dict[str, Spot], radius: dict[str, float]) -> dict[str, Label]:
    """Each topic's label at its first candidate that overlaps no label placed
    before it and no other node (else at its first candidate)."""
    nodes = [_node_box(0, 0, ROOT_R)] + [_node_box(spots[t.slug].x, spots[t.slug].y, radius[t.slug])
                                        for t in facts.topics]
    labels: dict[str, Label] = {}
    for topic in facts.topics:
        spot, r = spots[topic.slug], radius[topic.slug]
        own = _node_box(spot.x, spot.y, r)
        candidates = label_candidates(topic_label_lines(topic.title), spot, r)
        labels[topic.slug] = next((c for c in candidates
                                   if not any(_overlaps(c.box, other.box) for other in labels.values())
                                   and not any(_overlaps(c.box, n, 0) for n in nodes if n != own)), candidates[0])
    return labels


def place_tip(title: str, angle: float, half: int) -> tuple[Box, list[str]]:
    """A question's tooltip: a box just inside its dot, toward the centre,
    clear of the neighbouring dots and inside the view box."""
    lines = wrap_label(title, TIP_LINE_EM, TIP_LINES)
    w = max(text_em(line) for line in lines) * TIP_FONT + 16
    h = TIP_LINE_H * len(lines) + 10
    ax, ay = _point(angle, QUESTION_RING - 30)
    bx = ax - w * (1 + math.cos(angle)) / 2
    by = ay - h * (1 + math.sin(angle)) / 2
    bx = min(max(bx, -half + 2), half - 2 - w)
    by = min(max(by, -half + 2), half - 2 - h)
    return (bx, by, bx + w, by + h), lines


def layout_map(facts: Facts) -> MapLayout:
    """Where everything on the topic map goes, around (0, 0); the view box
    fits the outer ring and every label."""
    spots, placed_questions = place_radially(facts)
    radius = {t.slug: 9 + min(14, 2.2 * math.sqrt(facts.count(t.slug))) for t in facts.topics}
    labels = place_labels(facts, spots, radius)
    half = max([QUESTION_RING + 14] + [max(abs(v) for v in label.box) + 6 for label in labels.values()])
    half = math.ceil(half / 10) * 10
    topics = []
    for t in facts.topics:
        spot, parent = spots[t.slug], spots.get(t.parent)
        edge_from = (0.0, 0.0) if parent is None else (parent.x, parent.y)
        topics.append(TopicNode(t.slug, t.title, facts.count(t.slug), spot.depth, spot.x, spot.y, radius[t.slug],
                                edge_from, labels[t.slug]))
    questions = []
    for entry, home, angle in placed_questions:
        others = [(spots[s].x, spots[s].y) for s in entry.topics[1:] if s in spots]
        tip, tip_lines = place_tip(entry.title, angle, half)
        questions.append(QuestionDot(entry.id, entry.title, *_point(angle, QUESTION_RING),
                                     (spots[home].x, spots[home].y), others, tip, tip_lines))
    return MapLayout(half, topics, questions)


def _line(start: tuple[float, float], end: tuple[float, float]) -> str:
    return f'<line x1="{_f(start[0])}" y1="{_f(start[1])}" x2="{_f(end[0])}" y2="{_f(end[1])}"/>'


def _tspans(lines: list[str], x0: float, top: float, line_h: float) -> str:
    return "".join(f'<tspan x="{_f(x0)}" y="{_f(top + line_h * (i + 0.5))}">{x(line)}</tspan>'
                   for i, line in enumerate(lines))


def draw_topic(topic: TopicNode, href: str) -> str:
    label = topic.label
    sub = " kb-map__topic--sub" if topic.depth > 1 else ""
    return (f'<a class="kb-map__topic{sub}" xlink:href="{x(href)}" data-topic="{x(topic.slug)}">'
            f"<title>{x(topic.title)}：{topic.count} 个问题</title>"
            f'<circle cx="{_f(topic.x)}" cy="{_f(topic.y)}" r="{_f(topic.r)}"/>'
            f'<text text-anchor="{label.anchor}" dominant-baseline="central">'
            f'{_tspans(label.lines, label.x, label.top, TOPIC_LINE_H)}</text></a>')


def draw_question(dot: QuestionDot, href: str) -> str:
    bx, by, bx1, by1 = dot.tip
    return (f'<a class="kb-map__entry" xlink:href="{x(href)}" data-entry="{x(dot.entry_id)}"'
            f' aria-label="{x(dot.title)}">'
            f'<circle class="kb-map__hit" cx="{_f(dot.x)}" cy="{_f(dot.y)}" r="11"/>'
            f'<circle class="kb-map__dot" cx="{_f(dot.x)}" cy="{_f(dot.y)}" r="5.5"/>'
            f'<g class="kb-map__tip"><rect x="{_f(bx)}" y="{_f(by)}"'
            f' width="{_f(bx1 - bx)}" height="{_f(by1 - by)}" rx="6"/>'
            f'<text dominant-baseline="central">{_tspans(dot.tip_lines, bx + 8, by + 5, TIP_LINE_H)}</text></g></a>')


def draw_map(layout: MapLayout, facts: Facts, page: str) -> str:
    """The topic map as one line of SVG, links relative to `page`."""
    half, dots = layout.half, layout.questions
    return "".join([
        f'<svg class="kb-map" role="img" viewBox="{-half} {-half} {2 * half} {2 * half}"'
        f' xmlns="http://www.w3.org/2000/svg" aria-label="专题地图：专题与问题的关系图">',
        "<title>专题地图</title>",
        '<g class="kb-map__edges">',
        *(_line(t.edge_from, (t.x, t.y)) for t in layout.topics),
        *(_line(d.home, (d.x, d.y)) for d in dots),
        "</g>",
        '<g class="kb-map__cross">',  # a question's other topics
        *(_line((d.x, d.y), other) for d in dots for other in d.others),
        "</g>",
        f'<a class="kb-map__root" xlink:href="{x(url_from(page, "topics/"))}"><title>全部专题</title>'
        f'<circle cx="0" cy="0" r="{ROOT_R}"/>'
        f'<text x="0" y="0" text-anchor="middle" dominant-baseline="central">专题</text></a>',
        *(draw_topic(t, url_from(page, facts.topic_url[t.slug])) for t in layout.topics),
        # questions last, so that a question's tooltip is drawn over the topics
        *(draw_question(d, url_from(page, facts.entry_url[d.entry_id])) for d in dots),
        "</svg>",
    ])


def topic_map(facts: Facts, page: str) -> str:
    """Topics and their questions as a radial graph: the knowledge base in the
    middle, top-level topics on the first ring, subtopics on the second, each
    topic's most asked questions as dots on the outer ring (linked; the
    question's title shows on hover and keyboard focus); dashed lines join a
    question to its other topics."""
    return draw_map(layout_map(facts), facts, page)


def map_page(kb: KnowledgeBase, site, env: Environment, facts: Facts) -> str:
    """The topic-map page: the map and the charts."""
    return env.get_template("map.md.j2").render(
        site=site, kb=kb, path=MAP_PAGE, facts=facts,  # times_asked: the env's, as on every page
        per_topic=MAP_ENTRIES_PER_TOPIC, list_per_topic=MAP_LIST_PER_TOPIC,
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
