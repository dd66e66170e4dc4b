"""Every name the package promises in widgets.__all__ resolves, and unknown names fail clearly."""
import pytest

import widgets


@pytest.mark.parametrize("name", [n for n in widgets.__all__ if n != "__version__"])
def test_public_name_resolves(name):
    assert getattr(widgets, name) is not None


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        widgets.Nope  # noqa: B018 (reading the attribute is the test)
