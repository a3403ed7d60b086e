"""Extractors: what a user relies on — the article's words in, the page's furniture out, metadata, bad inputs."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest.read.extract import EXTRACTORS, extract, normalize_text
from helpers import FIXTURES

INGEST = FIXTURES / "ingest"
CLINIC_PAGE = INGEST / "clinic-page.html"
ARTICLE_SENTENCES = (
    "Acupuncture is clinically proven to calm the burning and pins-and-needles feeling in the hand within six "
    "sessions.",
    "A trial by Smith et al. (2019) reported that nerve conduction in the wrist improved more with real needles "
    "than with sham needles.",
    "Some researchers believe the treatment may also lower local swelling around the tendons",
)
FURNITURE_WORDS = {
    "navigation": "Book an Appointment",
    "script": "analytics-beacon-loaded",
    "style": "stylesheetmarker",
    "cookie banner": "biscuits",
    "footer": "Registered charity",
}
PUBLISHED_META = '<meta property="article:published_time" content="2021-03-14T09:30:00+00:00">'


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def test_every_accepted_kind_is_registered_with_its_media_type():
    assert {suffix: extractor.media_type for suffix, extractor in EXTRACTORS.items()} == {
        ".html": "text/html", ".htm": "text/html", ".pdf": "application/pdf", ".txt": "text/plain",
        ".md": "text/markdown"}


def test_a_web_page_keeps_its_article_and_drops_the_page_furniture():
    document = extract(CLINIC_PAGE)
    for sentence in ARTICLE_SENTENCES:
        assert sentence in document.text
    for kind, word in FURNITURE_WORDS.items():
        assert word in CLINIC_PAGE.read_text(), kind
        assert word not in document.text, kind


def test_a_web_page_keeps_headings_paragraphs_and_list_items_apart():
    lines = lines_of(extract(CLINIC_PAGE).text)
    assert "What the trials say" in lines
    heading = lines.index("What the trials say")
    assert lines[heading - 1] == "" and lines[heading + 1] == ""
    items = [line for line in lines if "weekly sessions of thirty minutes" in line or "intake visit" in line]
    assert len(items) == 2
    assert lines.index(items[1]) == lines.index(items[0]) + 1
    swelling = next(index for index, line in enumerate(lines) if ARTICLE_SENTENCES[2] in line)
    assert lines[swelling - 1] == ""


def test_a_web_page_gives_its_title_author_site_and_stated_date():
    document = extract(CLINIC_PAGE)
    assert document.title == "Can Needling Ease Carpal Tunnel Numbness?"
    assert document.author == "Hannah Okafor"
    assert document.publisher == "Riverside Wellness Clinic"
    assert document.date == "2021-03-14"
    assert document.media_type == "text/html"
    assert document.origin == str(CLINIC_PAGE)


def test_a_page_that_states_no_date_has_none_even_when_its_text_mentions_one(tmp_path):
    page = CLINIC_PAGE.read_text()
    assert PUBLISHED_META in page
    undated = page.replace(PUBLISHED_META, "").replace("<p>Patients with", "<p>On 5 June 2018 we saw patients with")
    path = tmp_path / "undated.htm"
    path.write_text(undated)
    document = extract(path)
    assert "On 5 June 2018 we saw patients with" in document.text
    assert document.date is None


def test_a_page_in_the_charset_its_meta_tag_declares_is_decoded_by_it():
    path = INGEST / "windows-1252.html"
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    text = extract(path).text
    assert "Our naïve visitors often ask whether “dry needling” and acupuncture are the same thing" in text
    assert "A session costs €45 at our résumé-reviewed clinic" in text


def test_a_charset_declared_the_old_way_is_honoured_and_latin1_read_as_windows_1252(tmp_path):
    path = tmp_path / "old.html"
    declaration = b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    path.write_bytes((INGEST / "windows-1252.html").read_bytes().replace(b'<meta charset="windows-1252">', declaration))
    assert declaration in path.read_bytes()
    assert "A session costs €45 at our résumé-reviewed clinic" in extract(path).text


def test_an_unknown_declared_charset_is_one_line(tmp_path):
    path = tmp_path / "odd.html"
    path.write_bytes((INGEST / "windows-1252.html").read_bytes().replace(b"windows-1252", b"klingon-8"))
    with pytest.raises(InputError) as caught:
        extract(path)
    assert str(caught.value) == f"{path}: the page declares an unknown charset 'klingon-8'"


def test_a_page_that_declares_no_charset_must_be_utf8(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes((INGEST / "windows-1252.html").read_bytes().replace(b' charset="windows-1252"', b""))
    with pytest.raises(InputError, match=r"page\.html:\d+: not UTF-8 text"):
        extract(path)


def test_a_page_with_only_navigation_has_no_main_text():
    path = INGEST / "navigation-only.html"
    with pytest.raises(InputError) as caught:
        extract(path)
    assert str(caught.value) == f"{path}: no main text found (only navigation or boilerplate?)"


@pytest.fixture
def two_page_pdf(tmp_path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Needling and the Wrist")
    pdf.set_author("Riverside Clinic Team")
    pdf.set_creation_date(datetime.datetime(2020, 5, 17, 8, 0, tzinfo=datetime.UTC))
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, "Needling may ease the tingling in the fingers.")
    pdf.add_page()
    pdf.multi_cell(0, 8, "Smith et al. (2019) compared real and sham needles.")
    path = tmp_path / "factsheet.pdf"
    pdf.output(str(path))
    return path


def test_a_pdf_gives_each_page_text_apart_and_its_metadata(two_page_pdf):
    document = extract(two_page_pdf)
    assert document.text.startswith("Needling may ease the tingling in the fingers.\n\n")
    assert "\n\nSmith et al. (2019) compared real and sham needles." in document.text
    assert (document.title, document.author, document.date) == ("Needling and the Wrist", "Riverside Clinic Team",
                                                                "2020-05-17")
    assert document.media_type == "application/pdf"


def test_a_pdf_without_a_text_layer_asks_for_ocr(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 80, 40, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(InputError) as caught:
        extract(path)
    assert str(caught.value) == f"{path}: has no text layer (a scanned PDF?); run OCR first"


def test_an_encrypted_pdf_is_refused(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.cell(0, 8, "Words behind a password.")
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    with pytest.raises(InputError, match=r"locked\.pdf: the PDF is encrypted"):
        extract(path)


@pytest.mark.parametrize(("content", "message"), [
    (b"Plain words in a file named like a PDF.", "not a PDF file"),
    (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "cannot read the PDF"),
])
def test_a_file_that_is_not_a_readable_pdf_is_refused(tmp_path, content, message):
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        extract(path)
    assert str(caught.value).startswith(f"{path}: {message}")
    assert "\n" not in str(caught.value)


def test_markdown_keeps_its_markup_and_takes_its_title_from_the_first_heading():
    path = INGEST / "clinic-notes.md"
    document = extract(path)
    assert document.title == "Needles for a Numb Wrist"
    assert document.text == normalize_text(path.read_text(encoding="utf-8"))
    assert "**carpal tunnel syndrome**" in document.text
    assert document.media_type == "text/markdown"


def test_plain_text_is_normalised_and_titled_by_its_first_line():
    path = INGEST / "wrist-note.txt"
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"  \r\n" in raw
    document = extract(path)
    assert document.title == "A Short Note on Wrist Pain"
    assert "\r" not in document.text
    assert "Wrist splints worn at night are a common first step.\nNeedling" in document.text
    assert document.media_type == "text/plain"


def test_a_long_first_line_is_not_a_title_and_a_byte_order_mark_is_dropped(tmp_path):
    path = tmp_path / "note.txt"
    first_line = " ".join(["word"] * 16)
    path.write_bytes(b"\xef\xbb\xbf" + f"{first_line}\n\nMore text.\n".encode())
    document = extract(path)
    assert document.title is None
    assert document.text.startswith(first_line)


@pytest.mark.parametrize(("name", "content", "message"), [  # message: what follows the path
    ("empty.txt", b"", ": the file is empty (0 bytes)"),
    ("blank.md", b" \n\t\r\n  \n", ": the file holds only whitespace, no text"),
    ("blank.html", b"\n  \n", ": the file holds only whitespace, no text"),
    ("binary.txt", b"GIF89a\x00\x01\x02", ": not UTF-8 text (binary data: a NUL byte at offset 6)"),
    ("binary.html", b"<html>\x00\x00</html>", ": not UTF-8 text (binary data: a NUL byte at offset 6)"),
    ("latin.md", "Caf\u00e9 au lait".encode("latin-1"), ":1: not UTF-8 text (byte 0xe9 at column 4)"),
    ("empty.pdf", b"", ": the file is empty (0 bytes)"),
])
def test_bad_files_are_one_line_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        extract(path)
    assert str(caught.value) == f"{path}{message}"


def test_a_missing_file_or_a_folder_is_refused(tmp_path):
    with pytest.raises(InputError) as missing:
        extract(tmp_path / "gone.html")
    assert str(missing.value) == f"{tmp_path / 'gone.html'}: no such file"
    folder = tmp_path / "pages.html"
    folder.mkdir()
    with pytest.raises(InputError, match="is a directory"):
        extract(folder)


def test_an_unknown_suffix_lists_the_accepted_ones(tmp_path):
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError) as caught:
        extract(path)
    assert str(caught.value).startswith(f"{path}: cannot ingest files of type '.pptx'; accepted:")
    for suffix in EXTRACTORS:
        assert suffix in str(caught.value)


def test_normalisation_fixes_line_ends_controls_trailing_space_and_blank_runs_only():
    raw = "Title  \r\n\r\n\r\n\r\nOne\x00 “quoted” co-operation\x07\tend\rTwo\x0c \n\n\n"
    text = normalize_text(raw)
    assert text == "Title\n\nOne “quoted” co-operation\tend\nTwo\n"
    assert normalize_text(text) == text
    assert normalize_text(" \n\n") == ""


def test_normalisation_turns_a_lone_surrogate_into_a_replacement_character_so_the_text_can_be_archived():
    text = normalize_text("Needling \ud800eased pain.\udc00\n")
    assert text == "Needling \ufffdeased pain.\ufffd\n"
    assert text.encode("utf-8")


@pytest.fixture
def shared_stream_pdf(tmp_path: Path) -> Path:
    """Two hundred pages that all show one content stream (a 20 KB PDF whose text is 200 times one page's)."""
    import io

    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter

    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Needling may ease the tingling in the fingers. " * 60)
    page = PdfReader(io.BytesIO(bytes(pdf.output()))).pages[0]
    writer = PdfWriter()
    for _ in range(200):
        writer.add_page(page)
    path = tmp_path / "repeated.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_pages_sharing_one_content_stream_are_read_once(shared_stream_pdf, monkeypatch):
    from pypdf import PageObject

    calls = []
    real = PageObject.extract_text
    monkeypatch.setattr(PageObject, "extract_text", lambda self, *a, **k: calls.append(1) or real(self, *a, **k))
    document = extract(shared_stream_pdf)
    pages = document.text.strip().split("\n\n")
    assert len(pages) == 200 and len(set(pages)) == 1 and "Needling may ease" in pages[0]
    assert len(calls) == 1


def test_a_pdf_whose_text_passes_the_limit_is_refused_at_the_page_that_passes_it(shared_stream_pdf):
    one_page = len(extract(shared_stream_pdf).text) // 200
    with pytest.raises(InputError) as refused:
        extract(shared_stream_pdf, max_bytes=20 * one_page)
    assert str(refused.value).startswith(f"{shared_stream_pdf}: the text of its first 21 pages is ")
    assert str(refused.value).endswith("limit (raise it with --max-bytes)")


def test_off_the_main_thread_a_pdf_stops_between_pages_when_its_time_is_up(shared_stream_pdf):
    import threading

    from claimgraph.timebudget import time_budget

    outcome: list[str] = []

    def work() -> None:
        try:
            with time_budget(0, str(shared_stream_pdf)):
                extract(shared_stream_pdf)
        except InputError as error:
            outcome.append(str(error))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == [f"{shared_stream_pdf}: took longer than the 0 s time limit (raise it with --time-limit); "
                       "nothing written"]


def test_an_aes_pdf_without_the_cryptography_package_says_so_not_password(tmp_path, monkeypatch):
    from fpdf import FPDF
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.cell(0, 8, "Words behind encryption.")
    pdf.set_encryption(owner_password="owner-secret")
    path = tmp_path / "aes.pdf"
    pdf.output(str(path))

    def without_cryptography(self, password):  # what pypdf does for an AES file when the package is missing
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", without_cryptography)
    with pytest.raises(InputError) as refused:
        extract(path)
    assert str(refused.value) == (f"{path}: the PDF is encrypted, and decrypting it needs a package that is "
                                  "not installed: cryptography>=3.1 is required for AES algorithm "
                                  "(pip install cryptography)")
