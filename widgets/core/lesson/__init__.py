"""The lessons' pure helpers: the plan in each notebook's metadata, the header's time box, primary passages.

``widgets.lesson`` re-exports these beside the lesson widgets.
"""
