"""Callback errors, shown where the student looks: every widget's callbacks go through `shows_errors_in`.

JupyterLab shows an error raised in a widget callback nowhere, so a callback that fails would look like a dead
button. Bad input (a ValueError, e.g. AnswerError) and a file that cannot be written (an OSError, e.g. a full disk
or a read-only folder) get a plain message; a bug gets details to show a teacher. Every widget of the kit (the
exercises, the lesson boxes, the hand-in button, the article and cue views) shows its callback errors this way.
"""
from __future__ import annotations

import functools
import traceback

from markupsafe import Markup

from widgets.core.grading.results import AnswerError

__all__ = ["AnswerError", "error_html", "shows_errors", "shows_errors_in"]


EXPECTED = (ValueError, OSError)     # the student's input or the disk, not a bug: the message says what to do


def error_html(error: Exception, doing: str | None = None) -> Markup:
    """What a widget shows for an error raised in one of its callbacks; ``doing`` names what did not happen
    ("Not saved"), shown first."""
    if isinstance(error, EXPECTED):
        if doing:
            return Markup('<p role="alert" class="fprl-alert">⚠ <b>{}.</b> {}</p>').format(doing, error)
        return Markup('<p role="alert" class="fprl-alert">⚠ {}</p>').format(error)
    details = "".join(traceback.format_exception(error))[-3000:]   # a bug: keep the details for the teacher
    return Markup('<div role="alert" class="fprl-alert"><p>⚠ Something went wrong: {}: {}. Your saved answers are '
                  'safe. If it happens again, show this to your teacher.</p><details><summary>Details</summary>'
                  '<pre>{}</pre></details></div>').format(type(error).__name__, error, details)


def shows_errors_in(target: str, doing: str | None = None):
    """Decorator for widget callbacks: any error is shown in the HTML widget ``self.<target>`` instead of being
    lost, and the callback returns None."""
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except Exception as error:  # noqa: BLE001 - shown to the student, never lost
                getattr(self, target).value = str(error_html(error, doing))
            return None
        return wrapper
    return decorate


shows_errors = shows_errors_in("problem")   # exercises show problems in their `problem` line
