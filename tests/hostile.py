"""Hostile inputs made on the fly: each function writes one bad file into a folder and
returns its path. Nothing here is committed as a fixture, so the suite stays a few KB while
its inputs reach megabytes (a 100,000-row table, a multi-megabyte line)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

CAPAIAN_HEADER = "No\tIndikator Kinerja\tSatuan\tTarget\tRealisasi\tCapaian (%)"


def capaian_report(rows: int, caption: str = "Tabel 3.1 Capaian Kinerja Tahun 2022") -> str:
    """A minimal LKjIP text: a title, a caption and a capaian table of `rows` distinct rows."""
    body = [f"{i}\tPersentase layanan nomor {i} yang tuntas\t%\t100\t{80 + i % 20}\t{80 + i % 20}"
            for i in range(1, rows + 1)]
    return "\n".join(["LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2022", "", caption,
                      CAPAIAN_HEADER, *body, ""])


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --- PDF ----------------------------------------------------------------------------------


def pdf_bytes(pages: list[tuple[str, str]], encrypt: bool = False) -> bytes:
    """A minimal PDF: one (media box, content stream) per page, Helvetica for text. Written
    by hand so each defect can be made exactly (a huge box, a broken page, an /Encrypt)."""
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: pages (filled below)
    kids = []
    font = len(objects) + 1
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for box, content in pages:
        stream = content.encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        contents = len(objects)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox {box} /Contents {contents} 0 R "
                       f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode())
        kids.append(f"{len(objects)} 0 R")
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    trailer_extra = b""
    if encrypt:  # RC4 40-bit; the /U entry matches no password, so a reader must ask for one
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"41" * 32 + b"> /U <"
                       + b"42" * 32 + b"> /P -4 >>")
        trailer_extra = f" /Encrypt {len(objects)} 0 R /ID [<00112233445566778899aabbccddeeff>"\
                        f" <00112233445566778899aabbccddeeff>]".encode()
    return _assemble(objects, trailer_extra)


def _assemble(objects: list[bytes], trailer_extra: bytes) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R" % (len(objects) + 1) + trailer_extra
              + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


A4 = "[0 0 595 842]"


def text_page(lines: list[str]) -> tuple[str, str]:
    ops = ["BT /F1 11 Tf 50 800 Td 14 TL"] + [f"({line}) Tj T*" for line in lines] + ["ET"]
    return A4, "\n".join(ops)


def huge_blank_page_pdf(folder: Path) -> Path:
    """560 bytes declaring one blank page 200,000 points square: rendering it for OCR needs
    tens of gigabytes."""
    return write(folder, "huge_page.pdf", pdf_bytes([("[0 0 200000 200000]", "")]))


def blank_pages_pdf(folder: Path, n: int) -> Path:
    """`n` empty pages: OCR'ing each would take an hour; they hold nothing to read."""
    return write(folder, f"blank_{n}.pdf", pdf_bytes([(A4, "")] * n))


def encrypted_pdf(folder: Path) -> Path:
    return write(folder, "locked.pdf", pdf_bytes([text_page(["Laporan Kinerja 2022"])],
                                                 encrypt=True))


def one_bad_page_pdf(folder: Path) -> Path:
    """Three pages; the second's media box holds a word (pdfplumber cannot build it)."""
    good = text_page(["LAPORAN KINERJA TAHUN 2022", "Dinas Contoh"])
    return write(folder, "bad_page.pdf", pdf_bytes([good, ("[0 0 1e308 1e308]", "BT (x) Tj ET"), good]))


# --- Word ---------------------------------------------------------------------------------

DOCX_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
              b'.org/package/2006/content-types"><Default Extension="rels" ContentType="application'
              b'/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType'
              b'="application/xml"/><Override PartName="/word/document.xml" ContentType="application'
              b'/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
DOCX_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxml'
             b'formats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schema'
             b's.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/'
             b'document.xml"/></Relationships>')
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(body_xml: str, padding: int = 0) -> bytes:
    """A minimal .docx around `body_xml`; `padding` bytes of zeros in an extra part make a
    small file that unzips huge."""
    document = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
                f"{body_xml}</w:body></w:document>").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_TYPES)
        archive.writestr("_rels/.rels", DOCX_RELS)
        archive.writestr("word/document.xml", document)
        if padding:
            archive.writestr("word/padding.bin", b"\0" * padding)
    return out.getvalue()


def _cell(text: str, span: int = 1) -> str:
    pr = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
    return f"<w:tc>{pr}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def wide_span_docx(folder: Path, span: int = 20_000_000) -> Path:
    """A Word table one of whose cells spans twenty million grid columns."""
    table = (f"<w:tbl><w:tr>{_cell('No')}{_cell('Indikator', span)}</w:tr>"
             f"<w:tr>{_cell('1')}{_cell('IKM')}</w:tr></w:tbl>")
    para = "<w:p><w:r><w:t>Perjanjian Kinerja Tahun 2022</w:t></w:r></w:p>"
    return write(folder, "wide_span.docx", docx_bytes(para + table))


def zip_bomb_docx(folder: Path, unzipped_mib: int) -> Path:
    para = "<w:p><w:r><w:t>Perjanjian Kinerja Tahun 2022</w:t></w:r></w:p>"
    return write(folder, "bomb.docx", docx_bytes(para, padding=unzipped_mib * 1024 * 1024))


# --- text ---------------------------------------------------------------------------------


def long_line_text(folder: Path, mib: int) -> Path:
    """One line of pipe cells `mib` MiB long."""
    line = "| 1 " * (mib * 1024 * 1024 // 4)
    return write(folder, "long_line.md", "Laporan Kinerja 2022\n\nTabel 1 Data\n\n| No | Nilai |\n|---|---|\n" + line + "\n")


def big_table_text(folder: Path, rows: int) -> Path:
    return write(folder, f"rows_{rows}.txt", capaian_report(rows))


def utf16_text(folder: Path, bom: bool) -> Path:
    data = capaian_report(3).encode("utf-16" if bom else "utf-16-le")
    return write(folder, f"utf16_{'bom' if bom else 'nobom'}.txt", data)


def cr_only_text(folder: Path) -> Path:
    return write(folder, "old_mac.txt", capaian_report(3).replace("\n", "\r"))


def ratio_formula_text(folder: Path, formula: str) -> Path:
    """An SPM table whose formula header names columns by number ('Σ (2) / Σ (3) x 100%')."""
    text = "\n".join([
        "LAPORAN KINERJA TAHUN 2022", "", "Tabel 2.5 Capaian SPM",
        f"Jenis Layanan\tJumlah Dilayani\tNilai SPM {formula}",
        "Layanan kesehatan ibu hamil\t90\t90", ""])
    return write(folder, "spm.txt", text)
