"""Photos and logos, made safe to place: checked, shrunk, scaled to a box.

A photo may be missing, truncated, not an image at all, or 12,000 pixels
wide. Anything that cannot be shown becomes a reason string the dossier
lists, never an exception. Big pictures are downsampled before embedding so
a dossier with ten phone photos stays a few MB.
"""
from __future__ import annotations

import io
import threading
import warnings
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.platypus import Image

if TYPE_CHECKING:
    from PIL.Image import Image as PILImageT

try:
    from PIL import Image as PILImage
except ImportError:  # pragma: no cover - Pillow comes with reportlab's usual install
    PILImage = None  # type: ignore[assignment]  # checked before each use (_prepare)

MAX_SOURCE_PIXELS = 80_000_000   # beyond this, decoding alone needs GBs: refuse politely
MAX_EMBED_SIDE = 1400            # pixels; plenty for a 8 cm wide print at 300 dpi

_cache: OrderedDict[tuple[str, int, int, bool], tuple[bytes, int, int]] = OrderedDict()
_cache_lock = threading.Lock()
_CACHE_SIZE = 32  # a batch repeats the studio logo on every dossier


class ImageUnusable(Exception):
    """The reason (zh) an image can't be shown."""


def _prepare(path: Path, keep_alpha: bool) -> tuple[bytes, int, int]:
    if PILImage is None:
        raise ImageUnusable("缺少 Pillow，无法读取图片")
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise ImageUnusable("文件缺失") from None
    except OSError as exc:
        raise ImageUnusable(f"无法读取（{exc.strerror or exc}）") from None
    key = (str(path), stat.st_mtime_ns, stat.st_size, keep_alpha)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    im: PILImageT  # the file as opened, then the picture made of it
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # DecompressionBombWarning: we check the size ourselves
            with PILImage.open(path) as im:
                w, h = im.size
                if w <= 0 or h <= 0:
                    raise ImageUnusable("无法识别的图片")
                if w * h > MAX_SOURCE_PIXELS:
                    raise ImageUnusable(f"图片过大（{w}×{h} 像素）")
                im.draft("RGB", (MAX_EMBED_SIDE, MAX_EMBED_SIDE))  # JPEG: decode at reduced scale
                im.load()
                im = _oriented(im)
                has_alpha = im.mode in ("RGBA", "LA") or (im.mode == "P" and "transparency" in im.info)
                if keep_alpha and has_alpha:
                    im = im.convert("RGBA")
                elif im.mode != "RGB":
                    im = _flatten(im)
                im.thumbnail((MAX_EMBED_SIDE, MAX_EMBED_SIDE))
                buf = io.BytesIO()
                if im.mode == "RGBA":
                    im.save(buf, "PNG", optimize=False)
                else:
                    im.save(buf, "JPEG", quality=85)
                result = (buf.getvalue(), im.size[0], im.size[1])
    except ImageUnusable:
        raise
    except Exception:  # PIL raises many kinds for broken files; all mean the same here
        raise ImageUnusable("图片损坏或格式无法识别") from None
    with _cache_lock:
        _cache[key] = result
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return result


def _oriented(im: PILImageT) -> PILImageT:
    """Phone photos are stored sideways with an EXIF rotation tag."""
    try:
        from PIL import ImageOps
        return ImageOps.exif_transpose(im)
    except Exception:
        return im


def _flatten(im: PILImageT) -> PILImageT:
    if im.mode in ("RGBA", "LA", "P"):
        rgba = im.convert("RGBA")
        white = PILImage.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return im.convert("RGB")


def fitted_image(path: Path | None, max_width: float, max_height: float,
                 *, keep_alpha: bool = False) -> Image:
    """A platypus Image no larger than the box, aspect kept; raises ImageUnusable."""
    if path is None:
        raise ImageUnusable("文件缺失")
    data, w, h = _prepare(Path(path), keep_alpha)
    scale = min(max_width / w, max_height / h)
    img = Image(io.BytesIO(data), width=w * scale, height=h * scale)
    img.hAlign = "CENTER"
    return img
