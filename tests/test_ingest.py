"""Tests of eventwire.ingest: every input format, stable ids, and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import time
from pathlib import Path

import pytest

from eventwire.errors import (
    BinaryInputError,
    EmptyInputError,
    FormatError,
    InputError,
    TooLargeError,
)
from eventwire.ingest import (
    DEFAULT_MAX_BYTES,
    content_hash,
    parse_date,
    read_paths,
    read_text,
)
from eventwire.records import Document

ARTICLE = (
    "Russian troops withdrew from the border town on Tuesday, officials said.\n"
    "\n"
    "The Ukrainian defence ministry called for talks on a ceasefire.\n"
    "\n"
    "Troops withdraw from border town\n"
    "Kyiv calls for ceasefire talks\n"
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Troops withdraw from border town | Daily Wire</title>
<meta name="author" content="Jane Smith">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://news.example.com/world/troops-withdraw">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World menu link</a></li></ul></nav>
<article><h1>Troops withdraw from border town</h1>
<p>Russian troops withdrew from the border town of Kharkiv on Tuesday after weeks of heavy
fighting, officials said.</p>
<p>The Ukrainian defence ministry welcomed the withdrawal and called for talks with Moscow on a
ceasefire.</p>
<p>Diplomats in Geneva said negotiations could begin as soon as next week if both sides agreed.</p>
</article>
<footer><p>Copyright 2024 Daily Wire. All rights reserved. Subscribe to our newsletter.</p></footer>
</body></html>
"""

RSS_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>World Wire</title><link>https://wire.example.com/</link><description>News</description>
<item>
  <title>Israel and Egypt hold talks</title>
  <link>https://wire.example.com/a1</link>
  <guid isPermaLink="false">wire-0001</guid>
  <pubDate>Tue, 05 Mar 2024 08:30:00 GMT</pubDate>
  <author>desk@wire.example.com (Desk)</author>
  <description>&lt;p&gt;Officials from &lt;b&gt;Israel&lt;/b&gt; met Egyptian envoys.&lt;/p&gt;
  &lt;p&gt;Talks resume Friday.&lt;/p&gt;</description>
</item>
<item>
  <title>Protesters rally in Caracas</title>
  <link>https://wire.example.com/a2</link>
  <pubDate>Wed, 06 Mar 2024 09:00:00 GMT</pubDate>
  <description>Thousands marched against the government.</description>
</item>
</channel></rss>
"""

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Desk</title>
  <id>urn:uuid:feed-1</id>
  <updated>2024-04-02T12:00:00Z</updated>
  <entry>
    <title>Japan protests missile test</title>
    <id>urn:uuid:entry-1</id>
    <link href="https://atom.example.com/japan"/>
    <updated>2024-04-02T11:00:00Z</updated>
    <author><name>Ken Sato</name></author>
    <content type="html">&lt;p&gt;Tokyo lodged a protest with Pyongyang.&lt;/p&gt;</content>
  </entry>
</feed>
"""

JSONL_RECORDS = [
    {"id": "afp-1", "text": "France recalled its ambassador.", "source": "AFP"},
    {"id": 42, "text": "Kenya signed a trade deal.", "published": "2024-02-29T10:00:00+03:00"},
    {"text": "Brazil hosted a summit.", "title": "Summit", "url": "https://x.example/b"},
]


def write(path: Path, content: str | bytes) -> Path:
    """Write a fixture file, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def write_jsonl(path: Path, lines: list[str]) -> Path:
    """Write JSON Lines given as raw lines, so tests can plant broken ones."""
    return write(path, "\n".join(lines) + "\n")


def split_results(results: list[Document | InputError]) -> tuple[list[Document], list[InputError]]:
    """Split what read_paths yielded into documents and errors, checking nothing else came."""
    docs = [r for r in results if isinstance(r, Document)]
    errors = [r for r in results if isinstance(r, InputError)]
    assert len(docs) + len(errors) == len(results)
    return docs, errors


def read_all(*paths: Path, **kwargs: int) -> tuple[list[Document], list[InputError]]:
    """Read paths into documents and errors."""
    return split_results(list(read_paths(list(paths), **kwargs)))


def test_ingest_text_file_is_kept_exactly(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", ARTICLE)
    [doc] = read_paths(path)
    assert isinstance(doc, Document)
    assert doc.text == ARTICLE
    assert doc.kind == "article"
    assert doc.origin == str(path)
    assert doc.doc_id == content_hash(ARTICLE)
    # Offsets computed on the file's content index the document's text.
    start = ARTICLE.index("Kyiv calls")
    assert doc.text[start : start + len("Kyiv calls")] == "Kyiv calls"


@pytest.mark.parametrize(
    "raw",
    ["line one\r\nline two\r\n", "line one\rline two\r", "\ufeffline one\nline two\n"],
    ids=["crlf", "cr", "bom"],
)
def test_ingest_text_normalises_newlines_and_bom(tmp_path: Path, raw: str) -> None:
    path = write(tmp_path / "story.txt", raw.encode("utf-8"))
    [doc] = read_paths(path)
    assert isinstance(doc, Document)
    assert doc.text == "line one\nline two\n"
    assert doc.doc_id == content_hash("line one\nline two\n")


def test_ingest_read_text_fills_fields() -> None:
    doc = read_text("Iran rejected the offer.\r\n", published="2024-01-31", title="Offer")
    assert doc.text == "Iran rejected the offer.\n"
    assert doc.published == dt.date(2024, 1, 31)
    assert doc.doc_id == content_hash(doc.text)
    assert doc.origin == "<text>"
    assert read_text("x", doc_id="given").doc_id == "given"
    with pytest.raises(EmptyInputError):
        read_text("  \n")
    with pytest.raises(FormatError, match="published"):
        read_text("x", published="not a date at all")


def test_ingest_html_drops_boilerplate_and_finds_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", HTML_PAGE)
    [doc] = read_paths(path)
    assert isinstance(doc, Document)
    assert "Russian troops withdrew" in doc.text
    assert "Diplomats in Geneva" in doc.text
    for boilerplate in ("World menu link", "Copyright", "newsletter"):
        assert boilerplate not in doc.text
    assert doc.kind == "article"
    assert doc.title == "Troops withdraw from border town"
    assert doc.author == "Jane Smith"
    assert doc.url == "https://news.example.com/world/troops-withdraw"
    assert doc.published == dt.date(2024, 3, 5)
    assert doc.doc_id == content_hash(doc.text)


def test_ingest_html_with_unclosed_tags_still_reads(tmp_path: Path) -> None:
    page = (
        "<html><body><div><p>Sudanese army forces shelled positions near Khartoum on Monday, "
        "residents said <b>as fighting spread <p>Aid groups warned of hunger in the region "
        "</div></span></html"
    )
    [doc] = read_paths(write(tmp_path / "broken.html", page))
    assert isinstance(doc, Document)
    assert "Khartoum" in doc.text


def test_ingest_html_declared_legacy_charset(tmp_path: Path) -> None:
    page = HTML_PAGE.replace("<head>", '<head><meta charset="windows-1252">').replace(
        "Geneva", "Genève"
    )
    [doc] = read_paths(write(tmp_path / "legacy.html", page.encode("windows-1252")))
    assert isinstance(doc, Document)
    assert "Genève" in doc.text


def test_ingest_rss_two_entries(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.rss", RSS_FEED)
    first, second = read_paths(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.kind == second.kind == "feed_entry"
    assert first.text == (
        "Israel and Egypt hold talks\n\nOfficials from Israel met Egyptian envoys.\n\n"
        "Talks resume Friday."
    )
    assert first.doc_id == "wire-0001"
    assert first.url == "https://wire.example.com/a1"
    assert first.published == dt.date(2024, 3, 5)
    assert first.source == "World Wire"
    assert first.origin == f"{path}#1"
    # No guid: the link is the id.
    assert second.doc_id == "https://wire.example.com/a2"
    assert second.text == "Protesters rally in Caracas\n\nThousands marched against the government."
    assert second.origin == f"{path}#2"


def test_ingest_atom_one_entry(tmp_path: Path) -> None:
    [doc] = read_paths(write(tmp_path / "desk.atom", ATOM_FEED))
    assert isinstance(doc, Document)
    assert doc.text == "Japan protests missile test\n\nTokyo lodged a protest with Pyongyang."
    assert doc.doc_id == "urn:uuid:entry-1"
    assert doc.title == "Japan protests missile test"
    assert doc.url == "https://atom.example.com/japan"
    assert doc.published == dt.date(2024, 4, 2)
    assert doc.author == "Ken Sato"
    assert doc.source == "Atom Desk"


def test_ingest_feed_entry_without_text_is_an_error(tmp_path: Path) -> None:
    feed = RSS_FEED.replace("<item>", "<item><title></title><link></link></item><item>", 1)
    feed = feed.replace("<item><title></title>", "<item><description></description>", 1)
    path = write(tmp_path / "gaps.rss", feed)
    docs, errors = read_all(path)
    assert [type(e) for e in errors] == [EmptyInputError]
    assert errors[0].source == f"{path}#1"
    assert len(docs) == 2


def test_ingest_jsonl_three_records(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "corpus.jsonl", [json.dumps(r) for r in JSONL_RECORDS])
    docs, errors = read_all(path)
    assert errors == []
    assert [d.doc_id for d in docs] == ["afp-1", "42", content_hash("Brazil hosted a summit.")]
    assert docs[0].source == "AFP"
    assert docs[1].published == dt.date(2024, 2, 29)
    assert docs[2].title == "Summit" and docs[2].url == "https://x.example/b"
    assert [d.origin for d in docs] == [f"{path}:1", f"{path}:2", f"{path}:3"]


def test_ingest_jsonl_bad_lines_are_named_and_skipped(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "corpus.jsonl",
        [
            json.dumps({"id": "a", "text": "Chile expelled a diplomat."}),
            '{"id": "b", "text": "unterminated',
            "",
            json.dumps({"id": "c", "title": "no text here"}),
            json.dumps({"id": "d", "text": "Peru held elections.", "published": "sometime soon"}),
            json.dumps({"id": "e", "text": "Ghana opened talks."}),
        ],
    )
    docs, errors = read_all(path)
    assert [d.doc_id for d in docs] == ["a", "e"]
    assert [(type(e), e.source) for e in errors] == [
        (FormatError, f"{path}:2"),
        (FormatError, f"{path}:4"),
        (FormatError, f"{path}:5"),
    ]
    assert "not valid JSON" in str(errors[0])
    assert 'record has no "text" field' in str(errors[1])
    assert '"published"' in str(errors[2])
    assert all(str(e).startswith(f"{path}:") for e in errors)


def test_ingest_jsonl_limit_applies_per_line(tmp_path: Path) -> None:
    long_text = "word " * 400
    path = write_jsonl(
        tmp_path / "corpus.jsonl",
        [
            json.dumps({"id": "a", "text": "short one"}),
            json.dumps({"id": "b", "text": long_text}),
            json.dumps({"id": "c", "text": "short two"}),
        ],
    )
    docs, errors = read_all(path, max_bytes=500)
    assert [d.doc_id for d in docs] == ["a", "c"]
    assert [(type(e), e.source) for e in errors] == [(TooLargeError, f"{path}:2")]


def test_ingest_folder_mixes_formats_in_sorted_order(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus / "b_page.html", HTML_PAGE)
    write(corpus / "a_story.txt", ARTICLE)
    write(corpus / "c_wire.rss", RSS_FEED)
    write(corpus / "sub" / "d_corpus.jsonl", json.dumps(JSONL_RECORDS[0]) + "\n")
    write(corpus / "sub" / "e_feed", ATOM_FEED)  # no suffix: sniffed as a feed
    write(corpus / "sub" / "f_notes.md", "Notes on the talks.\n")  # unknown suffix: text
    write(corpus / ".git" / "HEAD", "ref: refs/heads/main\n")
    write(corpus / ".hidden.txt", "hidden\n")
    write(corpus / "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(corpus / "events.duckdb", b"\x00" * 64)
    docs, errors = read_all(corpus)
    assert errors == []
    assert [(Path(d.origin or "").name, d.kind) for d in docs] == [
        ("a_story.txt", "article"),
        ("b_page.html", "article"),
        ("c_wire.rss#1", "feed_entry"),
        ("c_wire.rss#2", "feed_entry"),
        ("d_corpus.jsonl:1", "article"),
        ("e_feed#1", "feed_entry"),
        ("f_notes.md", "article"),
    ]
    assert [d.origin for d in docs] == [d.origin for d in read_all(corpus)[0]]


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("feed.dat", RSS_FEED, "feed_entry"),
        ("atom", ATOM_FEED, "feed_entry"),
        ("page.dat", HTML_PAGE, "article"),
        ("records.json", json.dumps(JSONL_RECORDS[0]) + "\n", "article"),
        ("notes.dat", "{not json, just braces}\nSecond line.\n", "article"),
    ],
)
def test_ingest_sniffs_unknown_suffix(tmp_path: Path, name: str, content: str, kind: str) -> None:
    [doc, *_] = read_paths(write(tmp_path / name, content))
    assert isinstance(doc, Document)
    assert doc.kind == kind


def test_ingest_same_text_same_id_across_paths(tmp_path: Path) -> None:
    one = write(tmp_path / "one" / "story.txt", ARTICLE)
    two = write(tmp_path / "elsewhere" / "copy", ARTICLE)
    first, second = read_paths([one, two])
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.doc_id == second.doc_id == content_hash(ARTICLE)
    assert first.origin != second.origin
    assert read_text(ARTICLE).doc_id == first.doc_id
    assert len(first.doc_id) == 16


def test_ingest_given_ids_are_kept(tmp_path: Path) -> None:
    jsonl = write_jsonl(tmp_path / "c.jsonl", [json.dumps({"id": 7, "text": ARTICLE})])
    rss = write(tmp_path / "w.rss", RSS_FEED)
    docs, _ = read_all(jsonl, rss)
    assert [d.doc_id for d in docs] == ["7", "wire-0001", "https://wire.example.com/a2"]


BAD_INPUTS = [
    pytest.param("empty.txt", b"", EmptyInputError, "no text", id="empty"),
    pytest.param("blank.txt", b"  \n\t\n", EmptyInputError, "no text", id="whitespace"),
    pytest.param(
        "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInputError, "NUL", id="binary"
    ),
    pytest.param(
        "latin1.txt", "Señor Müller".encode("latin-1"), BinaryInputError, "iconv", id="latin1"
    ),
    pytest.param("wide.txt", "hello".encode("utf-16"), BinaryInputError, "UTF-16", id="utf16"),
    pytest.param(
        "garbage.html", b"<html><<<>>></ht", FormatError, "no article text", id="malformed-html"
    ),
    pytest.param("empty.html", b"<html></html>", FormatError, "no article text", id="empty-html"),
    pytest.param(
        "brackets.htm",
        b"<html><body><div><<<<p>>>>>&&&<<</div>",
        FormatError,
        "no article text",
        id="garbage-html",
    ),
    pytest.param(
        "notxml.rss", b"this is not xml at all", FormatError, "not a readable", id="feed-not-xml"
    ),
    pytest.param("other.xml", b"<root><a>x</a></root>", FormatError, "not an RSS", id="plain-xml"),
    pytest.param("array.json", b'[{"text": "a"}]', FormatError, "jq", id="json-array"),
    pytest.param("empty.jsonl", b"\n\n", EmptyInputError, "no records", id="empty-jsonl"),
]


@pytest.mark.parametrize(("name", "content", "error_type", "phrase"), BAD_INPUTS)
def test_ingest_bad_input_is_yielded_and_batch_goes_on(
    tmp_path: Path, name: str, content: bytes, error_type: type[InputError], phrase: str
) -> None:
    good_before = write(tmp_path / "before.txt", "Before the bad file.\n")
    bad = write(tmp_path / name, content)
    good_after = write(tmp_path / "after.txt", "After the bad file.\n")
    docs, errors = read_all(good_before, bad, good_after)
    assert [type(e) for e in errors] == [error_type]
    message = str(errors[0])
    assert str(bad) in message
    assert phrase in message
    assert "\n" not in message
    assert [d.origin for d in docs] == [str(good_before), str(good_after)]


def test_ingest_invalid_utf8_names_the_offset(tmp_path: Path) -> None:
    bad = write(tmp_path / "mixed.txt", b"caf\xc3\xa9 ok then caf\xe9 not")
    [error] = read_paths(bad)
    assert isinstance(error, BinaryInputError)
    assert "offset 17" in str(error)


def test_ingest_huge_file_refused_by_size_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "dump.txt"
    with big.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.seek(50 * 1024 * 1024)
        handle.write(b"x")
    good = write(tmp_path / "good.txt", "A small story.\n")
    real_open = pathlib.Path.open

    def guarded_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        assert self != big, "the oversized file must be refused before it is opened"
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pathlib.Path, "open", guarded_open)
    started = time.perf_counter()
    docs, errors = read_all(big, good)
    assert time.perf_counter() - started < 5
    [error] = errors
    assert isinstance(error, TooLargeError)
    message = str(error)
    assert str(big) in message
    assert "52,428,801 bytes" in message
    for advice in ("split", "JSON Lines", "--max-bytes"):
        assert advice in message
    assert [d.origin for d in docs] == [str(good)]
    assert DEFAULT_MAX_BYTES == 10 * 1024 * 1024


def test_ingest_max_bytes_is_configurable(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", ARTICLE)
    assert isinstance(next(read_paths(path, max_bytes=10)), TooLargeError)
    assert isinstance(next(read_paths(path, max_bytes=10_000)), Document)


def test_ingest_missing_path_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "story.txt"
    good = write(tmp_path / "good.txt", "Still read.\n")
    docs, errors = read_all(missing, good)
    assert [type(e) for e in errors] == [InputError]
    assert str(missing) in str(errors[0])
    assert len(docs) == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", dt.date(2024, 3, 5)),
        ("2024-03-05T23:30:00Z", dt.date(2024, 3, 5)),
        ("2024-03-05T23:30:00-05:00", dt.date(2024, 3, 5)),
        ("Tue, 05 Mar 2024 08:30:00 GMT", dt.date(2024, 3, 5)),
        ("5 March 2024", dt.date(2024, 3, 5)),
        (dt.datetime(2024, 3, 5, 12), dt.date(2024, 3, 5)),
        (dt.date(2024, 3, 5), dt.date(2024, 3, 5)),
        (None, None),
        ("  ", None),
    ],
)
def test_ingest_parse_date(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["not a date at all", "2024-13-45", 20240305])
def test_ingest_parse_date_rejects(value: object) -> None:
    with pytest.raises(ValueError):
        parse_date(value)
