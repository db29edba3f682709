"""A fast page source: pdfplumber pages whose characters, rulings and images come from
pdfium (pypdfium2) instead of pdfminer.

pdfplumber stays the table and word engine; only what it parses a page into changes. With
pdfminer, parsing a page into chars, lines and rects is 74–86 % of kinerja's PDF time; pdfium
parses it in C. `PdfiumPDF` is a `pdfplumber.PDF` (pdfminer still reads the document's page
tree, media boxes, rotation and font dictionaries, which is cheap, so every page keeps
pdfplumber's exact `bbox`, `height` and `doctop`); its pages are `PdfiumPage`s whose
`parse_objects` builds pdfplumber's object dicts from pdfium's raw API, reproducing
pdfminer's geometry (converter.PDFLayoutAnalyzer.paint_path, layout.LTChar) and then
pdfplumber's own conversion (page.Page.process_object). Chosen by the `page_source` setting
(pipeline/settings.py); pdfminer stays the default.

* **A char** is a glyph of pdfium's text page, without the spaces and line breaks it
  generates (pdfminer has no char there). Its box is pdfminer's: from the origin, the advance
  wide, from baseline + descent up by the font size, in text space through the char's
  matrix, so `size` is the box height and `upright` pdfminer's test on that matrix. Advance,
  Descent and font name are pdfminer's own (its font object for the page's font resource of
  that name: widths by the text each code maps to); a font the page resources do not name
  (one inside a form XObject) is measured by pdfium, a standard-14 font by pdfminer's AFM.
* **A text object of blank glyphs** (a space printed on its own, as some writers print every
  word space) has an empty glyph box, and pdfium's text page leaves it out; it becomes one
  space char at its origin, since a word boundary narrower than pdfplumber's 3 pt is only a
  boundary with it.
* **A path** is split at each move-to like pdfminer; a 4-segment closed axis-aligned loop
  (an `re`, or the same drawn with `m l l l h`) is a "rect", a single segment a "line",
  anything else a "curve" (its points the segment ends, as pdfminer keeps them). pdfium closes
  a subpath with a line back to its start flagged `close`: that is pdfminer's `h`. Stroke,
  fill and even-odd come from the draw mode; paths in form XObjects through the form matrix.
* **An image** is the unit square through its matrix; only whether a page has one is used
  (a page without text but with an image is a scan, read by OCR as before).

Page coordinates are pdfminer's: the media box origin moved to (0, 0) and the page rotation
applied (pdfinterp.PDFPageInterpreter.process_page), then pdfplumber's top-left conversion.

Known differences from pdfminer (scripts/compare_page_sources.py measures them on the
committed PDFs; tests/test_page_source.py holds the tolerance):

* Boxes differ by float32 rounding (< 0.001 pt). Glyph origins are pdfium's, and pdfium
  advances by whole 1/1000-em widths: along one long text object of a font with fractional
  widths (LibreOffice's DejaVu subsets) an origin drifts, 0.5 pt after ~100 glyphs on
  rendered 000. A glyph of a font the page resources do not name, or name twice without a
  subset tag, is also measured by pdfium (3.6 pt wider 'M' in a non-embedded Tahoma).
* pdfium's text page drops a space at the start of a text line: an overprinted cell
  (Renstra p. 62) reads 'PKeomorbdainngausin…' where pdfminer has 'P Keomorbdainngausin…'.
* pdfium's text page drops a glyph printed again within 0.07 em of itself (fake bold): the
  page then needs no `dedupe_chars`, which keeps the first of such pairs anyway.
* A blank text object of several spaces is one space char, not several: pdfminer's extra
  spaces can fall between the digits of a figure printed over them and split '99.24' into
  '9', '9', '.', '24' (Disnakertrans p. 47); here the figure stays one word.
* A ligature pdfium decomposes ('ﬁ' → 'f', 'i' at one origin) is joined back to the one
  char U+FB01 pdfminer has, its box ending where the next glyph starts. Arabic presentation
  forms come out as pdfium's base letters, their marks placed otherwise: the Arabic line of
  rendered 001's first page becomes two text lines, so every later line number of that
  document is one higher (claims, checks, table line spans; no figure changes).
* Colours are RGB fractions (pdfminer: the colour space's components); the line width of a
  path that never set one is 1 (pdfminer: 0); `ncs`, `mcid`, `tag`, `dash` and image
  `stream`/`colorspace` are not filled. kinerja reads none of these.

If pdfium cannot open the file, or counts another number of pages than pdfminer, every page
is parsed by pdfminer as before.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.utils import apply_matrix_pt, mult_matrix
from pdfplumber.page import Page

SOURCES = ("pdfminer", "pdfium")
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
SUBPATH = re.compile(r"m[^m]+")

# pdfium's constants (public/fpdf_edit.h)
OBJ_TEXT, OBJ_PATH, OBJ_IMAGE, OBJ_SHADING, OBJ_FORM = 1, 2, 3, 4, 5
SEG_LINETO, SEG_BEZIERTO, SEG_MOVETO = 0, 1, 2
FILL_NONE, FILL_ALTERNATE = 0, 1


def page_ctm(mediabox: tuple, rotate: int) -> Matrix:
    """pdfminer's device matrix for a page: media box origin at (0, 0), rotation applied
    (pdfminer.pdfinterp.PDFPageInterpreter.process_page)."""
    x0, y0, x1, y1 = (float(v) for v in mediabox)
    if rotate == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotate == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotate == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


def _signatures(raw) -> dict[str, tuple]:
    """(result, argument types) of each pdfium function used, every handle a plain
    `c_void_p` (an int in Python): pypdfium2's typed pointers cost a conversion and a cast
    per call, which at five calls per glyph was most of the page's time."""
    vp, i, u, f, d = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_float, ctypes.c_double
    pf, pd, pi, pu = (ctypes.POINTER(t) for t in (f, d, i, u))
    pm, pr = ctypes.POINTER(raw.FS_MATRIX), ctypes.POINTER(raw.FS_RECTF)
    return {
        "FPDF_LoadPage": (vp, vp, i), "FPDF_ClosePage": (None, vp),
        "FPDFText_LoadPage": (vp, vp), "FPDFText_ClosePage": (None, vp),
        "FPDFText_CountChars": (i, vp), "FPDFText_GetUnicode": (u, vp, i),
        "FPDFText_IsGenerated": (i, vp, i), "FPDFText_GetTextObject": (vp, vp, i),
        "FPDFText_GetCharOrigin": (i, vp, i, pd, pd), "FPDFText_GetMatrix": (i, vp, i, pm),
        "FPDFText_GetLooseCharBox": (i, vp, i, pr), "FPDFText_GetFontSize": (d, vp, i),
        "FPDFTextObj_GetFont": (vp, vp), "FPDFTextObj_GetFontSize": (i, vp, pf), "FPDFFont_GetBaseFontName": (ctypes.c_size_t, vp,
                                                                       ctypes.c_char_p,
                                                                       ctypes.c_size_t),
        "FPDFFont_GetDescent": (i, vp, f, pf), "FPDFFont_GetGlyphWidth": (i, vp, u, f, pf),
        "FPDFPageObj_GetFillColor": (i, vp, pu, pu, pu, pu),
        "FPDFPageObj_GetStrokeColor": (i, vp, pu, pu, pu, pu),
        "FPDFPage_CountObjects": (i, vp), "FPDFPage_GetObject": (vp, vp, i),
        "FPDFPageObj_GetType": (i, vp), "FPDFPageObj_GetMatrix": (i, vp, pm),
        "FPDFPageObj_GetBounds": (i, vp, pf, pf, pf, pf),
        "FPDFPath_CountSegments": (i, vp), "FPDFPath_GetPathSegment": (vp, vp, i),
        "FPDFPathSegment_GetPoint": (i, vp, pf, pf), "FPDFPathSegment_GetType": (i, vp),
        "FPDFPathSegment_GetClose": (i, vp), "FPDFPath_GetDrawMode": (i, vp, pi, pi),
        "FPDFPageObj_GetStrokeWidth": (i, vp, pf), "FPDFFormObj_CountObjects": (i, vp),
        "FPDFFormObj_GetObject": (vp, vp, ctypes.c_ulong),
        "FPDFImageObj_GetImagePixelSize": (i, vp, pu, pu),
    }


class _Lib:
    """pdfium's functions with plain handles (see `_signatures`), bound once per process
    to the library pypdfium2 loaded and initialised."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw
        import pypdfium2_raw

        lib = ctypes.CDLL(str(Path(pypdfium2_raw.__file__).parent / "libpdfium.so"))
        self.FS_MATRIX, self.FS_RECTF = raw.FS_MATRIX, raw.FS_RECTF
        for name, (result, *args) in _signatures(raw).items():
            fn = getattr(lib, name)
            fn.restype, fn.argtypes = result, args
            setattr(self, name, fn)


@cache
def _lib() -> _Lib:
    return _Lib()


class _Calls:
    """The pdfium functions and reusable ctypes out-parameters: one set per parse, so a
    page costs no allocation per glyph."""

    def __init__(self) -> None:
        raw = self.raw = _lib()
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.fx, self.fy = ctypes.c_float(), ctypes.c_float()
        self.l, self.b_, self.r_, self.t = (ctypes.c_float() for _ in range(4))
        self.matrix = raw.FS_MATRIX()
        self.rect = raw.FS_RECTF()
        self.f = ctypes.c_float()
        self.i, self.j = ctypes.c_int(), ctypes.c_int()
        self.r, self.g, self.b, self.a = (ctypes.c_uint() for _ in range(4))
        self.name = ctypes.create_string_buffer(256)
        self.faces: dict = {}  # pdfium font handle: (name, Descent, widths)
        self.miner: dict[str, _MinerFont | None] = {}  # the page's fonts as pdfminer has them


class _PageFrame:
    """What maps pdfium's user space onto pdfplumber's page coordinates."""

    def __init__(self, page: Page) -> None:
        obj = page.page_obj
        self.ctm = page_ctm(obj.mediabox, obj.rotate)
        self.height = float(page.height)
        self.mb_x0, self.mb_top = float(page.mediabox[0]), float(page.mediabox[1])
        self.doctop = float(page.initial_doctop)
        self.number = page.page_number

    def box(self, x0: float, y0: float, x1: float, y1: float) -> dict[str, Any]:
        """pdfplumber's box keys for a device-space box (Page.process_object)."""
        top = self.height - y1 + self.mb_top
        bottom = self.height - y0 + self.mb_top
        return {"x0": x0 + self.mb_x0, "y0": y0, "x1": x1 + self.mb_x0, "y1": y1,
                "width": x1 - x0, "height": y1 - y0, "top": top, "bottom": bottom,
                "doctop": self.doctop + top, "page_number": self.number}

    def coord(self, pt: tuple[float, float]) -> tuple[float, float]:
        """pdfplumber's point2coord: device point to (x, top)."""
        return (self.mb_x0 + pt[0], self.mb_top + self.height - pt[1])


# --- characters ------------------------------------------------------------------------


class _Font:
    """A text object's font as pdfminer's char boxes need it: name, size, Descent, and
    for a standard-14 font pdfminer's own metrics (`afm`: width per char)."""

    __slots__ = ("afm", "colour", "descent", "m", "name", "size")

    def __init__(self, name: str, size: float, descent: float, colour: tuple) -> None:
        self.name, self.size, self.descent, self.colour = name, size, descent, colour
        self.afm: dict[str, float] | None = None
        self.m: tuple = (1.0, 0.0, 0.0, 1.0)  # the text object's matrix (a, b, c, d)


@cache
def _standard_metrics(name: str) -> tuple[float, dict[str, float]] | None:
    """(Descent, widths by char) of a standard-14 font (or its Arial/Times New Roman alias)
    as pdfminer has them. Such a font is often not embedded and has no /Widths: pdfminer
    then measures glyphs by these Adobe metrics, pdfium by its substitute font's glyphs
    (a Helvetica 'r' 1.2 pt wider at 11 pt), so the AFM is used here too."""
    from pdfminer.fontmetrics import FONT_METRICS

    found = FONT_METRICS.get(name.split("+", 1)[-1])
    if found is None:
        return None
    descriptor, widths = found
    return float(descriptor.get("Descent", 0)), {k: float(w) for k, w in widths.items()}


def _untagged(name: str) -> str:
    """A font name without its subset tag ('ABCDEF+Calibri' → 'Calibri')."""
    return name.split("+", 1)[-1]


class _MinerFont:
    """pdfminer's own font object for a pdfium font: its name (with the subset tag pdfium
    drops), Descent, and widths by the text each char code maps to — pdfium's widths
    differ for some non-embedded TrueType fonts (Arial,BoldItalic digits 0.7 pt wider at
    11 pt: two words 3.2 pt apart become one word)."""

    def __init__(self, font) -> None:
        self.name = str(font.fontname)
        self.descent = font.get_descent()
        self.widths: dict[str, float] = {}
        codes = font.unicode_map.cid2unichr.items() if font.unicode_map else ()
        simple = getattr(font, "cid2unicode", {})
        for cid, text in [*simple.items(), *codes]:
            self.widths[text] = font.char_width(cid)


def miner_fonts(page: Page) -> dict[str, _MinerFont | None]:
    """The page's fonts as pdfminer reads them, by name without subset tag; None for a name
    two different fonts share (then pdfium's metrics are used). pdfminer caches each font
    object across pages, so this costs a lookup per font and page."""
    from pdfminer.pdftypes import PDFObjRef, dict_value, resolve1

    out: dict[str, _MinerFont | None] = {}
    known = page.pdf.__dict__.setdefault("_kinerja_miner_fonts", {})  # PDFFont id: _MinerFont
    try:
        specs = dict_value(resolve1(page.page_obj.resources.get("Font", {})))
        for spec in specs.values():
            objid = spec.objid if isinstance(spec, PDFObjRef) else None
            pdf_font = page.pdf.rsrcmgr.get_font(objid, dict_value(spec))
            font = known.get(id(pdf_font))
            if font is None:
                font = known[id(pdf_font)] = _MinerFont(pdf_font)
            base = str(getattr(resolve1(dict_value(spec).get("BaseFont")), "name", font.name))
            names = {font.name, base, _untagged(font.name), _untagged(base)}
            for key in names:  # pdfium names a font by its BaseFont (its subset tag kept or
                # not), pdfminer by its FontName; a subset's tagged name is its own
                out[key] = font if key not in out or _same_font(out[key], font) else None
    except Exception:  # noqa: BLE001 — a font pdfminer cannot read: pdfium's metrics
        return out
    return out


def _same_font(a: _MinerFont | None, b: _MinerFont) -> bool:
    return a is not None and (a.name, a.descent, a.widths) == (b.name, b.descent, b.widths)


def _font_face(calls: _Calls, font, cache: dict) -> tuple[str, float, dict | None]:
    """(font name, Descent per em, widths per em by char or None) of a pdfium font, once
    per font: pdfminer's when the page's resources name it, else pdfium's (pdfminer's
    AFM widths for a standard-14 font)."""
    found = cache.get(font)
    if found is not None:
        return found
    raw = calls.raw
    n = raw.FPDFFont_GetBaseFontName(font, calls.name, 256) if font else 0
    name = calls.name.raw[:max(0, n - 1)].decode("latin-1") if n else ""
    miner = calls.miner.get(name) or calls.miner.get(_untagged(name))
    if miner is not None:
        cache[font] = found = (miner.name, miner.descent, miner.widths)
        return found
    descent = 0.0
    if font and raw.FPDFFont_GetDescent(font, 1000.0, calls.f):
        descent = min(calls.f.value, -calls.f.value)  # pdfminer: a positive Descent is negated
    standard = _standard_metrics(name)
    if standard is not None:
        descent = min(standard[0], -standard[0])
    widths = {k: w / 1000 for k, w in standard[1].items()} if standard else None
    cache[font] = found = (name, descent / 1000.0, widths)
    return found


def _text_font(calls: _Calls, obj: int, size: float) -> _Font:
    """A text object's font record (its matrix still to be set)."""
    raw = calls.raw
    name, descent, afm = _font_face(calls, raw.FPDFTextObj_GetFont(obj), calls.faces)
    found = _Font(name, size, descent, _colour(calls, raw.FPDFPageObj_GetFillColor, obj))
    found.afm = afm
    return found


def _font(calls: _Calls, text_page, index: int, obj: int, cache: dict) -> _Font:
    """The text object's font, size, matrix and colour, once per text object."""
    found = cache.get(obj)
    if found is not None:
        return found
    raw = calls.raw
    found = _text_font(calls, obj, raw.FPDFText_GetFontSize(text_page, index))
    raw.FPDFText_GetMatrix(text_page, index, calls.matrix)
    mx = calls.matrix
    found.m = (mx.a, mx.b, mx.c, mx.d)
    cache[obj] = found
    return found


def _colour(calls: _Calls, getter, obj) -> tuple:
    if not getter(obj, calls.r, calls.g, calls.b, calls.a):
        return (0.0,)
    return (calls.r.value / 255, calls.g.value / 255, calls.b.value / 255)


def _advance(calls: _Calls, text_page, index: int, m: Matrix, font: _Font, code: int) -> float:
    """The glyph's advance in text space (width × size / 1000): pdfium's loose box is the
    advance scaled by the matrix's `a`; a rotated glyph (a = 0) asks the font instead."""
    raw = calls.raw
    if font.afm is not None and chr(code) in font.afm:
        return font.afm[chr(code)] * font.size
    if abs(m[0]) > 1e-6 and raw.FPDFText_GetLooseCharBox(text_page, index, calls.rect):
        return (calls.rect.right - calls.rect.left) / m[0]
    f = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(text_page, index))
    if f and raw.FPDFFont_GetGlyphWidth(f, code, font.size, calls.f):
        return calls.f.value
    return 0.0


class _Glyph:
    """A glyph in pdfium's user space: origin, text matrix (a, b, c, d), advance in text
    space, font. Kept beside its char to place the spaces pdfium dropped."""

    __slots__ = ("adv", "font", "m", "ox", "oy")

    def __init__(self, ox: float, oy: float, m: tuple, adv: float, font: _Font) -> None:
        self.ox, self.oy, self.m, self.adv, self.font = ox, oy, m, adv, font

    def end(self) -> tuple[float, float]:
        """Where the next glyph would start: the origin moved by the advance."""
        return self.ox + self.adv * self.m[0], self.oy + self.adv * self.m[1]


def _glyph(calls: _Calls, text_page, index: int, text: str, font: _Font) -> _Glyph:
    calls.raw.FPDFText_GetCharOrigin(text_page, index, calls.x, calls.y)
    adv = _advance(calls, text_page, index, font.m, font, ord(text[0]))
    return _Glyph(calls.x.value, calls.y.value, font.m, adv, font)


def _extent(m: Matrix, x0: float, y0: float, x1: float, y1: float) -> tuple[float, ...]:
    """The device box of a text-space box (pdfminer's apply_matrix_rect); an unrotated
    matrix, nearly every glyph, without mapping four corners."""
    a, b, c, d, e, f = m
    if b == 0 and c == 0:
        xa, xb, ya, yb = a * x0 + e, a * x1 + e, d * y0 + f, d * y1 + f
        return (min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))
    corners = [apply_matrix_pt(m, pt) for pt in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return (min(xs), min(ys), max(xs), max(ys))


def _char(glyph: _Glyph, text: str, frame: _PageFrame) -> dict[str, Any]:
    """One pdfminer LTChar as pdfplumber's dict (layout.LTChar, Page.process_object): the
    box (0, descent) – (advance, descent + size) in text space, through the char's matrix."""
    font = glyph.font
    m = mult_matrix((*glyph.m, glyph.ox, glyph.oy), frame.ctm)
    size, lo = font.size, font.descent * font.size
    a, b, c, d, e, f = m
    if b == 0 and c == 0 and a > 0 and d > 0 and glyph.adv >= 0:  # upright: nearly all
        x0, y0, x1, y1 = e, d * lo + f, a * glyph.adv + e, d * (lo + size) + f
    else:
        x0, y0, x1, y1 = _extent(m, 0.0, lo, glyph.adv, lo + size)
    top = frame.height - y1 + frame.mb_top
    return {"x0": x0 + frame.mb_x0, "y0": y0, "x1": x1 + frame.mb_x0, "y1": y1,
            "width": x1 - x0, "height": y1 - y0, "top": top,
            "bottom": frame.height - y0 + frame.mb_top, "doctop": frame.doctop + top,
            "page_number": frame.number, "object_type": "char", "text": text,
            "fontname": font.name, "adv": glyph.adv, "size": y1 - y0, "matrix": m,
            "upright": m[0] * m[3] > 0 and m[1] * m[2] <= 0,
            "stroking_color": font.colour, "non_stroking_color": font.colour,
            "mcid": None, "tag": None}


LIGATURES = {unicodedata.normalize("NFKD", chr(cp)): chr(cp) for cp in range(0xFB00, 0xFB05)}
HYPHEN_MARK = 0x2  # pdfium's text page marks a line-end hyphen so; the glyph is a '-'


def _same_glyph(prev: _Glyph, glyph: _Glyph) -> bool:
    """A piece of one glyph's text (pdfium splits a ligature 'ﬁ' into 'f' and 'i' at one
    origin): pdfminer keeps the glyph as one char."""
    return (prev.ox, prev.oy, prev.m, prev.font) == (glyph.ox, glyph.oy, glyph.m, glyph.font)


def _text(code: int) -> str:
    return "-" if code == HYPHEN_MARK else chr(code)


def parse_chars(calls: _Calls, page_handle, frame: _PageFrame) -> list[dict[str, Any]]:
    """The page's chars in content order, the spaces and line breaks pdfium generated left
    out (pdfminer has no char there)."""
    raw = calls.raw
    text_page = raw.FPDFText_LoadPage(page_handle)
    chars: list[dict[str, Any]] = []
    prev: _Glyph | None = None
    objects: dict = {}
    try:
        for i in range(raw.FPDFText_CountChars(text_page)):
            if raw.FPDFText_IsGenerated(text_page, i) == 1:
                continue
            code = raw.FPDFText_GetUnicode(text_page, i)
            font = _font(calls, text_page, i, raw.FPDFText_GetTextObject(text_page, i), objects)
            glyph = _glyph(calls, text_page, i, _text(code), font)
            if prev is not None and _same_glyph(prev, glyph):
                _join(chars[-1], _text(code))
                continue
            char = _char(glyph, _text(code), frame)
            if chars and "pieces" in chars[-1]:
                _end_ligature(chars[-1], char)
            chars.append(char)
            prev = glyph
    finally:
        raw.FPDFText_ClosePage(text_page)
    for c in chars:
        c.pop("pieces", None)
    return chars


def _end_ligature(lig: dict, after: dict) -> None:
    """A ligature's box ends where the glyph after it starts (on its line): pdfium gives
    each of its pieces a fraction of the glyph's width."""
    if abs(lig["bottom"] - after["bottom"]) < 0.1 and lig["x1"] < after["x0"] < lig["x1"] + lig["size"]:
        lig["x1"] = after["x0"]
        lig["width"] = lig["x1"] - lig["x0"]


def _join(char: dict, text: str) -> None:
    """Join a glyph's pieces back into one char, a ligature into its one code point
    (pdfium's text page decomposes U+FB00–FB04; pdfminer keeps the ToUnicode text)."""
    pieces = char.get("pieces", char["text"]) + text
    char["pieces"] = pieces
    char["text"] = LIGATURES.get(pieces, pieces)


# --- paths and images ------------------------------------------------------------------


def _obj_matrix(calls: _Calls, obj) -> Matrix:
    m = calls.matrix
    if not calls.raw.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _segments(calls: _Calls, obj) -> list[tuple[str, list[tuple[float, float]]]]:
    """The path as pdfminer's operators: 'm', 'l', 'c' (its three points), 'h' for a
    subpath pdfium closed (its closing line back to the start is pdfminer's `h`)."""
    raw = calls.raw
    out: list[tuple[str, list[tuple[float, float]]]] = []
    start = (0.0, 0.0)
    pending: list[tuple[float, float]] = []
    for k in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, k)
        raw.FPDFPathSegment_GetPoint(seg, calls.fx, calls.fy)
        pt = (calls.fx.value, calls.fy.value)
        kind = raw.FPDFPathSegment_GetType(seg)
        closed = bool(raw.FPDFPathSegment_GetClose(seg))
        if kind == SEG_MOVETO:
            start = pt
            out.append(("m", [pt]))
        elif kind == SEG_BEZIERTO:
            pending.append(pt)
            if len(pending) == 3:
                out.append(("c", pending))
                pending = []
        elif not (closed and pt == start):
            out.append(("l", [pt]))
        if closed and not pending:
            out.append(("h", []))
    return out


def _path_objects(segments, matrix: Matrix, style: dict, frame: _PageFrame) -> list[dict]:
    """pdfminer's paint_path: one object per subpath (each starting at a move-to)."""
    shape = "".join(op for op, _ in segments)
    if shape[:1] != "m":
        return []
    if shape.count("m") > 1:
        out: list[dict] = []
        for found in SUBPATH.finditer(shape):
            out += _path_objects(segments[found.start():found.end()], matrix, style, frame)
        return out
    return [_subpath(segments, shape, matrix, style, frame)]


def _subpath(segments, shape: str, matrix: Matrix, style: dict, frame: _PageFrame) -> dict:
    m = mult_matrix(matrix, frame.ctm)
    start = apply_matrix_pt(m, segments[0][1][-1])
    pts = [apply_matrix_pt(m, pts[-1]) if op != "h" else start for op, pts in segments]
    path = [(op, *(frame.coord(apply_matrix_pt(m, p)) for p in pts_)) for op, pts_ in segments]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in {"mlh", "ml"}:
        kind, pts = "line", pts[:2]
    elif shape in {"mlllh", "mllll"} and _is_rect(pts):
        kind, pts = "rect", _rect_pts(pts)
    else:
        kind = "curve"
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    attr = frame.box(min(xs), min(ys), max(xs), max(ys))
    attr.update(style)
    attr.update({"object_type": kind, "pts": [frame.coord(p) for p in pts], "path": path})
    return attr


def _is_rect(pts: list[tuple[float, float]]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
    return pts[0] == pts[4] and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                                 or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0))


def _rect_pts(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """LTRect's points: its bbox (pts[0], pts[2]) corners from the lower left."""
    (xa, ya), (xb, yb) = pts[0], pts[2]
    return [(xa, ya), (xb, ya), (xb, yb), (xa, yb)]


def _style(calls: _Calls, obj) -> dict[str, Any]:
    """Stroke, fill and line width as pdfminer's graphic state gives them."""
    raw = calls.raw
    raw.FPDFPath_GetDrawMode(obj, calls.i, calls.j)
    fill_mode, stroke = calls.i.value, bool(calls.j.value)
    width = calls.f.value if raw.FPDFPageObj_GetStrokeWidth(obj, calls.f) else 1.0
    return {"linewidth": width, "stroke": stroke, "fill": fill_mode != FILL_NONE,
            "evenodd": fill_mode == FILL_ALTERNATE,
            "stroking_color": _colour(calls, raw.FPDFPageObj_GetStrokeColor, obj),
            "non_stroking_color": _colour(calls, raw.FPDFPageObj_GetFillColor, obj),
            "dash": None, "mcid": None, "tag": None}


def _image(calls: _Calls, obj, matrix: Matrix, frame: _PageFrame) -> dict[str, Any]:
    """An image's box: the unit square through its matrix (pdfminer's figure bbox)."""
    m = mult_matrix(mult_matrix(_obj_matrix(calls, obj), matrix), frame.ctm)
    corners = [apply_matrix_pt(m, pt) for pt in ((0, 0), (1, 0), (1, 1), (0, 1))]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    attr = frame.box(min(xs), min(ys), max(xs), max(ys))
    calls.raw.FPDFImageObj_GetImagePixelSize(obj, calls.r, calls.g)
    attr.update({"object_type": "image", "srcsize": (calls.r.value, calls.g.value),
                 "name": None, "stream": None, "imagemask": None, "bits": None,
                 "colorspace": [], "mcid": None, "tag": None})
    return attr


def parse_graphics(calls: _Calls, handles, matrix: Matrix, frame: _PageFrame,
                   into: dict[str, list]) -> None:
    """Paths and images of page objects (`handles`), form XObjects entered with their
    matrix, in content order; and the space of each blank text object (`_blank`)."""
    raw = calls.raw
    for obj in handles:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == OBJ_TEXT:
            _blank(calls, obj, matrix, frame, into)
        elif kind == OBJ_PATH:
            segments = _segments(calls, obj)
            local = mult_matrix(_obj_matrix(calls, obj), matrix)
            for item in _path_objects(segments, local, _style(calls, obj), frame):
                into.setdefault(item["object_type"], []).append(item)
        elif kind == OBJ_IMAGE:
            into.setdefault("image", []).append(_image(calls, obj, matrix, frame))
        elif kind == OBJ_FORM:
            inner = mult_matrix(_obj_matrix(calls, obj), matrix)
            children = (raw.FPDFFormObj_GetObject(obj, k)
                        for k in range(raw.FPDFFormObj_CountObjects(obj)))
            parse_graphics(calls, children, inner, frame, into)


def _blank(calls: _Calls, obj, matrix: Matrix, frame: _PageFrame, into: dict) -> None:
    """The space char of a text object whose glyphs have no width (a space printed on its
    own, as some writers print every word space): pdfium's text page leaves such an object
    out, pdfminer has its char, and a word boundary narrower than pdfplumber's tolerance
    is only a boundary with it. One space at the object's origin, one space wide."""
    raw = calls.raw
    if not raw.FPDFPageObj_GetBounds(obj, calls.l, calls.b_, calls.r_, calls.t) or \
            calls.r_.value - calls.l.value >= 0.01 or not raw.FPDFTextObj_GetFontSize(obj, calls.f):
        return
    font = _text_font(calls, obj, calls.f.value)
    a, b, c, d, e, f = mult_matrix(_obj_matrix(calls, obj), matrix)
    font.m = (a, b, c, d)
    adv = _space_width(calls, obj, font)
    into.setdefault("char", []).append(_char(_Glyph(e, f, font.m, adv, font), " ", frame))


def _space_width(calls: _Calls, obj, font: _Font) -> float:
    """A space's advance in text space: pdfminer's metrics for a standard font, else the
    font's own width of U+0020, else a quarter em."""
    if font.afm is not None and " " in font.afm:
        return font.afm[" "] * font.size
    face = calls.raw.FPDFTextObj_GetFont(obj)
    if face and calls.raw.FPDFFont_GetGlyphWidth(face, 0x20, font.size, calls.f):
        return calls.f.value
    return 0.25 * font.size


def parse_page(document, page: Page) -> dict[str, list]:
    """pdfplumber's `objects` of one page, read by pdfium."""
    calls = _Calls()
    calls.miner = miner_fonts(page)
    raw = calls.raw
    frame = _PageFrame(page)
    handle = raw.FPDF_LoadPage(document, page.page_number - 1)
    if not handle:
        raise ValueError(f"pdfium cannot load page {page.page_number}")
    try:
        objects: dict[str, list] = {}
        top = (raw.FPDFPage_GetObject(handle, k) for k in range(raw.FPDFPage_CountObjects(handle)))
        parse_graphics(calls, top, IDENTITY, frame, objects)
        chars = parse_chars(calls, handle, frame) + objects.pop("char", [])
        if chars:
            objects["char"] = chars
    finally:
        raw.FPDF_ClosePage(handle)
    return objects


# --- the pdfplumber side ---------------------------------------------------------------


class PdfiumPage(Page):
    """A pdfplumber page whose objects pdfium parsed (pdfminer when pdfium cannot)."""

    def parse_objects(self) -> dict[str, list]:
        document = getattr(self.pdf, "pdfium_document", lambda: None)()
        if document is None:
            return super().parse_objects()
        return parse_page(document, self)


class PdfiumPDF(pdfplumber.PDF):
    """pdfplumber's PDF with `PdfiumPage`s: pdfminer reads the page tree and boxes, pdfium
    each page's content."""

    page_class = PdfiumPage

    @property
    def pages(self) -> list[Page]:
        pages = super().pages
        for page in pages:
            if type(page) is Page:
                page.__class__ = PdfiumPage  # same state: only parse_objects differs
        return pages

    def pdfium_document(self):
        """The raw pdfium document, opened once; None when pdfium cannot read the file or
        counts its pages otherwise than pdfminer (then pdfminer parses every page)."""
        if not hasattr(self, "_pdfium"):
            self._pdfium = self._open_pdfium()
        return None if self._pdfium is None else ctypes.cast(self._pdfium.raw,
                                                             ctypes.c_void_p).value

    def _open_pdfium(self):
        import pypdfium2

        try:
            doc = pypdfium2.PdfDocument(self.path if self.path is not None else self.stream)
        except Exception:  # noqa: BLE001 — pdfminer reads what pdfium cannot
            return None
        if len(doc) != len(self.pages):
            doc.close()
            return None
        return doc

    def close(self) -> None:
        pdfium_doc = getattr(self, "_pdfium", None)
        if pdfium_doc is not None:
            pdfium_doc.close()
            self._pdfium = None
        super().close()


def open_pdf(path: str, source: str = "pdfminer") -> pdfplumber.PDF:
    """The PDF as pdfplumber opens it, its pages parsed by `source` ('pdfminer' | 'pdfium')."""
    if source not in SOURCES:
        raise ValueError(f"page_source must be one of {SOURCES}, not {source!r}")
    cls = PdfiumPDF if source == "pdfium" else pdfplumber.PDF
    return cls.open(path)
