"""Segmentation: headline lists, paragraphs, sentences."""

from __future__ import annotations

import pytest

from eventwire.records import Document
from eventwire.segment import find_headline_block, split_page, split_paragraphs
from eventwire.segment.headlines import is_headline_line
from eventwire.segment.paragraphs import MAX_PARAGRAPH_CHARS


def test_segment_seed_page_headlines(seed_text):
    page = Document(doc_id="seed", text=seed_text)
    body_end, headlines = split_page(page)
    assert len(headlines) == 17
    assert seed_text[:body_end].rstrip().endswith("said Stoltenberg.")
    assert (
        headlines[0].text
        == "Kennedy Center Reportedly Renamed Trump-Kennedy Center After Board Vote"
    )
    assert (
        headlines[-1].text
        == "Trump Signs Order to Ease Federal Marijuana Rules, Signaling Major Policy Shift"
    )
    for number, headline in enumerate(headlines, start=1):
        assert headline.kind == "headline"
        assert headline.parent_id == "seed"
        assert headline.doc_id == f"seed/h{number}"
        start = headline.parent_start
        assert seed_text[start : start + len(headline.text)] == headline.text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("EU Delays Mercosur Free Trade Agreement Signing Amid Ukraine War Funding Talks", True),
        ("U.S. and China Push for Ceasefire as Thailand–Cambodia Border Clashes Escalate", True),
        ("The US has repeatedly warned that Russia would face severe sanctions.", False),
        ("Both have already previously met Sunday though informally", False),
        ("Short Line", False),
        ("", False),
    ],
)
def test_segment_headline_line_shape(line, expected):
    assert is_headline_line(line) is expected


def test_segment_single_title_is_not_a_headline_list():
    text = "Russia Warns Ukraine Over Border\n\nRussia warned Ukraine on Monday. Talks went on."
    assert find_headline_block(text) is None
    body_end, headlines = split_page(Document(doc_id="x", text=text))
    assert body_end == len(text) and headlines == []


def test_segment_headline_list_must_end_the_page():
    headlines = "\n".join(
        [
            "Russia Warns Ukraine Over Border Troops",
            "China Hosts Talks With Iran Ministers",
            "NATO Leaders Meet In Brussels Amid Tension",
        ]
    )
    text = headlines + "\n\nThe article starts after the list. It is a real article body."
    assert find_headline_block(text) is None


def test_segment_headline_documents_are_not_split_again():
    doc = Document(doc_id="h", text="NATO Leaders Meet In Brussels Amid Tension", kind="headline")
    assert split_page(doc) == (len(doc.text), [])


def test_segment_paragraph_offsets():
    text = "  First paragraph here.\n\nSecond one.\nThird.  \n"
    spans = split_paragraphs(text)
    assert [text[s:e] for s, e in spans] == ["First paragraph here.", "Second one.", "Third."]


def test_segment_long_paragraph_is_cut_at_sentences():
    sentence = "Officials met again on Monday to talk. "
    text = sentence * (3 * MAX_PARAGRAPH_CHARS // len(sentence))
    spans = split_paragraphs(text)
    assert len(spans) >= 3
    assert all(e - s <= MAX_PARAGRAPH_CHARS for s, e in spans)
    assert all(text[s:e].endswith(".") for s, e in spans[:-1])
    assert "".join(text[s:e] + " " for s, e in spans).split() == text.split()


def test_segment_sentences_have_document_offsets(seed_coded, seed_text):
    page = seed_coded[0]
    assert len(page.sentences) >= 14
    for sentence in page.sentences:
        assert seed_text[sentence.start : sentence.end] == sentence.text
    assert [s.index for s in page.sentences] == list(range(len(page.sentences)))
    # the headline list is not part of the article body
    assert all("Kennedy Center" not in s.text for s in page.sentences)
