"""Lesson helpers, by concern (``from widgets.lesson import ...`` gives every name). The pure ones live in the core
layer (widgets/core/lesson/: plans, header, passages, the warm-up's statements), the widgets here:

- ``plans``: the lesson plan in each notebook's metadata (minutes, steps, the items assigned per path), the
  student's path, the lesson files (``NN_*.ipynb``; a file starting with ``_``, like the template, is no lesson);
- ``header``: the time box a lesson prints first, and the lesson index of ``lessons/README.md``;
- ``boxes``: lesson 0's path choice, name box and work-folder note, and the download/upload of all the work;
- ``passages``: primary passages (lesson 6);
- ``warmup``: the fact/opinion warm-up (lesson 4);
- ``keyviews``: the lessons' locked key views; ``class_demo``: a simulated class driven through the real widgets;
- ``summary``: the student's one-page summary (lesson 7).

The header cell of the lesson prints its plan with :func:`header`, the lesson index (``lessons/README.md``) is
checked against :func:`index_table`, the structure test sums the short paths, and the session plan
(``tools/session_plan.py``) is built from the steps. Nothing retypes the minutes.
"""
import importlib

from widgets.core.lesson.plans import (CLASS_FILE, CLASS_PERIOD_MINUTES, DEFAULT_PATH, LESSON_GLOB, METADATA_KEY, PATH_ENV,
                                  PATH_FILE, PATHS, SHORT_PATH_PERIODS, LessonPlanError, assigned_items, class_path,
                                  current_path, expand_items, kit_assignments, lesson_files, lesson_plan, path_record,
                                  saved_path, set_path, teacher_assignment)

# The widget modules load on first use, so the pure plans (widgets.core.lesson.plans: the class report reads the teacher's
# assignment there) never load ipywidgets.
_LAZY = {
    "boxes": ("DownloadWork", "NameBox", "PathChoice", "UploadWork", "WorkFolderNote"),
    "header": ("LINE_WIDTH", "header", "header_text", "index_table"),
    "passages": ("primary_passage", "show_passage"),
    "summary": ("NOT_WRITTEN", "SUMMARY_RESPONSES", "SUMMARY_SUFFIX", "SummaryView", "key_findings", "save_summary",
                "summary_html", "summary_text", "work_summary"),
    "warmup": ("AGREEMENT_CHOICES", "WARMUP_EXERCISE", "WARMUP_FORMAT", "WARMUP_LABELS", "WARMUP_SIDES", "WarmUp",
               "load_warmup", "warmup_report"),
}
_MODULE_OF = {name: module for module, names in _LAZY.items() for name in names}
# header and passages are pure (the core layer); boxes, summary and warmup are widgets
_PACKAGE_OF = {module: "widgets.core.lesson." if module in ("header", "passages") else "widgets.lesson." for module in _LAZY}


def __getattr__(name):
    if name not in _MODULE_OF:
        if name in _LAZY:                   # a module: widgets.lesson.summary
            return importlib.import_module(_PACKAGE_OF[name] + name)
        raise AttributeError(f"module 'widgets.lesson' has no attribute {name!r}")
    module = _MODULE_OF[name]
    loaded = importlib.import_module(_PACKAGE_OF[module] + module)
    for each in _LAZY[module]:          # all of them: importing "header" bound the module over the function
        globals()[each] = getattr(loaded, each)
    return globals()[name]


__all__ = [
    "AGREEMENT_CHOICES", "CLASS_FILE", "CLASS_PERIOD_MINUTES", "DownloadWork", "UploadWork", "class_path",
    "saved_path", "DEFAULT_PATH", "LESSON_GLOB", "LINE_WIDTH", "METADATA_KEY",
    "NOT_WRITTEN", "PATHS", "PATH_ENV", "PATH_FILE", "SHORT_PATH_PERIODS", "SUMMARY_RESPONSES", "SUMMARY_SUFFIX",
    "WARMUP_EXERCISE", "WARMUP_FORMAT", "WARMUP_LABELS", "WARMUP_SIDES", "LessonPlanError", "NameBox", "PathChoice",
    "SummaryView", "WarmUp", "WorkFolderNote", "assigned_items", "current_path", "expand_items", "header",
    "header_text", "index_table", "key_findings", "kit_assignments", "lesson_files", "lesson_plan", "load_warmup",
    "path_record", "primary_passage", "save_summary", "set_path", "show_passage", "summary_html", "summary_text",
    "teacher_assignment", "warmup_report", "work_summary",
]
