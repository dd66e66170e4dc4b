"""The before-and-after skills check: ten Pew-style statements and two transfer sentences, answered as a whole form
and committed once; only then does the key appear. Grading: widgets/core/grading/skills.py (pure)."""
from __future__ import annotations

from types import SimpleNamespace

import ipywidgets as ipw
from markupsafe import Markup

from widgets.core.errors import AnswerError, shows_errors
from widgets.core.grading import skills
from widgets.core.grading.results import UNANSWERED, Grade
from widgets.core.storage import ANONYMOUS, StorageError, WorkFile, clean_student_name, current_student, student_key, work_folder_id
from widgets.core.text import escape as esc
from widgets.exercises.base import Exercise
from widgets.exercises.feedback import sentence_block
from widgets.core.render import render

DEFINITIONS = ("<b>Factual</b>: can be proved or disproved by objective evidence, whether or not you think it is "
               "accurate. <b>Opinion</b>: expresses the beliefs or values of whoever says it; evidence cannot settle "
               "it. (These are the definitions of the Pew Research Center's 2018 study.)")


class SkillsCheck(Exercise):
    """The skills check, taken "pre" (lesson 0), "post" (lesson 7) or "delayed" (two to four weeks later); it does
    not depend on a case. The form (A or B before and after, counterbalanced by a hash of the student's name; C
    later) is chosen by ``widgets.core.grading.skills.form_for``.

    Items: "s1".."s10" (statements) and "t1", "t2" (sentences from a short paragraph). Value of an answer:
    ``{"label": "fact" | "opinion"}``. The agreement question is off unless ``ask_agreement=True`` or the
    instructor's switch (environment variable KIT_ASK_AGREEMENT=on); even then it is optional, offers "prefer not
    to say", and is kept in this kernel only (for the "did agreeing sway you?" line), never saved or handed in.
    Answers can be changed until the whole form is committed (``check()``, or the commit button); then the key
    appears and nothing changes any more. Saved in the work file ``<student>__skills-check.json``; ``hand_in``
    copies every moment's answers into every hand-in.
    """

    noun = "statement"
    answers_are_final = False
    check_label = "Save my answer"

    def __init__(self, moment="pre", student=None, ask_agreement=None):
        if moment not in skills.MOMENTS:
            raise ValueError(f"SkillsCheck is taken {', '.join(map(repr, skills.MOMENTS))}, not {moment!r}.")
        self.moment = moment
        self.exercise = skills.EXERCISES[moment]
        self.ask_agreement = skills.agreement_asked(ask_agreement)
        self._agreement = {}            # item -> agreement, in this kernel only: never saved, never handed in
        name = clean_student_name(student) if student is not None else current_student()
        self.form = skills.load_form(self._form_letter(name))
        self._committed = False
        self._force_next = False
        agree_part = (" Then, if you like, say whether you agree with it: that part is optional, not graded and "
                      "never saved." if self.ask_agreement else "")
        title = (f"<h3 class='fprl-title'>{esc(skills.MOMENT_TITLES[moment])} "
                 f"<small>(form {esc(self.form.form)})</small></h3>"
                 f"<p>For each statement: is it <b>factual</b> or an <b>opinion</b>?{agree_part} {DEFINITIONS}</p>"
                 f"<p>Answer all {len(self.form.items)}, then press "
                 "<b>Commit the whole form</b>. You see the key only after that, and then your answers stay as "
                 "they are.</p>")
        # student as given: with none, the base follows a name saved later (the form stays the one chosen here)
        super().__init__(SimpleNamespace(id=skills.WORK_CASE), self.form.items, student=student, title_html=title)
        self.score_button.description = "Commit the whole form and see the key"
        self.score_button.tooltip = "Commit all your answers at once; after that you see the key"
        self._refresh()

    # ---- protocol

    @property
    def committed(self) -> bool:
        return self._committed

    def answer(self, item_id, value):
        if self._committed:
            raise AnswerError("You have committed this form and seen the key, so your answers stay as they are.")
        if self._work is not None and self._work.answers(self.exercise).get(skills.FORM_ITEM) != self.form.form:
            self._save(skills.FORM_ITEM, self.form.form)     # which form these answers are on, for the report
        return super().answer(item_id, value)

    def check(self, force: bool = False) -> Grade:
        """Commit the whole form (if not yet) and show the key. Refuses while items are unanswered unless
        `force` (then they count as wrong, as in Pew's study)."""
        if not self._committed:
            missing = [item for item in self.items if item not in self._answers]
            if missing and not force:
                self._force_next = True
                raise AnswerError(f"{len(missing)} of {len(self.items)} not answered yet ({', '.join(missing)}). "
                                  "Answer them first, or press the button again to commit anyway (unanswered ones "
                                  "count as wrong).")
            self._committed = True
            self._save(skills.COMMITTED, True)
        grade = self._grade()
        self._show_feedback(self._summary_html() + self._feedback_html(self.current_item, grade.items[self.current_item]))
        self._refresh_controls()
        return grade

    def score(self) -> tuple[int, int]:
        if not self._committed:
            raise AnswerError("Commit the whole form first; the score comes with the key.")
        grade = self._grade()
        return grade.correct, grade.total

    def result(self) -> skills.SkillsResult:
        return skills.grade_form(self.form, {**self._answers, skills.COMMITTED: self._committed}, self._agreement)

    def _form_letter(self, name) -> str:
        """The form already saved for this moment (so a student never switches form midway), else form_for, which
        gives "post" the other form of the one saved before."""
        try:
            work = WorkFile(name, skills.WORK_CASE)
            saved, before = work.answers(self.exercise), work.answers(skills.EXERCISES["pre"])
        except (StorageError, ValueError, OSError):
            saved, before = {}, {}
        if saved:
            return skills.saved_form(self.moment, saved)
        # Before a name is saved (lesson 0 run top to bottom), the work folder's random id stands in for it, so a
        # class still splits between the forms; the answers, and the form with them, move to the name once saved.
        key = name if student_key(name) != student_key(ANONYMOUS) else f"work folder {work_folder_id()}"
        return skills.form_for(self.moment, key, skills.saved_form("pre", before) if before else None)

    def __repr__(self):
        return (f"SkillsCheck ({self.moment}): {len(self.items)} statements. Run this cell to start; "
                "the key appears after you commit the whole form.")

    # ---- saving and display

    def _restore(self):
        super()._restore()
        if self._work is not None:
            self._committed = self._work.answers(self.exercise).get(skills.COMMITTED) is True

    def _sync_from_work(self):
        super()._sync_from_work()
        self._committed = self._work.answers(self.exercise).get(skills.COMMITTED) is True

    def _grade(self) -> Grade:
        return skills.skills_grade(self.form, self.result(), self.exercise)

    def _summary_html(self) -> str:
        result = self.result()
        lean = result.lean if result.lean.leaning in ("toward disagreed", "toward agreed", "even") else None
        before = self._other_form_result("pre") if self.moment in ("post", "delayed") else None
        return str(render("skills_result.html.j2", r=result, lean=lean, before=before,
                          change=f"{result.correct - before.correct:+d}" if before is not None else "",
                          pew_facts=f"{skills.PEW_ALL_FACTS:.0%}", pew_opinions=f"{skills.PEW_ALL_OPINIONS:.0%}"))

    def _other_form_result(self, moment):
        try:
            answers = WorkFile(self.student, skills.WORK_CASE).answers(skills.EXERCISES[moment])
        except (StorageError, ValueError):
            return None
        if answers.get(skills.COMMITTED) is not True:
            return None
        return skills.grade_form(skills.load_form(skills.saved_form(moment, answers)), answers)

    def _build_item_area(self):
        self.statement_html = ipw.HTML()
        self.label_choice = ipw.RadioButtons(options=[("fact", "fact"), ("opinion", "opinion")], value=None,
                                             description="Factual or opinion:", style={"description_width": "initial"})
        self.agree_choice = ipw.RadioButtons(options=[(text, value) for value, text in skills.AGREEMENT_TEXT.items()],
                                             value=None, description="Do you agree? (optional, never saved)",
                                             style={"description_width": "initial"})
        shown = [self.label_choice, self.agree_choice] if self.ask_agreement else [self.label_choice]
        return ipw.VBox([self.statement_html, ipw.HBox(shown)])

    def _show_item(self, item_id, locked):
        statement = self.form.item(item_id)
        if statement.transfer:
            passage = esc(self.form.passage).replace(esc(statement.text), f"<mark>{esc(statement.text)}</mark>")
            self.statement_html.value = (f"<p>A short paragraph you have not seen before:</p>{sentence_block(Markup(passage))}"
                                         f"<p>Is the <mark>marked sentence</mark> factual or an opinion?</p>")
        else:
            self.statement_html.value = str(sentence_block(statement.text))
        saved = self._answers.get(item_id) or {}
        self.label_choice.value = saved.get("label")
        self.agree_choice.value = self._agreement.get(item_id)
        self._refresh_controls()

    def _refresh_controls(self):
        for control in (self.label_choice, self.agree_choice, self.check_button):
            control.disabled = self._committed
        self.score_button.disabled = self._committed
        if self._committed:
            self.check_button.description = "Form committed"
            self.score_button.description = "Key shown"

    def _refresh(self):
        if not hasattr(self, "label_choice"):
            return          # still being built
        super()._refresh()
        item_id = self.current_item
        if self._committed:
            self._show_feedback(self._feedback_html(item_id, self._grade().items[item_id]))
        elif item_id in self._answers:
            self._show_feedback("<p>Saved. You can change it until you commit the whole form.</p>")
        self._refresh_controls()

    def _value_from_controls(self):
        if self.label_choice.value is None:
            raise AnswerError("Choose factual or opinion first.")
        return {"label": self.label_choice.value}

    def _normalise(self, item_id, value):
        return skills.normalise_answer(self.form, item_id, value)

    def _item_feedback(self, item_id):
        if self._committed:
            return self._grade().items[item_id]
        return UNANSWERED

    def agree(self, item_id, value) -> None:
        """Record whether the student agrees with a statement, in this kernel only (as the optional control does):
        never saved, never handed in. Refused while the agreement question is off."""
        if not self.ask_agreement:
            raise AnswerError("The agreement question is off; your teacher can turn it on.")
        if value not in skills.AGREEMENT:
            raise AnswerError(f"Choose one of: {', '.join(skills.AGREEMENT_TEXT.values())}.")
        self._agreement[item_id] = value

    @shows_errors
    def _on_check(self, _button):
        if self.ask_agreement and self.agree_choice.value is not None:
            self.agree(self.current_item, self.agree_choice.value)
        self.answer(self.current_item, self._value_from_controls())
        self._force_next = False
        later = [i for i in self.items[self.position + 1:] + self.items[:self.position] if i not in self._answers]
        if later:
            self.position = self.items.index(later[0])
        else:
            self._show_feedback("<p>Saved. Every statement is answered: press <b>Commit the whole form and see the "
                                "key</b> when you are ready.</p>")

    @shows_errors
    def _on_score(self, _button):
        self.check(force=self._force_next)
