"""Ship what you cite: every document the kit cites is in the kit, or cited by its public address.

Fails on a mention of research notes the kit does not ship (PEDAGOGY.md, ENGINEERING.md, DOSSIER.md, or a
"PEDAGOGY 1.1"-style section reference) and on a relative Markdown link to a file that is not in the kit."""
import re
import subprocess
from pathlib import Path

import pytest

KIT = Path(__file__).resolve().parents[2]
UNSHIPPED = re.compile(r"\b(PEDAGOGY|ENGINEERING|DOSSIER)(\.md\b| \d)|/work/shared")
TEXT_SUFFIXES = {".md", ".ipynb", ".py", ".yaml", ".yml", ".json", ".html", ".txt", ".cfg", ".toml"}


def kit_files():
    listed = subprocess.run(["git", "ls-files"], cwd=KIT, capture_output=True, text=True, check=True).stdout
    return [KIT / name for name in listed.splitlines()
            if Path(name).suffix in TEXT_SUFFIXES and (KIT / name).is_file()]


def test_no_file_cites_notes_the_kit_does_not_ship():
    me = Path(__file__).resolve()
    found = []
    for path in kit_files():
        if path.resolve() == me:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if UNSHIPPED.search(line):
                found.append(f"{path.relative_to(KIT)}:{number}: {line.strip()[:100]}")
    assert not found, "cite a public address instead:\n" + "\n".join(found)


@pytest.mark.parametrize("path", sorted(KIT.glob("*.md")) + sorted((KIT / "lessons").rglob("*.md")),
                         ids=lambda p: str(p.relative_to(KIT)))
def test_relative_links_point_to_files_in_the_kit(path):
    text = path.read_text(encoding="utf-8")
    missing = []
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        if not (path.parent / target).exists():
            missing.append(target)
    assert not missing, f"{path.relative_to(KIT)} links to files that are not in the kit: {missing}"
