"""The rendering layer: autoescaped templates, one stylesheet with the palette's colours, no ipywidgets."""
import subprocess
import sys

from widgets.core import palette, render, text


def test_html_templates_escape_and_text_templates_do_not():
    environment = render.environment()
    hostile = "<script>alert(1)</script>"
    assert environment.from_string("{{ x }}").render(x=hostile) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert render._autoescape("feedback.html") and render._autoescape("feedback.html.j2")
    assert not render._autoescape("answer_key.md.j2") and not render._autoescape("kit.css")


def test_stylesheet_carries_every_palette_colour_as_a_variable():
    sheet = render.stylesheet()
    for name, colour in palette.OKABE_ITO.items():
        assert f"--fprl-{render.css_name(name)}:{colour};" in sheet
    assert f"--fprl-wrong:{palette.WRONG[2]};" in sheet
    assert ".fprl-quote" in sheet and str(render.style_element()).startswith('<style class="fprl-stylesheet">')


def test_every_class_in_the_stylesheet_is_prefixed():
    import re
    rules = re.sub(r"/\*.*?\*/", "", render.STYLESHEET.read_text(), flags=re.S)      # comments may name modules
    classes = set(re.findall(r"\.([a-zA-Z][\w-]*)", rules))
    assert classes and all(name.startswith("fprl-") for name in classes), sorted(classes)


def test_rendering_loads_no_ipywidgets():
    code = "import sys, widgets.core.render, widgets.core.text; widgets.core.render.stylesheet(); print('ipywidgets' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_text_helpers():
    assert text.plural(1, "word") == "1 word" and text.plural(3, "word") == "3 words"
    assert text.plural(2, "analysis", "analyses") == "2 analyses"
    assert text.slug("Zoë O'Neil") == "zoe-o-neil" and text.slug("中文") == ""
    assert text.escape(None) == "" and text.escape("<b>") == "&lt;b&gt;"
    assert text.shorten("one two three four", 10) == "one two…"
    assert text.shorten_middle("alpha beta gamma delta epsilon", 20).startswith("alpha")


def test_stylesheet_widget_is_hidden_and_holds_the_style():
    from widgets.views.access import StyleSheet
    sheet = StyleSheet()
    assert sheet.layout.display == "none" and sheet.value == render.style_element()


def test_compiled_templates_are_cached_beside_the_bytecode_and_never_break_rendering(tmp_path, monkeypatch):
    env = render.environment()
    source, filename, _ = env.loader.get_source(env, "key_findings.html.j2")

    def bucket(cache):
        found = cache.get_bucket(env, "key_findings.html.j2", filename, source)
        found.code = env.compile(source, "key_findings.html.j2", filename)
        return found

    cache = render._CompiledTemplates(str(tmp_path / "cache"))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    cache.dump_bytecode(bucket(cache))
    assert not (tmp_path / "cache").exists()                    # PYTHONDONTWRITEBYTECODE: nothing written
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    cache.dump_bytecode(bucket(cache))
    assert len(list((tmp_path / "cache").iterdir())) == 1
    cached = cache.get_bucket(env, "key_findings.html.j2", filename, source)
    assert cached.code is not None                              # read back: not compiled again
    assert cache.get_bucket(env, "key_findings.html.j2", filename, source + " ").code is None   # edited: recompiled
    unwritable = render._CompiledTemplates(str(tmp_path / "missing" / "deeper"))
    unwritable.dump_bytecode(bucket(unwritable))                # cannot write: renders anyway, raises nothing
    assert str(render.render("key_findings.html.j2", lines=["<b>"])) == "<p>&lt;b&gt;</p>"
