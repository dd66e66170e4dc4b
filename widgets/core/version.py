"""The kit's version (pyproject.toml's [project] version says the same: tests/unit/test_layers.py checks it). Here, in
the core, so that every layer can name it without importing the root package, whose lazy public API loads modules by
name where the import contracts cannot see them."""
__version__ = "0.1.0"
