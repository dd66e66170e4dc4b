"""The core layer: the case model and its loading, the students' work files, grading, text and HTML rendering.

Nothing here imports ipywidgets, anywidget, traitlets or IPython (the import-linter contracts in pyproject.toml
check it), so a script, a test or the hub service can use it without a kernel.
"""
