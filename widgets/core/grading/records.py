"""The save file's records that are no exercise: key views opened anyway, and the warm-up's committed labels.

They live with the grading rules because their finality does (widgets.core.grading.registry.final_rule), and the
save file's format (widgets.core.work_format) applies those rules.
"""
from widgets.core.grading.spec import ONCE_ANSWERED

KEY_SHOWN = "key_shown"   # the section that records locked key views opened with "show the key anyway"
WARMUP = "warmup"         # the warm-up labels committed with "Show the answers" (never the agreement)
# The records' finality (the exercises' is in their specs): the first record of a key view opened anyway, and the
# first warm-up label shown the key, stand.
FINAL = {KEY_SHOWN: ONCE_ANSWERED, WARMUP: ONCE_ANSWERED}
TITLES = {KEY_SHOWN: "Key shown before answering", WARMUP: "Warm-up labels"}   # as the hand-in's preview names them
