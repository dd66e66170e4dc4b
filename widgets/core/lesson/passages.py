"""Primary texts (lesson 6): a passage of a public-domain text stored with the case, printed with its source."""
from __future__ import annotations

import textwrap
from pathlib import Path

from widgets.core.lesson.header import LINE_WIDTH


def primary_passage(case, source_id: str, contains: str) -> str:
    """The line of a public-domain primary text in the case folder that contains ``contains`` (a short passage)."""
    source = case.source(source_id)
    if not source.public_domain or not source.file or case.path is None:
        raise ValueError(f"Source {source_id!r} is not a public-domain text stored with this case.")
    path = Path(case.path) / source.file
    for line in path.read_text(encoding="utf-8").splitlines():
        if contains in line:
            return line.strip()
    raise ValueError(f"{source.file}: no line contains {contains!r}.")


def show_passage(case, source_id: str, contains: str, width: int = LINE_WIDTH) -> None:
    """Print where a primary passage comes from, then the passage, wrapped for reading."""
    source = case.source(source_id)
    print(textwrap.fill(f"{source.publisher}, {source.date}: {source.title}", width=width, subsequent_indent="  "))
    print(f"(file {source.file} in the case folder)")
    print(textwrap.fill(primary_passage(case, source_id, contains), width=width, initial_indent="    ",
                        subsequent_indent="    "))
