"""Tesseract, the OCR engine behind extractors/ocr.py: in-process through its library binding
(tesserocr) where installed, else the `tesseract` program.

Why the binding (issue 12, "OCR that scales"): the models load once per process instead of
once per call (0.1–0.2 s each), a page image is handed over as pixels instead of a PNG file,
and the wheel's Tesseract (5.5) reads the scan fixture page ~20 % faster than Debian's 5.3
program. The program stays as the fallback for platforms without a wheel; both give rows of
Tesseract's TSV (one per word with its box and block / paragraph / line numbers) and numeric
cells read one line each, so extractors/ocr.py does not know which one ran.

Tesseract runs single-threaded (`OMP_THREAD_LIMIT=1`) unless the user set the variable: its
OpenMP threads bring little on one page, and with several workers on the same cores they
quadrupled the page's CPU time.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np

LANGUAGES = "ind+eng"
DIGITS = "0123456789.,%-()"
TSV_HEADER = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\t"
              "height\tconf\ttext")
#: where Linux distributions and Homebrew put Tesseract's language data
TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                 "/usr/share/tessdata", "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata")


class Engine(Protocol):
    version: str

    def page_rows(self, image, dpi: int) -> list[dict]:
        """Tesseract's TSV rows for a whole page (PIL image rendered at `dpi`), automatic
        page segmentation. Told the resolution, Tesseract sizes its text-line finding to the
        print; left to guess it from the image, it read a scanned PK's wrapped names out of
        order and '69%' as '“63'."""

    def read_lines(self, images: list[np.ndarray]) -> list[str]:
        """Each image read as one line of digits and separators."""


def environment() -> dict[str, str]:
    """The environment Tesseract runs in: single-threaded unless the user said otherwise."""
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")
    return env


def _tsv_rows(text: str) -> list[dict]:
    if not text.startswith("level"):
        text = TSV_HEADER + "\n" + text
    return list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))


def tessdata_dir() -> str | None:
    """$TESSDATA_PREFIX, else the first usual folder holding the Indonesian model."""
    candidates = [os.environ["TESSDATA_PREFIX"]] if os.environ.get("TESSDATA_PREFIX") else []
    for folder in candidates + list(TESSDATA_DIRS):
        if (Path(folder) / "ind.traineddata").is_file():
            return folder
    return None


class BindingEngine:
    """libtesseract in this process (tesserocr): one API per mode, models loaded once."""

    def __init__(self, tessdata: str) -> None:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # read when the library starts
        import tesserocr

        self._tesserocr = tesserocr
        self._tessdata = tessdata
        self._page = self._line = None
        self.version = "tesserocr " + tesserocr.tesseract_version().split("\n", 1)[0]

    def _page_api(self):
        if self._page is None:
            t = self._tesserocr
            self._page = t.PyTessBaseAPI(path=self._tessdata, lang=LANGUAGES, psm=t.PSM.AUTO)
        return self._page

    def _line_api(self):
        if self._line is None:
            t = self._tesserocr
            self._line = t.PyTessBaseAPI(path=self._tessdata, lang="eng", psm=t.PSM.SINGLE_LINE)
            self._line.SetVariable("tessedit_char_whitelist", DIGITS)
        return self._line

    def page_rows(self, image, dpi: int) -> list[dict]:
        api = self._page_api()
        api.SetImage(image)
        api.SetSourceResolution(dpi)
        api.Recognize()
        return _tsv_rows(api.GetTSVText(0))

    def read_lines(self, images: list[np.ndarray]) -> list[str]:
        from PIL import Image

        api = self._line_api()
        out = []
        for image in images:
            api.SetImage(Image.fromarray(image))
            out.append(" ".join(api.GetUTF8Text().split()))
        return out


class ProgramEngine:
    """The `tesseract` program: a process per page pass and one per page's numeric cells
    (an image list), for platforms without the binding."""

    def __init__(self) -> None:
        out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True)
        self.version = (out.stdout or out.stderr).split("\n", 1)[0]

    @staticmethod
    def _run(args: list[str], timeout: float) -> list[dict]:
        out = subprocess.run(["tesseract", *args, "tsv"], capture_output=True, text=True,
                             timeout=timeout, env=environment()).stdout
        return _tsv_rows(out)

    def page_rows(self, image, dpi: int) -> list[dict]:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "page.png"
            image.save(path)
            return self._run([str(path), "stdout", "-l", LANGUAGES, "--psm", "3",
                              "--dpi", str(dpi)], 600)

    def read_lines(self, images: list[np.ndarray]) -> list[str]:
        from PIL import Image

        with tempfile.TemporaryDirectory() as tmp_dir:
            tmp = Path(tmp_dir)
            paths = []
            for i, image in enumerate(images):
                paths.append(tmp / f"cell_{i}.png")
                Image.fromarray(image).save(paths[-1])
            (tmp / "cells.txt").write_text("".join(f"{p}\n" for p in paths), encoding="utf-8")
            rows = self._run([str(tmp / "cells.txt"), "stdout", "--psm", "7", "-c",
                              f"tessedit_char_whitelist={DIGITS}"], 60 + 5 * len(paths))
        words: dict[int, list[str]] = {}
        for row in rows:
            if row.get("level") == "5" and (row.get("text") or "").strip():
                words.setdefault(int(row["page_num"]), []).append(row["text"].strip())
        return [" ".join(words.get(i + 1, [])) for i in range(len(paths))]


def _binding_usable() -> bool:
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return False
    return tessdata_dir() is not None


def _program_usable() -> bool:
    if not shutil.which("tesseract"):
        return False
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout
    return "ind" in langs.split()


@cache
def engine() -> Engine | None:
    """The engine this process reads scans with (asked once): the binding when it and the
    Indonesian model are installed, else the program, else None (scans are reported, not
    read)."""
    if _binding_usable():
        return BindingEngine(tessdata_dir() or "")
    if _program_usable():
        return ProgramEngine()
    return None
