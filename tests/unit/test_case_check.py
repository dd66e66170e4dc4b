"""widgets/core/_case_check.py (the case schema pre-compiled by fastjsonschema) is made from today's schema and judges
like the schema: it lets every seed case through and stops a wrong value."""
import hashlib
import sys
from pathlib import Path

import fastjsonschema
import pytest

from widgets.core import _case_check, loading, schemas
from widgets.core.vocab import SCHEMA_PATH

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_generated_check_is_from_the_current_schema():
    assert _case_check.SCHEMA_SHA256 == hashlib.sha256(SCHEMA_PATH.read_bytes()).hexdigest(), (
        "widgets/core/schemas/case.schema.json changed: run `python tools/case_check.py` and commit widgets/core/_case_check.py")
    assert schemas.fast_check(schemas.CASE)[0] is _case_check.validate       # the loader uses it, not a run-time compile


def test_generated_check_accepts_the_seeds_and_refuses_a_wrong_verdict():
    folders = [p.parent for p in SEEDS.glob("*/claims.yaml")]
    assert folders
    for folder in folders:
        checker = loading.CaseChecker(folder)
        assert checker.run() == [], folder
        claims = checker.docs["claims"]
        _case_check.validate({"claims": claims})
        if claims:
            with pytest.raises(fastjsonschema.JsonSchemaException):
                _case_check.validate({"claims": [dict(claims[0], verdict="wrong")]})


def test_loading_a_case_compiles_no_schema_and_imports_no_jsonschema():
    import subprocess
    code = ("import sys\nfrom widgets import load_case\nfrom widgets.core.storage import KIT_ROOT\n"
            "load_case(KIT_ROOT / 'seeds' / 'biden-china-2022')\nprint('jsonschema' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
