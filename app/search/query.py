"""The search box language, parsed into plain clauses (no engine here), and snippets.

    变压器 巡检            both words (AND)
    "变电站巡检"           phrase
    -误操作                exclusion
    分类:小发明 category:invention 状态:已采纳 status:adopted 工作室:张三 studio:...
    年份:2025 year:2023..2025 标签:GIS tag:GIS 人员:zs person:张三
    变电*                  prefix
    zhangsan zs            people's names by pinyin / initials
    M3000                  Latin words and model numbers of 4+ characters tolerate one typo

Input is always literal text: nothing a user types raises, `' OR 1=1--`, `%`, `_` are searched for.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

FIELD_ALIASES = {
    "分类": "category", "类别": "category", "category": "category", "cat": "category",
    "状态": "status", "status": "status",
    "工作室": "studio", "studio": "studio",
    "年份": "year", "年度": "year", "年": "year", "year": "year",
    "标签": "tag", "tag": "tag", "tags": "tag",
    "人员": "person", "作者": "person", "person": "person", "author": "person",
}

_QUOTES = str.maketrans({"“": '"', "”": '"', "＂": '"', "「": '"', "」": '"', "『": '"', "』": '"'})
# control characters, private use, and lone surrogates (invalid UTF-8 reaches Python as those)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ue000-\uf8ff]")
_YEAR_RANGE = re.compile(r"^(\d{4})(?:\s*(?:\.\.|-|~|至|到)\s*(\d{4}))?$")


@dataclass
class Clause:
    kind: str                 # "words" | "phrase" | "filter"
    text: str
    negated: bool = False
    prefix: bool = False      # words ending in *
    field: str = ""           # for filters: category|status|studio|year|tag|person


@dataclass
class ParsedQuery:
    raw: str
    clauses: list[Clause] = field(default_factory=list)

    @property
    def positive(self) -> list[Clause]:
        return [c for c in self.clauses if not c.negated]

    def is_empty(self) -> bool:
        return not self.positive

    def highlight_terms(self) -> list[str]:
        """The words a snippet should mark: the user's own words, segmented."""
        from app.search.analyzer import query_words

        terms: list[str] = []
        for c in self.positive:
            if c.kind == "filter":
                continue
            for w in [c.text.lower()] + query_words(c.text):
                if w and w not in terms:
                    terms.append(w)
        # longest first so a snippet marks 油浸式变压器 rather than its 变压器
        return sorted(terms, key=len, reverse=True)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    return _CONTROL.sub(" ", text)


def _split_field(chunk: str) -> tuple[str, str] | None:
    if ":" not in chunk:
        return None
    name, _, value = chunk.partition(":")
    key = FIELD_ALIASES.get(name.lower())
    if key is None:
        return None
    return key, value


def parse(text: str) -> ParsedQuery:
    """Split the box's text into clauses; never raises."""
    s = normalise(text)
    q = ParsedQuery(raw=text or "")
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if ch.isspace():
            i += 1
            continue
        negated = False
        if ch == "-" and i + 1 < n and not s[i + 1].isspace():
            negated = True
            i += 1
        # a field name may introduce a quoted value: 工作室:"张三 创新工作室"
        m = re.match(r'([^\s:"]+):"', s[i:])
        if m and FIELD_ALIASES.get(m.group(1).lower()):
            close = s.find('"', i + m.end())
            if close != -1:
                q.clauses.append(Clause("filter", s[i + m.end():close].strip(), negated,
                                        field=FIELD_ALIASES[m.group(1).lower()]))
                i = close + 1
                continue
        if s[i:i + 1] == '"':
            close = s.find('"', i + 1)
            if close != -1:
                phrase = s[i + 1:close].strip()
                if phrase:
                    q.clauses.append(Clause("phrase", phrase, negated))
                i = close + 1
                continue
            i += 1  # an unbalanced quote is just punctuation
            continue
        j = i
        while j < n and not s[j].isspace() and s[j] != '"':
            j += 1
        chunk = s[i:j]
        i = j
        if not chunk:
            continue
        split = _split_field(chunk)
        if split is not None:
            key, value = split
            if value.strip():
                q.clauses.append(Clause("filter", value.strip(), negated, field=key))
            continue
        prefix = chunk.endswith("*")
        word = chunk.rstrip("*")
        if not word.strip("*"):
            continue
        q.clauses.append(Clause("words", word, negated, prefix=prefix))
    return q


def year_values(text: str) -> list[str]:
    """`2025` or `2023..2025` (also 2023-2025, 2023至2025) as a list of year strings."""
    m = _YEAR_RANGE.match(text.strip())
    if not m:
        return []
    lo = int(m.group(1))
    hi = int(m.group(2) or lo)
    if hi < lo:
        lo, hi = hi, lo
    return [str(y) for y in range(lo, min(hi, lo + 100) + 1)]


# --- snippets -------------------------------------------------------------------------------

@dataclass
class Snippet:
    text: str
    spans: list[tuple[int, int]]      # [start, end) of matched terms within `text`

    def marked(self, before: str = "[", after: str = "]") -> str:
        out, last = [], 0
        for a, b in self.spans:
            out.append(self.text[last:a])
            out.append(before + self.text[a:b] + after)
            last = b
        out.append(self.text[last:])
        return "".join(out)


def snippet(text: str, terms: list[str], width: int = 80) -> Snippet:
    """A window of about `width` characters of `text` holding the most distinct query terms."""
    text = " ".join((text or "").split())
    if not text:
        return Snippet("", [])
    low = text.lower()
    hits: list[tuple[int, int, str]] = []
    for term in terms:
        if not term:
            continue
        start = 0
        for _ in range(200):
            k = low.find(term, start)
            if k < 0:
                break
            hits.append((k, k + len(term), term))
            start = k + len(term)
    if not hits:
        cut = text[:width]
        return Snippet(cut + ("…" if len(text) > width else ""), [])
    hits.sort(key=lambda h: (h[0], -h[1]))
    best_start, best_score = 0, -1
    lead = width // 4
    for k, _, _ in hits[:100]:
        ws = max(0, k - lead)
        covered = {t for a, b, t in hits if a >= ws and b <= ws + width}
        score = len(covered) * 1000 + sum(len(t) for t in covered)
        if score > best_score:
            best_start, best_score = ws, score
    ws = best_start
    we = min(len(text), ws + width)
    ws = max(0, min(ws, we - width))
    spans: list[tuple[int, int]] = []
    for a, b, _ in hits:  # earlier/longer hits win where they overlap
        if a >= ws and b <= we and not any(a < y and b > x for x, y in spans):
            spans.append((a, b))
    spans.sort()
    prefix = "…" if ws > 0 else ""
    suffix = "…" if we < len(text) else ""
    shift = len(prefix) - ws
    return Snippet(prefix + text[ws:we] + suffix, [(a + shift, b + shift) for a, b in spans])
