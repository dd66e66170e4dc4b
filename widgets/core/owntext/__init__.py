"""Your own article: the kit's exercises on any text (the pure part; the cue view is widgets/views/cues.py and the
comparison with the class widgets/classroom/compare.py).

- ``from_text.case_from_text(text, title=None, url=None)``: a keyless Case from pasted text or UTF-8 bytes.
- ``splitting``: the headline, paragraph and sentence splitter (linear, rules written down in its docstring).
- ``cue_rules`` and ``cue_finding``: rule-based cues (word lists with their sources in ``cue_words.yaml``).
- ``newcase``: ``python -m widgets new-case``, a case folder ready for a key.
"""
