"""Web pages: nothing of the page's prose lost silently, odd encodings read or refused in one line."""

from __future__ import annotations

import codecs

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest.read import html
from claimgraph.ingest.read.extract import extract

SENTENCES = [f"Needling eased the burning in the feet of patient number {number} within six weekly sessions."
             for number in range(40)]
PROSE = " ".join(SENTENCES)


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>A clinic page</title></head><body>{body}</body></html>"


def article(*paragraphs: str) -> str:
    return page("<article><h1>What the trials say</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article>")


def words(text: str) -> str:
    return " ".join(text.split())


def test_prose_nested_three_hundred_elements_deep_is_kept(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text(page("<h1>Deep</h1>" + "<div>" * 300 + f"<p>{PROSE}</p>" + "</div>" * 300))
    assert PROSE in words(extract(path).text)


def test_a_page_nested_deeper_than_the_parser_reads_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "deeper.html"
    path.write_text(page("<h1>Deep</h1>" + "<div>" * 3000 + f"<p>{PROSE}</p>" + "</div>" * 3000))
    with pytest.raises(InputError) as refused:
        extract(path)
    assert str(refused.value).startswith(f"{path}:1: the page cannot be read whole: the HTML parser stopped "
                                         "(Excessive depth in document: 2048")


def test_a_paragraph_over_libxml2s_ten_megabyte_text_limit_is_kept(tmp_path):
    path = tmp_path / "long.html"
    paragraph = " ".join(SENTENCES * 2900)  # 10.2 MB in one text node
    assert len(paragraph) > 10_000_000
    path.write_text(article(paragraph))
    text = extract(path).text
    assert len(text) > len(paragraph)
    assert text.count(SENTENCES[7]) == 2900


@pytest.mark.parametrize("reference", ["&#1;", "&#x1;", "&#x1f"])
def test_a_reference_to_a_control_character_neither_truncates_nor_empties_the_page(tmp_path, reference):
    first, second = " ".join(SENTENCES[:20]), " ".join(SENTENCES[20:])
    path = tmp_path / "page.html"
    path.write_text(article(first + reference + " and more.", second))
    text = words(extract(path).text)
    assert first in text and second in text
    assert "\x01" not in text and "\x00" not in text


def test_template_contents_are_never_archived(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(article(PROSE, "<template><p>Inert template words, never shown.</p></template>"))
    text = extract(path).text
    assert SENTENCES[3] in text and "Inert template words" not in text


def test_when_the_extractor_drops_most_prose_the_body_is_read_with_a_warning(tmp_path, monkeypatch):
    import trafilatura

    keep_only_heading = trafilatura.bare_extraction

    def lossy(tree, **options):
        result = keep_only_heading(tree, **options)
        for paragraph in list(result.body)[1:]:
            result.body.remove(paragraph)
        return result

    monkeypatch.setattr(trafilatura, "bare_extraction", lossy)
    path = tmp_path / "page.html"
    path.write_text(page(f"<nav>Home | Book now</nav><article><h1>What the trials say</h1><p>{PROSE}</p></article>"
                         "<script>beacon()</script><footer>Registered charity</footer>"))
    document = extract(path)
    assert PROSE in document.text and "What the trials say" in document.text
    for furniture in ("Book now", "beacon", "Registered charity"):
        assert furniture not in document.text
    assert len(document.warnings) == 1
    assert document.warnings[0].startswith(f"{path}: the main-text extractor kept ")
    assert f"of the page's {len(''.join(PROSE.split())):,} characters of prose" in document.warnings[0]


def test_a_page_whose_prose_is_extracted_has_no_warning(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(article(PROSE))
    assert extract(path).warnings == ()


@pytest.mark.parametrize("label", ["rot13", "undefined", "hex", "utf-7", "idna", "base64", "bogus-9"])
def test_a_charset_label_browsers_do_not_know_is_one_line(tmp_path, label):
    path = tmp_path / "page.html"
    path.write_text(page(f"<p>{PROSE}</p>", head=f'<meta charset="{label}">'))
    with pytest.raises(InputError) as refused:
        extract(path)
    assert str(refused.value) == f"{path}: the page declares an unknown charset '{label}'"


def test_a_charset_browsers_refuse_to_decode_is_one_line(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(page(f"<p>{PROSE}</p>", head='<meta charset="iso-2022-kr">'))
    with pytest.raises(InputError, match="declares the charset 'iso-2022-kr', which browsers refuse to decode"):
        extract(path)


@pytest.mark.parametrize(("label", "codec"), [("x-user-defined", None), ("koi8-r", "koi8-r"),
                                              ("shift_jis", "cp932"), ("utf-16", "utf-8")])
def test_web_charset_labels_are_decoded_as_browsers_do(tmp_path, label, codec):
    path = tmp_path / "page.html"
    path.write_bytes(article(PROSE + " Cyrillic: проба.").replace(
        "<title>", f'<meta charset="{label}"><title>').encode(codec or "ascii", "replace"))
    text = extract(path).text
    assert SENTENCES[5] in text


@pytest.mark.parametrize(("encoding", "mark"), [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                                                ("utf-16-le", b""), ("utf-16-be", b"")])
def test_utf16_pages_are_read_with_or_without_a_byte_order_mark(tmp_path, encoding, mark):
    path = tmp_path / "page.html"
    path.write_bytes(mark + article(PROSE + " Café.").encode(encoding))
    text = extract(path).text
    assert SENTENCES[9] in text and "Café." in text


def test_prose_blocks_are_counted_once_however_deeply_they_nest():
    tree = html._parse(page("<ul>" + "<li><ul>" * 50 + f"<li>{PROSE}</li>" + "</ul></li>" * 50 + "</ul>"), "page.html")
    assert html._prose_chars(tree) == len("".join(PROSE.split()))
