"""The one place where the hand-in service uses the class report's rules (widgets/classroom/submission.py and
results.py), so the service accepts exactly what the report accepts and summarises a class exactly as the report
does. Both rules work on files, so a posted hand-in is checked as a file, and a class is summarised from its stored
hand-ins written into a temporary folder: when the report's rules grow, the service follows without a change here.
"""
from __future__ import annotations

import json
import tempfile
from datetime import datetime
from pathlib import Path

from widgets.classroom.results import ClassResults, class_results
from widgets.classroom.submission import MAX_SUBMISSION_BYTES, SubmissionError, read_submission, schema_problem

SERVICE_FOLDER_NAME = "the hub's hand-in service"     # what the report names as its folder


class HandinRejected(ValueError):
    """A posted hand-in the report would leave out; the message is one sentence saying why."""


def _sentence(reason: str) -> str:
    reason = reason.strip().rstrip(".")
    return f"This hand-in was not accepted: {reason}."


def accept(body: bytes, hub_user: str, received: datetime) -> tuple[dict, str]:
    """Check a posted hand-in with the report's rules, then make it the hub user's.

    Returns (the document to store, the name it claimed). The stored document's `student` is the hub user and its
    `created` the service's clock, whatever the body said: identity and time come from the hub side, never from the
    student's machine. Raises HandinRejected with one sentence.
    """
    if len(body) > MAX_SUBMISSION_BYTES:
        raise HandinRejected(_sentence(f"it is too large ({len(body):,} bytes; a real hand-in is a few kilobytes, "
                                       f"the limit is {MAX_SUBMISSION_BYTES:,})"))
    with tempfile.TemporaryDirectory(prefix="handin-") as folder:
        path = Path(folder) / "posted.json"
        path.write_bytes(body)
        try:
            read_submission(path)
        except SubmissionError as error:
            raise HandinRejected(_sentence(str(error))) from None
    document = json.loads(body)
    claimed = document["student"]
    document["student"] = hub_user
    document["created"] = received.isoformat()
    problem = schema_problem(document)
    if problem:                                  # e.g. a hub user name the kit would refuse
        raise HandinRejected(_sentence(problem))
    return document, claimed


def file_name(handin_id: int) -> str:
    """A stored hand-in's name in the report: its number in the service, padded so names sort as numbers."""
    return f"handin-{handin_id:09d}.json"


def class_results_of(handins, case=None) -> ClassResults:
    """The class report's results for stored hand-ins of one case (widgets.classroom.hub.store.StoredHandin rows)."""
    with tempfile.TemporaryDirectory(prefix="handin-class-") as folder:
        for handin in handins:
            (Path(folder) / file_name(handin.id)).write_text(json.dumps(handin.document, ensure_ascii=False),
                                                              encoding="utf-8")
        results = class_results(folder, case=case)
    results.contents.folder = Path(SERVICE_FOLDER_NAME)
    return results
