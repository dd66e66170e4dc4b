"""Pure grading: plain functions and dataclasses, with no ipywidgets import and no markup.

The widgets (widgets/exercises/) and the class report (widgets/classroom/) both call these, so a score means the
same in both. Modules: `spans` (word spans and overlap for marking exercises), `skills` (the before/after skills
check), `framing` (FramingFinder), `lateral` (lateral reading) and `verdict_moves` (verdicts before and after
evidence).
"""
