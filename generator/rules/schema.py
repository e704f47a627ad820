"""What each data file in generator/data/ holds, as dataclasses: the schema
`generator.rules.load` checks a file against and reads it into.

Adding a key to a data file means adding its field here; the comments on
each key live in the data file, next to the value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NewType

Pattern = NewType("Pattern", str)  # a regular expression: generator.rules checks that it compiles

# --- segment.yml: how a cleaned page splits into questions -----------------


@dataclass(frozen=True)
class Speaker:
    name: str
    colon: bool = False  # a speaker only when a colon follows the name


@dataclass(frozen=True)
class Speakers:
    interviewer: list[Speaker]
    candidate: list[Speaker]
    followup: list[Speaker]
    min_turns: int

    def by_role(self) -> dict[str, list[Speaker]]:
        return {"interviewer": self.interviewer, "candidate": self.candidate, "followup": self.followup}


@dataclass(frozen=True)
class Headings:
    words: list[Pattern]
    part: Pattern
    decorated: Pattern
    asks: Pattern
    round: Pattern
    stage_name: Pattern
    round_short: Pattern
    bracketed: Pattern
    topic: Pattern
    max_chars: int


@dataclass(frozen=True)
class Points:
    lead_in: Pattern


@dataclass(frozen=True)
class Unnumbered:
    max_chars: int
    latin_factor: int
    label_chars: int
    flat_max_gaps: float
    max_chars_without_mark: int
    min_lines: int


@dataclass(frozen=True)
class SolutionFollowup:
    asks: Pattern
    words: Pattern
    max_chars: int


@dataclass(frozen=True)
class Followup:
    markers: Pattern
    refers_back: Pattern
    elliptical: Pattern
    continues: Pattern
    continues_max_chars: int
    solution: SolutionFollowup
    generic: Pattern


@dataclass(frozen=True)
class Problems:
    section: Pattern
    numbered: Pattern
    name: Pattern
    intro_max_chars: int
    statement: Pattern
    request: Pattern
    request_with_code: Pattern
    request_lead: Pattern
    code_words: Pattern


@dataclass(frozen=True)
class Segment:
    speakers: Speakers
    timestamp: Pattern
    headings: Headings
    points: Points
    bullet: Pattern
    note_label: Pattern
    answer_like: Pattern
    max_second_part_chars: int
    max_question_chars: int
    hard_wrap_min_chars: int
    stages: Pattern
    reverse_invitation: Pattern
    stage_joins: Pattern
    answer_mark: Pattern
    answer_label: Pattern
    answer_lead_in: Pattern
    followup_lead: Pattern
    followup_label: Pattern
    closing_remark: Pattern
    interview_remark: Pattern
    interviewer_remark: Pattern
    round_feelings: Pattern
    round_summary: Pattern
    unnumbered: Unnumbered
    filler: Pattern
    candidate_asks: Pattern
    closing: Pattern
    smalltalk: Pattern
    long_sentence_chars: int
    followup: Followup
    problems: Problems


# --- numbering.yml and asking.yml: the grammar of list numbers, the words of asking


@dataclass(frozen=True)
class LineNumbering:
    plain: Pattern
    circled: Pattern
    english: Pattern
    bracketed: Pattern


@dataclass(frozen=True)
class Numbering:
    line: LineNumbering
    chinese: Pattern
    timeline: Pattern
    dated_step: Pattern
    labelled: Pattern
    own_number: Pattern
    lone_marker: Pattern
    trailing_marker: Pattern
    wording_labels: list[Pattern]


@dataclass(frozen=True)
class Score:
    english: Pattern
    max_prompt_chars: int
    max_sentence_chars: int
    interrogative: Pattern
    narrated: Pattern
    question_label: Pattern
    statement_end: Pattern
    statement: Pattern


@dataclass(frozen=True)
class Asking:
    asks: Pattern
    asks_english: Pattern
    questions_heading: Pattern
    fact_label: Pattern
    question_end: Pattern
    asks_for_more: Pattern
    score: Score
    requests: list[str]
    intents: dict[str, list[str]]
    weak_intents: list[str]
    weak_when_content: list[str]
    pair_words: list[str]


# --- boilerplate.yml: what the clean-up drops ------------------------------


@dataclass(frozen=True)
class HtmlRules:
    content_selectors: list[str]
    drop_tags: list[str]
    drop_attr_words: list[str]
    layout_prefixes: list[str]
    link_text_weight: float
    sibling_share: float


@dataclass(frozen=True)
class Normalise:
    keep_fullwidth: str
    bare_hex_digits: int
    bare_closed_hex_digits: str
    bare_closed_decimal_digits: str
    tab_width: int


@dataclass(frozen=True)
class Markup:
    badge_url: Pattern
    tags: list[str]
    label: Pattern


@dataclass(frozen=True)
class SeoJunk:
    first_lines: int
    min_phrases: int
    max_phrase_chars: int
    separators: str
    not_in_phrase: str
    min_anchor_chars: int


@dataclass(frozen=True)
class ArticleEnd:
    markers: list[Pattern]
    attribution: list[Pattern]
    section_markers: list[Pattern]
    late_fraction: float
    late_min_lines: int
    lead_in: Pattern


@dataclass(frozen=True)
class PrevNext:
    pattern: Pattern
    byline_max_chars: int


@dataclass(frozen=True)
class PatternList:
    patterns: list[Pattern]


@dataclass(frozen=True)
class NamedPatterns:
    patterns: dict[str, Pattern]


@dataclass(frozen=True)
class Widget:
    start: Pattern
    max_line_chars: int
    lines: list[Pattern]


@dataclass(frozen=True)
class Promotion:
    strong: list[Pattern]
    weak: list[str]
    standalone_title: Pattern
    series_link: Pattern


@dataclass(frozen=True)
class Buttons:
    patterns: dict[str, Pattern]
    glued: Pattern


@dataclass(frozen=True)
class Fences:
    lookahead: int


@dataclass(frozen=True)
class Chrome:
    patterns: dict[str, Pattern]
    counter: Pattern
    min_counters: int
    max_chars: int
    keep_questions: list[str]


@dataclass(frozen=True)
class Moods:
    patterns: dict[str, Pattern]
    max_chars: int
    readers: Pattern


@dataclass(frozen=True)
class Repeated:
    ngram: int
    threshold: float
    min_chars: int
    blob_min_chars: int
    exact_window: int


@dataclass(frozen=True)
class Block:
    rules: list[str]  # names of the steps whose dropped lines count as furniture
    max_gap: int


@dataclass(frozen=True)
class Watermark:
    max_chars: int
    rules: list[str]


@dataclass(frozen=True)
class Title:
    min_chars: int
    nav_lines: int
    max_chars: int
    not_last: str
    site_max_chars: int
    interview_words: Pattern
    breadcrumb: Pattern
    keyword_list: Pattern


@dataclass(frozen=True)
class Boilerplate:
    html: HtmlRules
    normalise: Normalise
    markup: Markup
    seo_junk: SeoJunk
    article_end: ArticleEnd
    prev_next: PrevNext
    copyright: PatternList
    widget: Widget
    hashtags: PatternList
    promotion: Promotion
    buttons: Buttons
    fences: Fences
    labels: NamedPatterns
    chrome: Chrome
    moods: Moods
    placeholder: PatternList
    intro_outro: PatternList
    repeated: Repeated
    block: Block
    watermark: Watermark
    title: Title


# --- shapes.yml: page shapes (generator/scrape/shapes/) --------------------


@dataclass(frozen=True)
class FencedListShape:
    languages: list[str]
    min_share: float
    min_lines: int
    topic: Pattern


@dataclass(frozen=True)
class TableShape:
    question_header: Pattern
    answer_header: Pattern
    min_rows: int
    min_share: float


@dataclass(frozen=True)
class RunOnShape:
    inline_number: Pattern
    glued_number: Pattern
    sub_number: Pattern
    bracket_answer: Pattern
    reply: Pattern
    round_label: Pattern
    part_in_line: Pattern
    round_remark: Pattern
    separators: Pattern
    question_separators: Pattern
    label: Pattern
    kind_label: Pattern
    lead_in: Pattern
    starters: Pattern
    asked_markers: Pattern
    told: Pattern
    narrated_end: Pattern
    inline_followup: Pattern
    candidate_said: Pattern
    narrated_answer: Pattern
    narrated_sentences: Pattern
    narrated_reverse: Pattern
    author_aside: Pattern
    remark_start: Pattern
    max_piece_chars: int
    max_numbered_piece_chars: int
    min_pieces: int


@dataclass(frozen=True)
class OutlineShape:
    max_topic_chars: int
    explanation: Pattern


@dataclass(frozen=True)
class BulletListShape:
    min_items: int
    min_share: float
    min_plain_share: float
    peer_sections: int
    terse_chars: int
    sentence: Pattern
    labels: Pattern


@dataclass(frozen=True)
class TitleLineShape:
    interview_name: Pattern


@dataclass(frozen=True)
class SingleQuestionShape:
    max_chars: int


@dataclass(frozen=True)
class AsidesShape:
    marker: Pattern
    heading_marker: Pattern
    contents: Pattern


@dataclass(frozen=True)
class LabelLinesShape:
    label: Pattern
    min_labels: int


@dataclass(frozen=True)
class SpeakerLabelsShape:
    label: Pattern
    not_speakers: Pattern
    min_turns: int
    min_alternation: float


@dataclass(frozen=True)
class CodingProblemShape:
    lines: list[Pattern]
    known_lines: list[Pattern]
    outcome: Pattern
    several: Pattern
    several_max_chars: int
    problem_set: Pattern


@dataclass(frozen=True)
class LineListShape:
    min_lines: int
    min_share: float
    label: Pattern


@dataclass(frozen=True)
class ChoiceShape:
    option: Pattern
    min_options: int
    blank: Pattern
    answer_label: Pattern


@dataclass(frozen=True)
class Shapes:
    fenced_list: FencedListShape
    table: TableShape
    run_on: RunOnShape
    outline: OutlineShape
    bullet_list: BulletListShape
    title_line: TitleLineShape
    single_question: SingleQuestionShape
    choice: ChoiceShape
    asides: AsidesShape
    label_lines: LabelLinesShape
    speaker_labels: SpeakerLabelsShape
    coding_problem: CodingProblemShape
    line_list: LineListShape


# --- the words dedupe and topics compare by ----------------------------------


@dataclass(frozen=True)
class Stopwords:
    filler: list[str]
    generic: list[str]
    pronouns: list[str]


@dataclass(frozen=True)
class Term:
    """A term of the field and every name it goes by (glossary.yml)."""

    zh: list[str] = field(default_factory=list)
    en: list[str] = field(default_factory=list)
    abbr: list[str] = field(default_factory=list)
    misspellings: list[str] = field(default_factory=list)
    kind: Literal["entity", "word"] = "entity"  # word: a content word, it does not keep questions apart
    topic: str = ""  # the topic (topics.yml slug) a question naming this term belongs to

    def names(self) -> list[str]:
        return [*self.zh, *self.en, *self.abbr, *self.misspellings]


@dataclass(frozen=True)
class Dedupe:
    near_threshold: float
    close_call_threshold: float
    close_call_limit: int
    nearly_apart_margin: float


@dataclass(frozen=True)
class Overrides:
    force: list[list[str]]
    forbid: list[list[str]]


@dataclass(frozen=True)
class LeetCodeProblem:
    number: int
    title: str
    title_en: str
    slug: str
    difficulty: Literal["easy", "medium", "hard"]
    aliases: tuple[str, ...] = ()  # other Chinese names people use for it


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    title_en: str
    keywords: list[str] = field(default_factory=list)
    parent: str = ""
    description: str = ""
    personal: bool = False


# --- titles.yml: an entry's title without the fillers of speech --------------


@dataclass(frozen=True)
class TitleRule:
    name: str
    pattern: Pattern
    replace: str = ""  # re.sub's replacement: "\\1" is the pattern's first group
    clause: bool = False  # drops a whole chatty clause whose words the pattern spells out


@dataclass(frozen=True)
class Titles:
    spoken: Pattern
    fillers: list[str]
    min_chars: int
    max_changes: int
    rules: list[TitleRule]


# --- the site ----------------------------------------------------------------


@dataclass(frozen=True)
class NonAnswer:
    short_chars: int
    max_chars: int
    end_chars: int
    hedge_within_clause: int
    after_hedge: int
    hedge_within_reply: int
    lead_in: Pattern
    trails_off: Pattern
    hedges: list[str]


@dataclass(frozen=True)
class Damage:
    """A sign that the source lost something the answer had (answers.yml `damage`)."""

    name: str
    note: str  # what the reader is told, in Chinese
    pattern: Pattern  # searched in each paragraph of a scraped answer


@dataclass(frozen=True)
class Answers:
    non_answer: NonAnswer
    damage: list[Damage]


@dataclass(frozen=True)
class AllowedHtml:
    tags: list[str]
    everywhere: list[str]
    attributes: dict[str, list[str]]
    style_properties: list[str]
    url_schemes: list[str]
    reserved_id_prefix: str
    content_id_prefixes: list[str]
    in_markdown: list[str]


@dataclass(frozen=True)
class Message:
    en: Pattern
    zh: str
    translate: list[str] = field(default_factory=list)


# Every data file and its schema: generator.rules.load reads no other.
FILES = {
    "segment.yml": Segment,
    "numbering.yml": Numbering,
    "asking.yml": Asking,
    "boilerplate.yml": Boilerplate,
    "shapes.yml": Shapes,
    "stopwords.yml": Stopwords,
    "synonyms.yml": dict[str, list[str]],
    "glossary.yml": dict[str, Term],
    "dedupe.yml": Dedupe,
    "overrides.yml": Overrides,
    "leetcode.yml": list[LeetCodeProblem],
    "topics.yml": list[Topic],
    "answers.yml": Answers,
    "titles.yml": Titles,
    "allowed_html.yml": AllowedHtml,
    "former_ids.yml": dict[str, str] | None,
    "messages.yml": list[Message],
}
