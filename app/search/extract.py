"""Plain text of attached .txt, .docx and .pdf files, for the index.

Extraction is cached by the file's SHA-256 (attachments are stored content-addressed, so a
given hash never changes): a full reindex does not parse every PDF again.
"""
from __future__ import annotations

import logging
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

log = logging.getLogger(__name__)

MAX_CHARS = 200_000          # a manual of 500 pages should not dominate the index
MAX_PDF_PAGES = 200
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def kind_of(name: str, mime: str = "") -> str:
    ext = Path(name or "").suffix.lower()
    mime = (mime or "").lower()
    if ext == ".txt" or mime.startswith("text/plain"):
        return "txt"
    if ext == ".docx" or "wordprocessingml" in mime:
        return "docx"
    if ext == ".pdf" or mime == "application/pdf":
        return "pdf"
    return ""


def text_of_txt(path: Path) -> str:
    raw = path.read_bytes()[: MAX_CHARS * 4]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def text_of_docx(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml")
    root = ElementTree.fromstring(xml)
    paragraphs = []
    for para in root.iter(_W + "p"):
        paragraphs.append("".join(node.text or "" for node in para.iter(_W + "t")))
    return "\n".join(p for p in paragraphs if p)


def text_of_pdf(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    out, size = [], 0
    for page in reader.pages[:MAX_PDF_PAGES]:
        text = page.extract_text() or ""
        out.append(text)
        size += len(text)
        if size > MAX_CHARS:
            break
    return "\n".join(out)


def extract(path: Path, name: str, mime: str = "") -> str:
    """Text of one file, or "" when the kind is unknown or the file cannot be read."""
    kind = kind_of(name, mime)
    if not kind or not path.exists():
        return ""
    try:
        text = {"txt": text_of_txt, "docx": text_of_docx, "pdf": text_of_pdf}[kind](path)
    except Exception as exc:  # a damaged upload must not stop indexing the project
        log.info("no text from %s (%s): %r", name, path, exc)
        return ""
    return re.sub(r"\s+\n", "\n", text)[:MAX_CHARS]


def attachment_text(data_dir: Path, sha256: str, name: str, mime: str = "") -> str:
    if not kind_of(name, mime) or not sha256:
        return ""
    cache = Path(data_dir) / "search" / "text-cache" / sha256[:2] / (sha256 + ".txt")
    try:
        return cache.read_text("utf-8")
    except OSError:
        pass
    from app.core.paths import attachment_path

    text = extract(attachment_path(Path(data_dir), sha256), name, mime)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(text, "utf-8")
    except OSError:
        pass
    return text
