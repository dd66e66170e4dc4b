"""ActorTagger: marks in the text; found, missed, extra; aliases and reasonable boundaries; kinds."""


from widgets.core.case import Actor, Case, Mention, Sentence
from widgets.exercises.actors import ActorTagger
from widgets.core.grading.actors import grade_actors



def mark_words(tagger, *groups):
    """Press the words of each (indices, kind) group, choose the kinds, and press Check my answer."""
    for indices, _ in groups:
        tagger.picker.select_words(*indices)
    for dropdown, (_, kind) in zip(tagger.picker.phrase_dropdowns(), groups):
        dropdown.value = kind
    tagger.check_button.click()


def test_right_marks_by_clicking_words(case):
    tagger = ActorTagger(case, student="Ada", sentences=["p1s1"])
    assert [b.description for b in tagger.picker.word_box.children][4:7] == ["Northland", "and", "Southland"]
    mark_words(tagger, ([4], "government"), ([6], "government"))
    assert tagger.problem.value == ""
    text = tagger.feedback.value
    assert "2 of 2 actor(s)" in text and "Found <b>Government of Northland</b>" in text
    assert "Signed the river treaty." in text and "✘" not in text
    assert tagger.score() == (2, 2)
    assert tagger.answers["p1s1"] == [{"start": 25, "end": 34, "kind": "government"},
                                      {"start": 39, "end": 48, "kind": "government"}]
    assert all(button.disabled for button in tagger.picker.word_box.children)


def test_missed_extra_and_wrong_kind(case):
    tagger = ActorTagger(case, student="Ada", sentences=["p1s1"])
    mark_words(tagger, ([4], "person"), ([12, 13], "institution"))
    text = tagger.feedback.value
    assert "you said person; the key says government" in text
    assert "Missed</span> <b>Government of Southland</b> (government), named here as “Southland”" in text
    assert "Extra</span>: “Harbor City” is not an actor in the key" in text
    grade = tagger.check()
    assert (grade.correct, grade.total, grade.points) == (0, 2, 0.5)
    assert grade.items["p1s1"].status == "partly"


def test_reasonable_boundaries_are_accepted(case):
    grade = grade_actors(case, {"p1s1": [{"start": 22, "end": 34, "kind": "government"},      # "of Northland"
                                         {"start": 39, "end": 55, "kind": "government"}]},    # "Southland signed"
                         items=["p1s1"])
    assert (grade.correct, grade.total) == (2, 2)
    too_wide = grade_actors(case, {"p1s1": [{"start": 0, "end": 34, "kind": "government"}]}, items=["p1s1"])
    assert too_wide.correct == 0
    assert [m.given for m in too_wide.items["p1s1"].extra] == [("The foreign ministers of Northland",)]


def test_alias_match_and_named_elsewhere():
    text = "Northland met Southland, and Northland left."
    case = Case(id="alias", title="t", meta={}, sentences=(Sentence("p1s1", 1, text, "fact", "named", "r"),),
                actors=(Actor("north", "Government of Northland", "government", ("Northland",), "North.", False,
                              (Mention("p1s1", 0, 9, "Northland"),)),
                        Actor("south", "Government of Southland", "government", ("Southland",), "South.")))
    second = text.rindex("Northland")
    grade = grade_actors(case, {"p1s1": [{"start": second, "end": second + 9, "kind": "government"},
                                         {"start": 14, "end": 23, "kind": "government"}]})
    feedback = grade.items["p1s1"]
    assert (grade.correct, grade.total) == (1, 1)
    assert [(m.key_text, m.given) for m in feedback.matched] == [("Government of Northland", ("Northland",))]
    assert [(m.key_text, m.given) for m in feedback.other] == [("Government of Southland", ("Southland",))]
    assert grade.items["p1s1"].correct is True


def test_no_actor_and_no_mark_is_right(case):
    tagger = ActorTagger(case, student="Ada", sentences=["p2s1"])
    tagger.check_button.click()
    assert "the key marks no actor in this sentence, and neither did you" in tagger.feedback.value
    assert tagger.check().items["p2s1"].correct is True


def test_kind_must_be_chosen_before_checking(case):
    tagger = ActorTagger(case, student="Ada", sentences=["p1s1"])
    tagger.picker.select_words(4)
    tagger.check_button.click()
    assert "Choose a kind for “Northland” first" in tagger.problem.value
    assert tagger.answers == {}


def test_implied_actors_are_named_in_the_summary(case):
    tagger = ActorTagger(case, student="Ada")
    tagger.score_button.click()
    assert "never names" in tagger.feedback.value and "Example Wire" in tagger.feedback.value


def test_restore_shows_marks_locked(case):
    ActorTagger(case, student="Ada").answer("p1s2", [{"start": 0, "end": 9, "kind": "group"}])
    again = ActorTagger(case, student="Ada", sentences=["p1s2"])
    assert again.picker.value == [{"start": 0, "end": 9, "kind": "group"}]
    assert again.picker.word_box.children[0].value and again.picker.word_box.children[0].disabled
    assert "Unnamed officials" in again.feedback.value


def test_everything_from_the_case_is_escaped():
    text = "<script>alert(1)</script> met <img src=x onerror=alert(2)>."
    case = Case(id="evil", title="t", meta={}, sentences=(Sentence("p1s1", 1, text, "fact", "named", "r"),),
                actors=(Actor("a", "<b>A</b>", "person", (), "<script>role</script>", False,
                              (Mention("p1s1", 0, 25, text[:25]),)),))
    tagger = ActorTagger(case, student="Ada")
    assert tagger.picker.word_box.children[0].description == "<script>alert(1)</script>"  # button text, not HTML
    assert "<script" not in tagger.picker.sentence_html.value and "&lt;script&gt;" in tagger.picker.sentence_html.value
    tagger.answer("p1s1", [{"start": 30, "end": len(text) - 1, "kind": "person"}])
    assert "<script" not in tagger.feedback.value and "<img" not in tagger.feedback.value
    assert "&lt;script&gt;role" in tagger.feedback.value and "&lt;img src=x" in tagger.feedback.value
