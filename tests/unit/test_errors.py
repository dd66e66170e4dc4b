"""Callback errors: one decorator, one wording, in every widget that has a button or a toggle."""
import pytest

from widgets.core.errors import error_html, shows_errors_in


def test_expected_errors_say_what_did_not_happen_and_bugs_keep_details():
    disk = str(error_html(OSError("disk <full>"), doing="Not saved"))
    assert 'role="alert"' in disk and "<b>Not saved.</b>" in disk and "disk &lt;full&gt;" in disk
    assert "Details" not in disk
    bug = str(error_html(ZeroDivisionError("oops")))
    assert "Something went wrong: ZeroDivisionError: oops" in bug and "<details>" in bug


def test_the_decorator_shows_the_error_and_returns_none():
    class Box:
        status = type("HTML", (), {"value": ""})()

        @shows_errors_in("status", doing="Not saved")
        def save(self, fail):
            if fail:
                raise ValueError("no name given")
            return True

    box = Box()
    assert box.save(False) is True and box.status.value == ""
    assert box.save(True) is None and "Not saved." in box.status.value and "no name given" in box.status.value


@pytest.mark.parametrize("make", ["name_box", "summary", "handin"])
def test_widgets_outside_the_exercises_use_it(make, tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path))
    from widgets import seed_case
    from widgets import lesson
    from widgets.views.handin import HandInButton

    if make == "name_box":
        box = lesson.NameBox()
        box.text.value = " "
        box.button.click()
        shown = box.status.value
    elif make == "summary":
        view = lesson.SummaryView(seed_case("biden-china-2022"))
        monkeypatch.setattr(lesson.summary, "save_summary",
                            lambda *a, **k: (_ for _ in ()).throw(PermissionError("read-only folder")))
        view.button.click()
        shown = view.status.value
    else:
        button = HandInButton(seed_case("biden-china-2022"), student="Nobody")
        button.click()
        shown = button.status.value
    assert shown.startswith('<p role="alert" class="fprl-alert">⚠ <b>Not '), shown
