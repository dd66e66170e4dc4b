"""SpanPicker: mark phrases in a sentence, word by word, and give each phrase a choice (actors, claims, framing)."""
from __future__ import annotations

import ipywidgets as ipw
from ipywidgets.widgets.widget_bool import ToggleButtonStyle

from widgets.core.grading.spans import tokenize
from widgets.exercises.feedback import sentence_block
from widgets.core.text import escape, shorten_middle


class SpanPicker(ipw.VBox):
    """Mark phrases in a sentence with the keyboard or mouse: each word is a toggle button (Tab, then Space);
    adjacent selected words form one phrase, and each phrase gets a choice from a dropdown. A phrase can be split
    in two (its "Split" menu: before which word), so two claims that sit next to each other can be marked
    separately; a phrase that was split off can be joined again.

    The word buttons are a pool reused from sentence to sentence, sharing one layout and one style, so moving to
    the next sentence sends a few small updates instead of creating dozens of widgets.
    """

    def __init__(self, choice_field: str, choices, choice_descriptions=None, phrase_hint="phrase", splittable=False):
        super().__init__()
        self.splittable = splittable
        self.choice_field = choice_field
        self.choices = tuple(choices)
        self.choice_descriptions = choice_descriptions or {}
        self.phrase_hint = phrase_hint
        self.text = ""
        self.spans: list[tuple[int, int]] = []
        self._word_layout = ipw.Layout(width="auto", margin="2px", padding="0 6px")
        self._word_style = ToggleButtonStyle(font_size="1em")
        self._buttons: list[ipw.ToggleButton] = []
        self._dropdowns: dict[tuple[int, int], ipw.Dropdown] = {}
        self._splitters: dict[tuple[int, int], ipw.Dropdown] = {}
        self._breaks: set[int] = set()   # word indices that start a new phrase although the word before is marked
        self._syncing = False
        self._disabled = False
        self.sentence_html = ipw.HTML()   # the sentence as printed, punctuation and all
        self.word_box = ipw.Box(layout=ipw.Layout(display="flex", flex_flow="row wrap", align_items="center"))
        self.word_box.add_class("fprl-words")
        self.phrase_box = ipw.VBox()
        self.phrase_box.add_class("fprl-phrases")
        self._empty_hint = ipw.HTML(f"<p class='fprl-hint'>Nothing marked yet. Press the words of each "
                                    f"{phrase_hint} to mark it (Tab moves between words, Space presses).</p>")
        self.children = [self.sentence_html, self.word_box, self.phrase_box]

    # ---- state

    def set_sentence(self, text: str, marks=(), disabled=False):
        """Show `text` as word buttons, with `marks` (a list of mark dicts) selected."""
        if text == self.text and list(marks) == self.value:
            self._set_disabled(disabled)   # same sentence, same marks: only lock or unlock (few messages)
            return
        self._syncing = True
        try:
            self.sentence_html.value = str(sentence_block(escape(text)))
            self.text = text
            self.spans = tokenize(text)
            self._dropdowns = {}
            self._splitters = {}
            starts = {m["start"] for m in marks}
            ends = {m["end"] for m in marks}
            self._breaks = {index for index, (start, _end) in enumerate(self.spans)
                            if index and start in starts and self.spans[index - 1][1] in ends}
            while len(self._buttons) < len(self.spans):
                button = ipw.ToggleButton(layout=self._word_layout, style=self._word_style)
                button.observe(self._on_toggle, names="value")
                self._buttons.append(button)
            marked = [(m["start"], m["end"]) for m in marks]
            for index, button in enumerate(self._buttons):
                with button.hold_sync():
                    if index < len(self.spans):
                        start, end = self.spans[index]
                        word = text[start:end]
                        selected = any(s <= start and end <= e for s, e in marked)
                        button.value = selected
                        self._dress(button, index, word, selected)
                        button.disabled = disabled
                    else:
                        button.value = False
            self.word_box.children = self._buttons[:len(self.spans)]
            self._disabled = disabled
            for m in marks:
                self._dropdown((m["start"], m["end"])).value = m[self.choice_field]
        finally:
            self._syncing = False
        self._update_phrases()

    def _set_disabled(self, disabled):
        self._disabled = disabled
        for button in self.word_box.children:
            button.disabled = disabled
        for dropdown in [*self._dropdowns.values(), *self._splitters.values()]:
            dropdown.disabled = disabled

    def phrases(self) -> list[tuple[int, int]]:
        """(start, end) of each run of adjacent selected words (a split starts a new run)."""
        runs, current = [], None
        for index, button in enumerate(self._buttons[:len(self.spans)]):
            if button.value:
                start, end = self.spans[index]
                if current and index in self._breaks:
                    runs.append(current)
                    current = None
                current = (current[0], end) if current else (start, end)
            elif current:
                runs.append(current)
                current = None
        if current:
            runs.append(current)
        return runs

    @property
    def value(self) -> list[dict]:
        """The marks as {"start", "end", <choice_field>} (choice None while not chosen)."""
        return [{"start": s, "end": e, self.choice_field: self._dropdown((s, e)).value} for s, e in self.phrases()]

    def select_words(self, *indices):
        """Press the word buttons at these indices (as a student would)."""
        for index in indices:
            self._buttons[index].value = not self._buttons[index].value

    def phrase_dropdowns(self) -> list[ipw.Dropdown]:
        return [self._dropdown(span) for span in self.phrases()]

    def split_before(self, index: int) -> None:
        """Cut the phrase holding word `index` in two, before that word (as the phrase's Split menu does)."""
        if not 0 < index < len(self.spans):
            raise ValueError(f"No word {index + 1} to split before.")
        self._breaks.add(index)
        self._update_phrases()

    def join_at(self, index: int) -> None:
        """Join the phrase that starts at word `index` to the phrase before it."""
        self._breaks.discard(index)
        self._update_phrases()

    def _word_index(self, position: int) -> int:
        return next(i for i, (start, _end) in enumerate(self.spans) if start == position)

    def _splitter(self, span) -> ipw.Dropdown:
        if span not in self._splitters:
            first = self._word_index(span[0])
            words = [i for i, (start, end) in enumerate(self.spans) if span[0] < start and end <= span[1]]
            options = [("✂ Split…", None)] + [(f"split before “{self.text[slice(*self.spans[i])]}”", i)
                                               for i in words]
            if first in self._breaks:
                options.append(("join with the phrase before", -first - 1))
            box = ipw.Dropdown(options=options, value=None, layout=ipw.Layout(width="auto"),
                               tooltip=f"Two {self.phrase_hint}s next to each other? Split this phrase in two.")
            box.add_class("fprl-split")
            box.observe(self._on_split, names="value")
            self._splitters[span] = box
        return self._splitters[span]

    def _on_split(self, change):
        value = change["new"]
        if value is None or self._syncing:
            return
        if value >= 0:
            self.split_before(value)
        else:
            self.join_at(-value - 1)

    # ---- interface

    def _dropdown(self, span) -> ipw.Dropdown:
        if span not in self._dropdowns:
            # a phrase that grew or shrank keeps the choice made for the phrase it came from
            inherited = next((box.value for (start, end), box in self._dropdowns.items()
                              if box.value is not None and start < span[1] and span[0] < end), None)
            phrase = self.text[span[0]:span[1]]
            shown = shorten_middle(phrase, 44)
            self._dropdowns[span] = ipw.Dropdown(
                options=[(f"choose the {self.choice_field.replace('_', ' ')}…", None)]
                + [(choice, choice) for choice in self.choices],
                value=inherited, description=f"“{shown}”",
                tooltip=f"{self.choice_field.replace('_', ' ').capitalize()} of the {self.phrase_hint} "
                                    f"“{phrase}”",
                style={"description_width": "initial"}, layout=ipw.Layout(width="auto"))
            self._dropdowns[span].add_class("fprl-choice")
        return self._dropdowns[span]

    def _on_toggle(self, change):
        if self._syncing:
            return
        button = change["owner"]
        index = self._buttons.index(button)
        start, end = self.spans[index]
        with button.hold_sync():
            self._dress(button, index, self.text[start:end], change["new"])
        self._update_phrases()

    MARKED = "✓ "   # in the button's text, so a screen reader says it too (ToggleButton sets no aria-pressed)

    def _dress(self, button, index, word, selected):
        """A word button's text, tooltip and style for its state: marked words carry a tick, not only a colour."""
        button.description = f"{self.MARKED}{word}" if selected else word
        button.tooltip = (f"Word {index + 1}: {word}, marked. Press to unmark it." if selected
                          else f"Word {index + 1}: {word}. Press to mark it.")
        button.button_style = "info" if selected else ""

    def _update_phrases(self):
        selected = {i for i, button in enumerate(self._buttons[:len(self.spans)]) if button.value}
        self._breaks = {i for i in self._breaks if i in selected and i - 1 in selected}
        spans = self.phrases()
        for span in spans:   # new phrases first, so they can inherit from the ones they replace
            self._dropdown(span)
        self._dropdowns = {span: self._dropdowns[span] for span in spans}
        self._splitters = {}
        rows = []
        for span in spans:
            dropdown = self._dropdown(span)
            dropdown.disabled = self._disabled
            splitter = self._splitter(span) if self.splittable else None
            if splitter is not None:
                splitter.disabled = self._disabled
            if splitter is not None and len(splitter.options) > 1:
                rows.append(ipw.HBox([dropdown, splitter], layout=ipw.Layout(flex_flow="row wrap")))
            else:
                rows.append(dropdown)
        self.phrase_box.children = rows or [self._empty_hint]
