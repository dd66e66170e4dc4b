"""The controlled vocabularies, read from widgets/core/schemas/case.schema.json (their one place of truth).

Each vocabulary is a tuple of values in schema order; each ``*_DESCRIPTIONS`` maps a value to a plain-English
description a student can read.
"""
from widgets.core import schemas

SCHEMA_PATH = schemas.schema_path(schemas.CASE)
SCHEMA = schemas.load_schema(schemas.CASE)


def _vocabulary(name):
    """Values and {value: description} of the enum ``$defs/<name>``."""
    definition = SCHEMA["$defs"][name]
    values = tuple(definition["enum"])
    descriptions = definition["enumDescriptions"]
    if len(descriptions) != len(values):
        raise ValueError(f"case.schema.json: $defs/{name} has {len(values)} values "
                         f"but {len(descriptions)} enumDescriptions")
    return values, dict(zip(values, descriptions))


LABELS, LABEL_DESCRIPTIONS = _vocabulary("label")
SOURCING, SOURCING_DESCRIPTIONS = _vocabulary("sourcing")
VERDICTS, VERDICT_DESCRIPTIONS = _vocabulary("verdict")
ACTOR_KINDS, ACTOR_KIND_DESCRIPTIONS = _vocabulary("actor_kind")
DEVICES, DEVICE_DESCRIPTIONS = _vocabulary("device")
VOICES, VOICE_DESCRIPTIONS = _vocabulary("voice")
BASES, BASIS_DESCRIPTIONS = _vocabulary("basis")
SOURCE_KINDS, SOURCE_KIND_DESCRIPTIONS = _vocabulary("source_kind")
