"""Chinese + Latin text analysis for the search index (rjieba in search mode).

whoosh pickles the analyzer into the index schema, so the classes here must stay importable
under this module path; any change to the token rules, the segmenter or the user dictionary
must bump ANALYZER_VERSION / change the dictionary hash, which `stamp()` reports and the index
compares on open (a mismatch means rebuild).
"""
from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterator
from importlib import resources as importlib_resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # whoosh's classes, typed at the seam (which plain whoosh must not import: see it)
    from app.search.whoosh_compat import Token, Tokenizer
else:
    from whoosh.analysis import Token, Tokenizer

# Bump when the token rules below change: old indexes then get rebuilt.
ANALYZER_VERSION = 4
SEGMENTER = "rjieba"
DEFAULT_FREQ = 3000

# Particles and function words that occur in nearly every document: indexing them costs
# build time and index size and they carry no meaning on their own.
STOPWORDS = frozenset(
    "的 了 和 与 及 或 在 为 对 是 将 把 被 等 并 也 而 之 于 以 由 从 向 其 该 这 那 着 个 中 上 下".split()
)
# A token worth indexing holds at least one letter, digit or CJK ideograph.
_MEANINGFUL = re.compile(r"[0-9a-z\u3400-\u9fff\uf900-\ufaff]")
# jieba keeps "DJI-M300", "YJV22-8.7/15kV" whole; users type "M300", so split on these.
_SPLIT = re.compile(r"[-/_]+")
_LATIN = re.compile(r"^[0-9a-z.+#&%]+$")

_lock = threading.Lock()
_loaded_hash: str | None = None


def dictionary_path() -> Path:
    return Path(str(importlib_resources.files("resources").joinpath("dict/industrial.txt")))


def _read_dictionary() -> tuple[list[tuple[str, int, str]], str]:
    raw = dictionary_path().read_bytes()
    entries = []
    for line in raw.decode("utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        word = parts[0]
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else DEFAULT_FREQ
        tag = parts[2] if len(parts) > 2 else "n"
        entries.append((word, freq, tag))
    return entries, hashlib.sha256(raw).hexdigest()[:16]


def ensure_dictionary() -> str:
    """Load the industrial dictionary into rjieba once per process; returns its hash."""
    global _loaded_hash
    if _loaded_hash is not None:
        return _loaded_hash
    with _lock:
        if _loaded_hash is None:
            import rjieba

            entries, digest = _read_dictionary()
            for word, freq, tag in entries:
                rjieba.add_word(word, freq, tag)  # rjieba has no load_userdict
            _loaded_hash = digest
    return _loaded_hash


def segmenter_version() -> str:
    try:
        from importlib.metadata import version

        return version("rjieba")
    except Exception:  # pragma: no cover - metadata missing in a frozen bundle
        return "unknown"


def stamp() -> dict[str, str | int]:
    """What the index was built with; compared on open."""
    return {
        "segmenter": SEGMENTER,
        "segmenter_version": segmenter_version(),
        "dictionary": ensure_dictionary(),
        "analyzer": ANALYZER_VERSION,
    }


def _pieces(token: str) -> list[str]:
    """Lowercase, split on -/_ and drop punctuation-only pieces."""
    token = token.lower()
    if not _MEANINGFUL.search(token):
        return []
    if "-" in token or "/" in token or "_" in token:
        return [p for p in _SPLIT.split(token) if p and _MEANINGFUL.search(p)]
    return [token]


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_subword_cache: dict[str, tuple[str, ...]] = {}


def _subwords(word: str) -> tuple[str, ...]:
    """Dictionary words strictly inside a long CJK word (油浸式变压器 -> 变压器, 变压, ...).

    jieba's own search mode only looks at 2- and 3-character grams, so 继电保护装置 would hide
    继电保护; every inner substring that the dictionary knows is taken instead. Memoised: the
    vocabulary is bounded, the documents are not.
    """
    cached = _subword_cache.get(word)
    if cached is not None:
        return cached
    import rjieba

    found: list[str] = []
    n = len(word)
    if n > 2 and _CJK.search(word):
        for size in range(n - 1, 1, -1):
            for i in range(0, n - size + 1):
                piece = word[i:i + size]
                if piece not in found and _CJK.search(piece) and rjieba.has_word(piece):
                    found.append(piece)
    result = tuple(found)
    if len(_subword_cache) < 200_000:
        _subword_cache[word] = result
    return result


_last_segmented: tuple[str | None, list[tuple[str, int]]] = (None, [])


def subwords(word: str) -> tuple[str, ...]:
    """The dictionary words the index holds alongside `word` wherever `word` occurs."""
    return _subwords(word) if len(word) > 2 else ()


def segment(text: str) -> list[tuple[str, int]]:
    """Index tokens as (term, position).

    Positions follow the main (default-mode) words one by one, so phrase queries work; the
    dictionary words inside a long word (变压器 in 油浸式变压器) share the long word's position,
    so both the long word and its parts match, alone and in phrases.
    """
    global _last_segmented
    if _last_segmented[0] == text:  # people and more-like-this analyse the same text again
        return _last_segmented[1]
    import rjieba

    ensure_dictionary()
    out: list[tuple[str, int]] = []
    append = out.append
    pos = -1
    for word in rjieba.cut(text, True):
        if word in STOPWORDS:
            continue
        for piece in _pieces(word):
            pos += 1
            append((piece, pos))
        if len(word) > 2:
            for sub in _subwords(word):
                append((sub, pos))
    _last_segmented = (text, out)  # only once complete: another thread may read it
    return out


def query_words(text: str, keep_stopwords: bool = False) -> list[str]:
    """The main words of a query chunk, in order (no sub-words: the index has those).
    `keep_stopwords` for a prefix: `在*` means 在线, 在役, ... though 在 alone is not indexed."""
    import rjieba

    ensure_dictionary()
    words: list[str] = []
    for word in rjieba.cut(text, True):
        if word in STOPWORDS and not keep_stopwords:
            continue
        words.extend(_pieces(word))
    return words


def is_latin(term: str) -> bool:
    return bool(_LATIN.match(term))


class IndustrialAnalyzer(Tokenizer):
    """whoosh analyzer over `segment()`; one class does it all to keep the per-token loop short."""

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs: object) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value.lower()
            t.boost = 1.0
            t.pos = start_pos
            yield t
            return
        for term, pos in segment(value):
            t.text = term
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos + pos
            yield t


def person_terms(name: str) -> list[str]:
    """A person's name as the index holds it: the name, its pinyin and its initials."""
    name = name.strip()
    if not name:
        return []
    terms = [name.lower()]
    if re.search(r"[\u3400-\u9fff]", name):
        import itertools

        from pypinyin import Style, pinyin

        # Surnames are often heteronyms (曾 zeng/ceng, 单 shan/dan): index every reading,
        # capped so a long odd name cannot explode.
        readings = [[r.lower() for r in rs if r.strip()] for rs in
                    pinyin(name, style=Style.NORMAL, heteronym=True, errors="ignore")]
        readings = [rs for rs in readings if rs]
        for combo in itertools.islice(itertools.product(*readings), 8):
            for term in ("".join(combo), "".join(s[0] for s in combo),
                         "".join(combo[1:]) if len(combo) > 1 else ""):
                if term and term not in terms:
                    terms.append(term)
        for word in query_words(name):
            if word not in terms:
                terms.append(word)
    else:
        for piece in re.split(r"\s+", name.lower()):
            if piece and piece not in terms:
                terms.append(piece)
    return terms


class PeopleAnalyzer(Tokenizer):
    """Names separated by newlines; each gives its name, pinyin and initials (no positions)."""

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs: object) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        names = value.split("\n") if tokenize else [value]
        pos = start_pos
        for name in names:
            for term in (person_terms(name) if tokenize else [name.lower()]):
                t.text = term
                t.boost = 1.0
                t.stopped = False
                if positions:
                    t.pos = pos
                pos += 1
                yield t

