"""The dashboard's static files: local assets only, package data, no HTML parsing of text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from importlib import resources

import pytest

STATIC = resources.files("eventwire") / "serve" / "static"


class _Assets(HTMLParser):
    """Collects every script src and stylesheet href of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.urls.append(found["src"] or "")
        if tag == "link" and found.get("rel") == "stylesheet":
            self.urls.append(found.get("href") or "")


def _page_assets() -> list[str]:
    parser = _Assets()
    parser.feed((STATIC / "index.html").read_text(encoding="utf-8"))
    return parser.urls


def test_dashboard_loads_only_local_assets():
    urls = _page_assets()
    assert "/static/app.js" in urls and "/static/app.css" in urls
    assert all(url.startswith("/static/") for url in urls), urls


@pytest.mark.parametrize("url", _page_assets())
def test_dashboard_asset_is_shipped(url):
    path = STATIC.joinpath(*url.removeprefix("/static/").split("/"))
    assert path.is_file(), f"{url} is referenced by index.html but not in the package"


def test_dashboard_vendored_libraries_carry_licences():
    vendor = STATIC / "vendor"
    notes = (vendor / "README.md").read_text(encoding="utf-8")
    for library in ("chartjs", "leaflet", "world-atlas", "topojson-client"):
        folder = vendor / library
        assert any(p.name.startswith("LICENSE") for p in folder.iterdir()), library
        assert f"`{library}/LICENSE" in notes, library


def test_dashboard_script_never_parses_text_as_html():
    # Article text must reach the page as text nodes: no sink that parses markup.
    script = (STATIC / "app.js").read_text(encoding="utf-8")
    code = re.sub(r"//[^\n]*", "", script)
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in code, sink
