"""Find and read the input files: scraped pages and contributed Markdown.

A sources folder is searched recursively. `*.txt` files are plain-text page
dumps, `*.html`/`*.htm` saved pages. A `*.md` file is a contribution when it
lies under a folder named `contrib` (`contrib/<topic>/<slug>.md`), and a
scraped page everywhere else (a 面经 file from a GitHub repository, its front
matter read as metadata). Each file becomes a
`SourceDocument`; a file that cannot be read becomes a `Problem` naming the
file, what is wrong and how to fix it, and the other files still build.

What is known about where a scraped page came from lives in
`metadata.yml` at the top of the sources folder (optional per file).

This module does not parse documents: see extract, clean and segment.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import replace
from pathlib import Path

import yaml

from generator.scrape import untrusted_yaml
from generator.site.escape import link_url
from generator.model import CONTRIBUTED, SCRAPED, Problem, SourceDocument, SourceMeta

METADATA_FILE = "metadata.yml"
FORMATS = {".txt": "text", ".html": "html", ".htm": "html", ".md": "markdown"}
CONTRIB_FOLDER = "contrib"  # .md files under it are contributions
MAX_BYTES = 5 * 1024 * 1024  # a real interview write-up is far smaller
META_FIELDS = ("title", "company", "role", "round", "site", "url", "date")
# Encodings seen on Chinese blog pages; tried in order after UTF-8.
FALLBACK_ENCODINGS = ("gb18030", "big5")


def find_files(sources_dir: Path) -> tuple[dict[str, Path], list[str]]:
    """Every input file under `sources_dir` (hidden files and folders left
    out): relative POSIX path -> path, in a fixed order; and the symbolic
    links found there, which are not followed (a link may point anywhere on
    the machine, or at itself). os.walk rather than pathlib, for the 10,000
    files of a large corpus."""
    found, links = {}, []
    for folder, subfolders, names in os.walk(sources_dir):  # does not descend into linked folders
        relative = Path(folder).relative_to(sources_dir).as_posix()
        prefix = "" if relative == "." else f"{relative}/"
        links += [prefix + name for name in subfolders
                  if not name.startswith(".") and os.path.islink(os.path.join(folder, name))]
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            path = os.path.join(folder, name)
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in FORMATS:
                continue
            if os.path.islink(path):
                links.append(prefix + name)
            elif os.path.isfile(path):
                found[prefix + name] = Path(path)
    return dict(sorted(found.items())), sorted(links)


def distinct_ids(paths: list[str]) -> tuple[dict[str, str], list[Problem]]:
    """relative path -> source id for every file, no two alike. Two files
    whose paths give the same id (`x y.txt` and `x-y.txt`, `page.txt` and
    `page.html`) keep it for the first in path order; the others get their
    suffix added (`page-html`), and both are named."""
    ids, taken, problems = {}, {}, []
    for relative in sorted(paths):
        wanted = source_id(relative)
        given = wanted
        if given in taken:
            given = source_id(relative.replace(".", "-")) if "." in relative else wanted
            number = 2
            while given in taken:
                given, number = f"{source_id(relative.replace('.', '-'))}-{number}", number + 1
            problems.append(Problem(relative, f"its id {wanted!r} is taken by {taken[wanted]}; its pages use {given!r} "
                                              "instead; rename one of the two files so that each has its own name"))
        taken[given] = relative
        ids[relative] = given
    return ids, problems


def source_id(relative_path: str) -> str:
    """A stable id for a file: its relative path without the suffix.

    It depends on nothing but the file's own path, so adding or removing other
    files never changes it."""
    stem = relative_path.rsplit(".", 1)[0]
    return re.sub(r"[^\w/.-]+", "-", stem).strip("-")


def load_metadata(sources_dir: Path, files: set[str]) -> tuple[dict[str, SourceMeta], list[Problem]]:
    """metadata.yml: file path -> fields, for the `files` (relative paths)
    found in the sources folder. Each problem names its line."""
    path = sources_dir / METADATA_FILE
    if not path.exists():
        return {}, []
    try:
        entries = _mapping_with_lines(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        line = error.problem_mark.line + 1 if getattr(error, "problem_mark", None) else 0
        return {}, [Problem(METADATA_FILE, f"cannot read metadata ({error}); fix the YAML syntax", line)]
    if entries is None:
        return {}, [Problem(METADATA_FILE, "expected a mapping of file path -> fields", 1)]
    metadata: dict[str, SourceMeta] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for key, line, fields in sorted(entries, key=lambda e: (e[0], e[1])):
        if key in lines:
            problems.append(Problem(METADATA_FILE, f"entry {key!r} is given twice (lines {lines[key]} and {line}); "
                                                   "keep one, the first is used", line))
            continue
        lines[key] = line
        if not isinstance(fields, dict):
            problems.append(Problem(METADATA_FILE, f"entry {key!r} must be a mapping of fields", line))
            continue
        unknown = sorted(set(fields) - set(META_FIELDS))
        if unknown:
            problems.append(
                Problem(METADATA_FILE, f"entry {key!r} has unknown fields {unknown}; use {list(META_FIELDS)}", line)
            )
        values = {name: one_line(fields.get(name) or "") for name in META_FIELDS}
        if values["url"] and not link_url(values["url"]):
            problems.append(Problem(METADATA_FILE, f"entry {key!r} has a url that is not an http(s) address; "
                                                   "it is not shown, write the page's https://… address", line))
            values["url"] = ""
        metadata[key] = SourceMeta(**values)
        if key not in files:
            problems.append(Problem(METADATA_FILE, f"entry {key!r} names no file in the sources folder; "
                                                   "fix the path or remove the entry", line))
    return metadata, problems


def _mapping_with_lines(text: str) -> list[tuple[str, int, object]] | None:
    """The top-level mapping of a YAML text as (key, line, value), duplicate
    keys kept (a plain load keeps only the last); None when it is not a mapping."""
    node = untrusted_yaml.compose(text)
    if node is None:
        return []
    if not isinstance(node, yaml.MappingNode):
        return None
    loader = yaml.SafeLoader("")
    return [(str(loader.construct_object(k, deep=True)), k.start_mark.line + 1, loader.construct_object(v, deep=True))
            for k, v in node.value]


def one_line(value: object) -> str:
    """A metadata value (a title, a company, a date) as one line of text."""
    return " ".join(str(value).split())


def decode(data: bytes) -> tuple[str | None, str]:
    """Decode a file's bytes. Returns (text, ""), (text, a warning) when the
    text was read with a repair, or (None, why not)."""
    if not data.strip():
        return None, "the file is empty; remove it or add the page's text"
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding), ""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None:
        mended = data.decode("utf-8", errors="replace")
        bad = mended.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
        if bad <= max(1, len(mended) // 1000) and not _looks_binary(data):
            # UTF-8 with a few broken bytes (a cut multi-byte character, a
            # stray byte): read as UTF-8, not as some other encoding's mojibake
            return mended, f"{bad} byte sequence(s) were not UTF-8 and show as \ufffd; save the file as UTF-8 again"
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16, ""
    if text is None and _looks_binary(data):
        return None, "the file looks binary, not a text or HTML page; remove it or save the page as text"
    if text is None:
        guessed = _guess_encoding(data)
        candidates = ([guessed] if guessed else []) + list(FALLBACK_ENCODINGS)
        for encoding in candidates:
            try:
                text = data.decode(encoding)
                break
            except (UnicodeDecodeError, LookupError):
                continue
    if text is None:
        return None, "the file is not text in any known encoding; save it as UTF-8"
    if "\x00" in text or _control_ratio(text) > 0.05:
        return None, "the file looks binary, not a text or HTML page; remove it or save the page as text"
    return text, ""


# What a text page is made of: CJK, Latin, digits, punctuation, whitespace.
_TEXTLIKE = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u206f\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 saved without a byte-order mark (NUL bytes make it
    look binary), when one byte order reads as text."""
    if len(data) % 2:
        return None
    odd = data[1::2].count(0)
    nuls = odd + data[0::2].count(0)
    # In UTF-16 the NUL bytes (the high half of ASCII characters) sit on one
    # side of each pair; a stray NUL in a UTF-8 file does not make it UTF-16.
    if max(odd, nuls - odd) < 0.75 * nuls:
        return None
    for encoding in ("utf-16-le", "utf-16-be") if odd >= nuls - odd else ("utf-16-be", "utf-16-le"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        lines = text.count("\n")  # a page has lines; bytes misread as UTF-16 seldom make one
        if lines and lines >= len(text) // 2000 and len(_TEXTLIKE.findall(text)) >= 0.95 * len(text):
            return text
    return None


def _guess_encoding(data: bytes) -> str | None:
    # Imported here: it takes 0.04 s, and most corpora are all UTF-8.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding if best is not None else None


def not_utf8(data: bytes) -> tuple[str, int] | None:
    """(what is wrong, line) when `data` is not UTF-8, naming the encoding it looks like."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        found = _guess_encoding(data) or "unknown"
        line = data[: error.start].count(b"\n") + 1
        return f"the file is not UTF-8 (it looks like {found}); save it as UTF-8, the file was skipped", line
    return None


def _looks_binary(data: bytes) -> bool:
    # UTF-16 without a BOM has NUL bytes too, but never the other low controls.
    controls = sum(1 for byte in data[:65536] if byte < 9 and byte != 0)
    return controls / max(min(len(data), 65536), 1) > 0.01


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _control_ratio(text: str) -> float:
    return len(_CONTROLS.findall(text)) / max(len(text), 1)


# Front matter keys of a Markdown 面经 -> SourceMeta fields, and the shape a
# value must have to be taken (metadata.yml wins). The front matter is scraped,
# untrusted text: only a title (shown as every scraped title is), a date and
# an http(s) address are taken, nothing that is rendered as Markdown.
FRONT_MATTER_FIELDS = {"title": ("title", r".+"), "date": ("date", r"\d{4}[-/.]\d{1,2}([-/.]\d{1,2})?([ T].*)?"),
                       "url": ("url", r"https?://[^\s<>\"'`]+"), "source": ("url", r"https?://[^\s<>\"'`]+"),
                       "link": ("url", r"https?://[^\s<>\"'`]+")}


def front_matter_meta(text: str, meta: SourceMeta) -> SourceMeta:
    """`meta` with the fields a Markdown page's front matter gives and
    metadata.yml does not (a 面经 file's title, date, source link)."""
    from generator.scrape.mdpage import front_matter

    fields, _ = front_matter(text)
    found = {}
    for key, (name, shape) in FRONT_MATTER_FIELDS.items():
        value = fields.get(key)
        value = one_line(value) if value is not None and not isinstance(value, (dict, list)) else ""
        if value and re.fullmatch(shape, value) and not getattr(meta, name) and name not in found:
            found[name] = value
    return replace(meta, **found) if found else meta


def is_contribution(relative_path: str) -> bool:
    """Whether a file (relative POSIX path) lies under a `contrib` folder."""
    return CONTRIB_FOLDER in relative_path.split("/")[:-1]


def misplaced_contribution(document: SourceDocument) -> Problem | None:
    """A scraped Markdown page whose front matter asks a question, as a
    contribution's does: it was most likely meant as one."""
    if document.kind != SCRAPED or document.format != "markdown":
        return None
    from generator.scrape.mdpage import front_matter

    fields, _ = front_matter(document.text)
    if "question" not in fields:
        return None
    return Problem(document.path, f"this Markdown file has a contribution's front matter (question:) but is not "
                                  f"under a {CONTRIB_FOLDER}/ folder, so it was read as a scraped interview page; "
                                  f"move it to {CONTRIB_FOLDER}/<topic>/ to make it a contribution")


def read_sources(sources_dir: Path) -> tuple[list[SourceDocument], list[Problem]]:
    """Read every input file under `sources_dir`."""
    sources_dir = Path(sources_dir)
    if not sources_dir.is_dir():
        return [], [Problem(str(sources_dir), "the sources folder does not exist; pass --sources DIR")]
    files, links = find_files(sources_dir)
    metadata, problems = load_metadata(sources_dir, set(files))
    problems += [Problem(link, "is a symbolic link; links are not followed (one may point outside the sources "
                               "folder); copy the file or folder in instead") for link in links]
    ids, collisions = distinct_ids(list(files))
    problems += collisions
    documents: list[SourceDocument] = []
    for relative, path in files.items():
        try:
            data = path.read_bytes()
        except OSError as error:
            problems.append(Problem(relative, f"the file cannot be read ({error.strerror or error}); "
                                              "make it readable, the file was skipped"))
            continue
        if len(data) > MAX_BYTES:
            problems.append(
                Problem(relative, f"the file is {len(data) // 1024} KiB, over the {MAX_BYTES // 1024} KiB limit for one page; split it or remove what is not interview content")
            )
            continue
        fmt = FORMATS[path.suffix.lower()]
        text, why = decode(data)
        kind = CONTRIBUTED if fmt == "markdown" and is_contribution(relative) else SCRAPED
        if text is not None and kind == CONTRIBUTED and not_utf8(data):
            # A contribution is written here, in an editor: a guessed (or
            # mended) encoding would publish mojibake, so it is sent back instead.
            problems.append(Problem(relative, *not_utf8(data)))
            continue
        if why:
            problems.append(Problem(relative, why))
        if text is None:
            continue
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        meta = metadata.get(relative, SourceMeta())
        if kind == SCRAPED and fmt == "markdown":
            meta = front_matter_meta(text, meta)
        documents.append(SourceDocument(id=ids[relative], path=relative, kind=kind, format=fmt, text=text,
                                        meta=meta))
        misplaced = misplaced_contribution(documents[-1])
        if misplaced:
            problems.append(misplaced)
    return documents, problems
