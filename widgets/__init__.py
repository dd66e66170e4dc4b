"""Foreign-Policy Reporting Lab: case files, exercise widgets and classroom tools.

The public API is imported lazily, so `import widgets` stays cheap and a lesson pays only for what it uses.
"""
from importlib import import_module

from widgets.core.version import __version__

# public name -> module that defines it
_EXPORTS = {
    "Case": "widgets.core.case",
    "load_case": "widgets.core.loading",
    "validate_case": "widgets.core.loading",
    "CaseError": "widgets.core.loading",
    "seed_case": "widgets.core.seeds",
    "seed_path": "widgets.core.seeds",
    "ArticleView": "widgets.views.article",
    "render_article_html": "widgets.views.article",
    "set_student": "widgets.core.storage",
    "current_student": "widgets.core.storage",
    "work_dir": "widgets.core.storage",
    "FactOpinionSorter": "widgets.exercises.fact_opinion",
    "ActorTagger": "widgets.exercises.actors",
    "ClaimMarker": "widgets.exercises.claims",
    "FreeResponse": "widgets.exercises.responses",
    "SkillsCheck": "widgets.exercises.skills_check",
    "LateralReading": "widgets.exercises.lateral_reading",
    "FramingFinder": "widgets.exercises.framing_finder",
    "VerdictBeforeAfter": "widgets.exercises.verdict_change",
    "ExitTicket": "widgets.exercises.exit_ticket",
    "export_work": "widgets.classroom.workbundle",
    "import_work": "widgets.classroom.workbundle",
    "hand_in": "widgets.classroom.handin",
    "HandInButton": "widgets.views.handin",
    "class_results": "widgets.classroom.results",
    "case_from_text": "widgets.core.owntext.from_text",
    "find_cues": "widgets.views.cues",
    "CueView": "widgets.views.cues",
    "compare_with_class": "widgets.classroom.compare",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name):
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'widgets' has no attribute {name!r}") from None
    return getattr(import_module(module), name)
