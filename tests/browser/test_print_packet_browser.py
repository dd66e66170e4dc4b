"""The print packet prints from the browser: Debian's chromium renders worksheets.html (the student copy) to PDF
with the print stylesheet, one part per page or more, and the PDF's text holds the packet's parts and no answer."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

KIT = Path(__file__).resolve().parents[2]
PACKET = KIT / "lessons" / "instructor" / "worksheets.html"
sys.path.insert(0, str(KIT / "tests" / "unit"))


@pytest.fixture(scope="module")
def printed(browser_context, tmp_path_factory):
    page = browser_context.new_page()
    page.goto(PACKET.as_uri())
    page.emulate_media(media="print")
    breaks = page.evaluate("() => [...document.querySelectorAll('.fprl-packet-part')]"
                           ".map(e => getComputedStyle(e).breakBefore)")
    text = page.inner_text("body")
    target = tmp_path_factory.mktemp("packet") / "packet.pdf"
    page.pdf(path=str(target), format="A4", print_background=False)
    page.close()
    return target, breaks, text


def test_the_packet_prints_to_pdf_with_a_page_per_part(printed):
    target, breaks, _text = printed
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert len(breaks) >= 9 and set(breaks) == {"page"}
    assert pages >= len(breaks), (pages, len(breaks))


def test_what_prints_is_the_student_copy_without_answers(printed):
    from test_key_hidden import flat
    from test_session_plan import _key_strings

    _target, _breaks, text = printed
    for part in ("Skills check (before)", "Lateral-reading log", "Evidence packet", "Glossary of the kit's terms"):
        assert part in text
    shown = flat(text)
    leaks = [what for needle, what in _key_strings().items() if needle in shown]
    assert not leaks, leaks
