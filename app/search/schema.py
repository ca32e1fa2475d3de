"""What a project looks like to the search index, and the whoosh schema that holds it."""
from __future__ import annotations

from dataclasses import dataclass, field

from whoosh.fields import ID, KEYWORD, TEXT, Schema

from app.search.analyzer import IndustrialAnalyzer, PeopleAnalyzer

# Bump when the fields change: an index with another schema version gets rebuilt.
SCHEMA_VERSION = 4


@dataclass
class SearchDoc:
    """The searchable text of one project, already resolved from the database."""

    id: str
    title: str = ""
    body: str = ""              # background, solution, innovation points, implementation, benefits
    tags: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)   # proposer and members, names only
    studio: str = ""
    unit: str = ""
    comments: str = ""
    attachments: str = ""       # text extracted from attached files
    category: str = ""          # code, e.g. "invention"
    status: str = ""            # code, e.g. "adopted"
    year: str = ""              # submission year (or creation year for drafts)


def build_schema() -> Schema:
    text = IndustrialAnalyzer()
    # Only the id is stored: snippets come from the database, which keeps the index small and
    # its postings dense. `content` holds everything a plain word should find with one posting
    # list per word (Or over many fields costs a pure-Python loop per field); `title` is kept
    # apart only to boost title hits, `extra` (comments, attachment text) so a long PDF does
    # not swamp length normalisation of the project text.
    # Positions only where phrases are looked for (content, extra). Measured at 100,000
    # projects: an adjacent-pair field made phrases 30x faster but tripled the build (whoosh's
    # cost is per posting), and positions cost only ~1.25x on other queries.
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=text, phrase=False, field_boost=2.0),
        content=TEXT(analyzer=text, phrase=True),
        extra=TEXT(analyzer=text, phrase=True),
        people=TEXT(analyzer=PeopleAnalyzer(), phrase=False, field_boost=2.0),
        studio_text=TEXT(analyzer=text, phrase=False),
        tags=KEYWORD(lowercase=True, commas=True, scorable=True),
        category=ID(sortable=True),
        status=ID(sortable=True),
        studio=ID(sortable=True),
        year=ID(sortable=True),
    )


def doc_fields(doc: SearchDoc) -> dict[str, str]:
    """The field values handed to whoosh for one project."""
    tags = [t.strip() for t in doc.tags if t and t.strip()]
    content = "\n".join(p for p in (doc.title, doc.body, " ".join(tags), doc.studio, doc.unit) if p)
    fields = {
        "id": doc.id,
        "title": doc.title or "",
        "content": content,
        "extra": "\n".join(p for p in (doc.comments, doc.attachments) if p),
        "people": "\n".join(p.strip() for p in doc.people if p and p.strip()),
        "studio_text": doc.studio or "",
        "tags": ",".join(t.replace(",", " ") for t in tags),
    }
    for name in ("category", "status", "studio", "year"):
        value = getattr(doc, name)
        if value:
            fields[name] = str(value)
    # whoosh rejects empty strings for some fields; leave them out instead
    return {k: v for k, v in fields.items() if v != "" or k == "id"}
