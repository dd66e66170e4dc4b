"""The kit's cases and data in ``seeds/``, found wherever a notebook runs from.

    case = seed_case("biden-china-2022")            # the loaded Case (CaseError lists any problem)
    seed_path("warmup", "statements.yaml")          # a path inside seeds/

The folder is found from the package's own location (the kit root, as ``widgets.core.storage.KIT_ROOT``), so a lesson
opened from any folder, or a copy of a lesson, finds it; only reading is needed, so a read-only checkout works. When
the package is installed away from the kit (not editable), ``seeds/`` is looked for beside and above the folder the
kernel runs in.
"""
from __future__ import annotations

from pathlib import Path

from widgets.core import schemas
from widgets.core.loading import load_case
from widgets.core.storage import KIT_ROOT


SEEDS = "seeds"


def seeds_dir() -> Path:
    """The kit's ``seeds/`` folder: at the kit root, else in or above the kernel's folder."""
    here = Path.cwd()
    for folder in (KIT_ROOT / SEEDS, here / SEEDS, here.parent / SEEDS):
        if folder.is_dir():
            return folder
    raise FileNotFoundError(f"The kit's {SEEDS}/ folder is not at {KIT_ROOT / SEEDS}, nor beside or above {here}. "
                            "Open the lessons from the kit folder, or install the kit with `pip install -e .`.")


def seed_path(name: str, *parts: str) -> Path:
    """``seeds/<name>/<parts...>``: ``name`` is a case id or a data folder (``"warmup"``), each part a plain name."""
    if not isinstance(name, str) or not schemas.pattern("slug").fullmatch(name):
        raise ValueError(f"{name!r} is not a seed name: use a folder name in {SEEDS}/, e.g. 'biden-china-2022'.")
    if any(not isinstance(p, str) or p in ("", ".", "..") or "/" in p or "\\" in p for p in parts):
        raise ValueError(f"{parts!r}: give each part of the path inside {SEEDS}/{name}/ as a plain file name.")
    folder = seeds_dir()
    path = folder.joinpath(name, *parts)
    if not (folder / name).is_dir():
        known = sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
        raise FileNotFoundError(f"No seed {name!r} in {folder}; the seeds are: {', '.join(known)}.")
    return path


def seed_case(name: str):
    """The case ``seeds/<name>`` loaded (``widgets.load_case``), wherever the notebook runs from."""
    return load_case(seed_path(name))
