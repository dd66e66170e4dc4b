"""Your own article: the kit's exercises on any text.

- ``from_text.case_from_text(text, title=None, url=None)``: a keyless Case from pasted text or UTF-8 bytes.
- ``splitting``: the headline, paragraph and sentence splitter (linear, rules written down in its docstring).
- ``cues``: rule-based cues (word lists with their sources in ``cue_words.yaml``), ``CueView``, ``score_cues``.
- ``compare``: ``compare_with_class``, feedback without a key.
- ``newcase``: ``python -m widgets new-case``, a case folder ready for a key.
"""
