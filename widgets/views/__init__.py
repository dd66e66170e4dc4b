"""Views shared by the exercises and the lessons: the article, the teacher's key views, two spins side by side, the
hand-in button, the cue view, the kit's stylesheet and keyboard layer (access.py, access.js), and the answer events.
"""
