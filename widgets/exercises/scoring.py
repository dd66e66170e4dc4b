"""Moved to widgets/grading/scoring.py (pure); these names stay importable from here for older callers."""
from widgets.grading.scoring import ExerciseScore, ItemScore, assigned_items, points_text, score_exercise, score_sections

__all__ = ["ExerciseScore", "ItemScore", "assigned_items", "points_text", "score_exercise", "score_sections"]
