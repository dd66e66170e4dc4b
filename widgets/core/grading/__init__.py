"""Pure grading: plain functions and dataclasses, with no ipywidgets import and no markup.

The widgets (widgets/exercises/) and the class report (widgets/classroom/) both call these, so a score means the
same in both. `results` (Grade, ItemFeedback, Match, Reason, Status: structured results), `spec` and `registry`
(exercise key -> ExerciseSpec, the scored exercises), one module per exercise (`fact_opinion`, `actors`, `claims`,
`verdicts`, `responses`, `framing` + `framing_items`, `skills`, `lateral`, `verdict_moves`), `marking` and `spans`
(word spans and overlap for the marking exercises) and `scoring` (one score over the assigned items).
"""
