"""Plain, unpatched whoosh answering query specs on an index the app built (run as a script).

    python tests/search/whoosh_reference.py INDEX_DIR < specs.json > answers.json

It never imports app.search's whoosh code (whoosh_compat, index, topk, fastand): whoosh is used
as shipped, through its public API only: `open_dir`, `Q.And`/`Q.Or`/`Q.AndNot`/`Q.AndMaybe`/
`Q.Phrase`, deletions as whoosh applies them, and its exhaustive collector (`limit=None`). Only
app.search.analyzer is imported, by whoosh itself, because the schema pickled into the index
names its analyzer.

A spec says what a query means: {"must": [words], "phrase": [words] | null, "not": [words],
"filter": [field, value] | null, "title": [words], "prefix": word | null, "k": 20, "facets": bool}.
The answer: top k (id, score), the total and, when asked, the count per facet value.
"""
from __future__ import annotations

import json
import sys

from whoosh import index
from whoosh import query as Q

FACETS = {"category": ["invention", "creation", "innovation", "design", "suggestion", "tech_challenge",
                       "management", "qc"],
          "status": ["draft", "submitted", "under_review", "adopted", "not_adopted", "in_progress", "completed"],
          "year": [str(y) for y in range(2018, 2027)],
          "studio": ["一号工作室", "二号工作室", "三号工作室"]}
PATCHED = ("app.search.whoosh_compat", "app.search.index", "app.search.topk", "app.search.fastand",
           "app.search.service", "app.search.postings")


def build(spec: dict):
    parts = [Q.Term("content", w) for w in spec["must"]]
    if spec.get("phrase"):
        parts.append(Q.Phrase("content", spec["phrase"]))
    if spec.get("prefix"):
        parts.append(Q.Prefix("content", spec["prefix"]))
    q = parts[0] if len(parts) == 1 else Q.And(parts)
    if spec.get("title"):  # title words raise the score without deciding the match
        q = Q.AndMaybe(q, Q.Or([Q.Term("title", w) for w in spec["title"]]))
    return q


def answer(searcher, spec: dict, facet_docs: dict) -> dict:
    q = build(spec)
    filt = Q.Term(*spec["filter"]) if spec.get("filter") else None
    # exclusions as whoosh's `mask` (its AndNotMatcher misses an excluded first match)
    mask = Q.Or([Q.Term("content", w) for w in spec["not"]]) if spec.get("not") else None
    results = searcher.search(q, limit=None, filter=filt, mask=mask)
    top = [(results[i]["id"], results.score(i)) for i in range(min(spec["k"], len(results)))]
    out = {"top": top, "total": len(results)}
    if spec.get("facets"):
        matched = set(results.docs())
        counts: dict[str, dict[str, int]] = {}
        for name, values in FACETS.items():
            for v in values:
                if (name, v) not in facet_docs:  # the projects holding each value, asked once
                    facet_docs[(name, v)] = set(searcher.docs_for_query(Q.Term(name, v)))
                n = len(matched & facet_docs[(name, v)])
                if n:
                    counts.setdefault(name, {})[v] = n
        out["facets"] = counts
    return out


def main() -> int:
    specs = json.load(sys.stdin)
    ix = index.open_dir(sys.argv[1])
    with ix.searcher() as searcher:
        facet_docs: dict = {}
        answers = [answer(searcher, spec, facet_docs) for spec in specs]
    loaded = [m for m in PATCHED if m in sys.modules]
    from whoosh.codec import whoosh3

    if loaded or getattr(whoosh3.W3LeafMatcher, "_ideabank_fast", False):
        print(f"the reference imported the app's whoosh code: {loaded}", file=sys.stderr)
        return 3
    json.dump(answers, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
