"""The fault suite (issue 12): what a real class and a mischievous student do to saved work and to the class report.

Each test names the fault it keeps fixed: two kernels saving at once, a full disk, read-only folders, symlinks,
FIFOs and devices, forged and future-dated hand-ins, broken characters, pathological sizes, and every command-line
path that once gave a traceback.
"""
import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from widgets.core import fileio, storage
from widgets.classroom import submission as sub
from widgets.classroom.results import class_results
from widgets.classroom.results_cli import main as results_main
from widgets.classroom.submission import read_folder
from widgets.exercises.fact_opinion import FactOpinionSorter
from widgets.exercises.responses import FreeResponse

ROOT = Path(__file__).resolve().parents[2]
FO = {"label": "fact", "sourcing": "none"}


# ---------------------------------------------------------------------------------------------- helpers

@contextmanager
def read_only(folder: Path):
    """Make `folder` truly read-only, also for root (chattr +i), and undo it afterwards."""
    if os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
        if done.returncode != 0:
            pytest.skip("cannot make a folder read-only as root here (chattr +i refused)")
        try:
            yield folder
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(mode)


def run_with_timeout(function, seconds=20):
    """Call `function()` in a thread; fail (instead of hanging the suite) when it does not return in time."""
    result = {}

    def target():
        try:
            result["value"] = function()
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            result["error"] = error
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"did not return within {seconds} s (hung)"
    if "error" in result:
        raise result["error"]
    return result["value"]


def submission(student="Ada", case="case-min", created=None, answers=None, **extra):
    created = created or datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=5)
    answers = {"h": FO} if answers is None else answers
    doc = {"format": "fprl-submission", "version": 1, "student": student, "case": case, "kit_version": "0.1.0",
           "created": created.isoformat(), "exercises": {"fact_opinion": {"answers": answers}}}
    doc.update(extra)
    return doc


def put(folder, name, document):
    path = folder / name
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path


def on_disk(work, student, case_id="c"):
    return json.loads((work / f"{storage.student_slug(student)}__{case_id}.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------------- 1. two kernels, one student

WRITER = textwrap.dedent("""
    import json, os, sys, time, random
    from widgets.core.storage import WorkFile
    tag, count, start = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    while not os.path.exists(start):
        time.sleep(0.001)
    work = WorkFile("Ada", "c")
    for i in range(count):
        work.record("fact_opinion", f"{tag}{i}", {"label": "fact", "sourcing": "named"})
        work.record("responses", "shared", f"{tag} {i}")
    print(json.dumps(work.answered_at("responses")["shared"]))
""")


def run_two_kernels(work, count):
    start = work / "go"
    env = dict(os.environ, KIT_WORK_DIR=str(work))
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, tag, str(count), str(start)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for tag in ("a", "b")]
    start.write_text("go")
    outputs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _out, err in outputs]
    return [json.loads(out) for out, _err in outputs]


def test_two_kernels_answering_at_once_lose_nothing(work):
    """Issue 12, 1: back to back, 400 answers kept only 205-210. Now every answer of both processes is on disk."""
    count = 150
    last_shared = run_two_kernels(work, count)
    data = on_disk(work, "Ada")
    answers = data["exercises"]["fact_opinion"]["answers"]
    assert len(answers) == 2 * count
    assert set(answers) == {f"{tag}{i}" for tag in "ab" for i in range(count)}
    # The answer both kernels kept changing holds the newest of the two final answers.
    assert data["exercises"]["responses"]["answered_at"]["shared"] == max(last_shared)
    assert not list(work.glob("*.tmp"))


def test_failed_save_is_retried_and_status_counts_the_disk(case, work, monkeypatch):
    """Issue 12, 2: after a disk-full error the next save wrote only its own answer, and the status counted memory."""
    sorter = FactOpinionSorter(case, student="Ada")
    ids = sorter.items
    sorter.answer(ids[0], FO)
    real_fsync = fileio.os.fsync

    def disk_full(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(fileio.os, "fsync", disk_full)
    sorter.answer(ids[1], FO)
    sorter.answer(ids[2], FO)
    assert "disk is full" in sorter.status.value and f"1 of {len(ids)} are in the file" in sorter.status.value
    assert set(on_disk(work, "Ada", case.id)["exercises"]["fact_opinion"]["answers"]) == {ids[0]}
    assert not list(work.glob("*.tmp"))
    monkeypatch.setattr(fileio.os, "fsync", real_fsync)
    sorter.answer(ids[3], FO)
    saved = on_disk(work, "Ada", case.id)["exercises"]["fact_opinion"]["answers"]
    assert set(saved) == set(ids[:4])                       # the two failed answers were written again
    assert f"Saved (4 of {len(ids)} answered)" in sorter.status.value


def test_kill_during_saving_leaves_valid_json_and_stale_temps_are_cleaned(work):
    """Held up: kill -9 mid-save leaves valid JSON. Fixed: the .tmp files it leaves are cleaned on start."""
    script = textwrap.dedent("""
        from widgets.core.storage import WorkFile
        work = WorkFile("Ada", "c")
        i = 0
        while True:
            work.record("responses", f"r{i % 50}", "x" * 20000)
            i += 1
    """)
    env = dict(os.environ, KIT_WORK_DIR=str(work))
    for delay in (0.4, 0.6, 0.8):
        process = subprocess.Popen([sys.executable, "-c", script], env=env)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
        path = work / f"{storage.student_slug('Ada')}__c.json"
        if path.exists():
            assert storage.work_problem(json.loads(path.read_text()), "Ada", "c") is None
    stale = work / f".{storage.student_slug('Ada')}__c.json.abc123.tmp"
    stale.write_text("half")
    storage.WorkFile("Ada", "c")
    assert not list(work.glob("*.tmp"))


# --------------------------------------------------------------------------------- 3. one student, one file

@pytest.mark.parametrize("first, second", [
    ("Ana 李", "Ana 王"),
    ("A" * 60 + " Smith", "A" * 60 + " Jones"),
])
def test_different_students_never_share_a_file(work, first, second):
    """Issue 12, 3: 'Ana 李' and 'Ana 王' both became 'ana'; so did long names sharing 60 characters."""
    storage.WorkFile(first, "c").record("responses", "x", "first's answer")
    other = storage.WorkFile(second, "c")
    assert other.answers("responses") == {} and other.notice is None
    other.record("responses", "x", "second's answer")
    assert storage.WorkFile(first, "c").answers("responses") == {"x": "first's answer"}
    assert len(list(work.glob("*__c.json"))) == 2


@pytest.mark.parametrize("name", ["\u202eadA", "Ada\u200b", "A\u200dda", "\ufeffAda", "Ada\u2066"])
def test_names_with_invisible_characters_are_refused(work, name):
    with pytest.raises(ValueError, match="invisible characters"):
        storage.set_student(name)
    with pytest.raises(ValueError, match="invisible characters"):
        storage.WorkFile(name, "c")
    assert storage.student_key(name) != storage.student_key("Ana")


def test_hand_in_names_made_in_the_same_second_never_collide(case, tmp_path, monkeypatch):
    """Issue 12, 3: two hand-ins in the same second got the same name, so copying both into one folder lost one."""
    from widgets.classroom import handin
    frozen = datetime(2026, 11, 29, 10, 0, 0, tzinfo=timezone.utc)
    monkeypatch.setattr(handin, "utc_timestamp", lambda: frozen)
    names = set()
    for machine in ("one", "two"):
        monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path / machine))
        FactOpinionSorter(case, student="Ada").answer("h", FO)
        names.add(handin.hand_in(case, student="Ada").name)
    assert len(names) == 2


def test_old_slug_only_save_file_is_still_found_and_renamed(work):
    """Backward compatibility: a save file from an older kit (work/ada__c.json) is found for 'Ada'."""
    old = {"format": "fprl-work", "version": 1, "student": "Ada", "case": "c", "updated": "2026-11-29T10:00:00+00:00",
           "exercises": {"responses": {"answers": {"x": "old answer"},
                                       "answered_at": {"x": "2026-11-29T10:00:00+00:00"}}}}
    (work / "ada__c.json").write_text(json.dumps(old))
    # Another student whose name had the same old slug ("ada") does not get it.
    assert storage.WorkFile("ADA.", "c").answers("responses") == {} and (work / "ada__c.json").exists()
    assert storage.WorkFile("Ada", "c").answers("responses") == {"x": "old answer"}
    assert not (work / "ada__c.json").exists() and (work / f"{storage.student_slug('Ada')}__c.json").exists()


def test_old_file_of_another_student_with_the_same_slug_is_left_alone(work):
    old = {"format": "fprl-work", "version": 1, "student": "Ana 李", "case": "c", "updated": "2026-11-29T10:00:00+00:00",
           "exercises": {"responses": {"answers": {"x": "Ana Li's"}, "answered_at": {}}}}
    (work / "ana__c.json").write_text(json.dumps(old))
    wang = storage.WorkFile("Ana 王", "c")
    assert wang.answers("responses") == {} and wang.notice is None
    assert json.loads((work / "ana__c.json").read_text())["student"] == "Ana 李"
    assert storage.WorkFile("Ana 李", "c").answers("responses") == {"x": "Ana Li's"}


# --------------------------------------------------------------------------- 7. half an emoji

def test_lone_surrogate_in_a_free_text_answer_is_saved_without_temp_files(case, work):
    """Issue 12, 7: the codec error escaped the save code, and every keystroke left an orphan .tmp file."""
    box = FreeResponse(case, "headline", "Rewrite the headline.", student="Ada")
    item = box.items[0]
    for text in ("I think \ud83d", "I think \ud83d\ude00 yes", "ok"):
        box.answer(item, text)
    assert not list(work.glob("*.tmp")) and not list(work.glob(".*.tmp"))
    assert on_disk(work, "Ada", case.id)["exercises"]["responses"]["answers"][item] == "ok"
    box.answer(item, "half \ud83d")
    assert on_disk(work, "Ada", case.id)["exercises"]["responses"]["answers"][item] == "half \ufffd"
    assert "Could not save" not in box.status.value


def test_lone_surrogate_in_a_name_is_a_plain_error(work):
    with pytest.raises(ValueError, match="broken character"):
        storage.set_student("Ada \ud83d")
    assert storage.current_student() == "anonymous"


def test_verdict_answer_locked_in_memory_is_on_disk(case, work):
    from widgets.exercises.claims import ClaimMarker
    verdicts = ClaimMarker(case, student="Ada", mode="verdict")
    verdicts.answer(verdicts.items[0], "supported")
    assert verdicts.items[0] in on_disk(work, "Ada", case.id)["exercises"]["verdicts"]["answers"]


# ------------------------------------------------------------------------ 8. read-only and odd save files

def test_corrupt_save_file_in_a_read_only_folder(case, work):
    """Issue 12, 8: PermissionError out of the constructor and out of hand_in."""
    from widgets.classroom.handin import hand_in
    from widgets.views.handin import HandInButton
    (work / f"{storage.student_slug('Ada')}__{case.id}.json").write_text("{broken")
    with read_only(work):
        sorter = FactOpinionSorter(case, student="Ada")
        assert "could not be moved aside" in sorter.status.value and "KIT_WORK_DIR" in sorter.status.value
        sorter.answer(sorter.items[0], FO)                      # kept in memory, never over the bad file
        assert "Could not save" in sorter.status.value
        with pytest.raises(ValueError, match="could not be used"):
            hand_in(case, student="Ada")
        button = HandInButton(case, student="Ada")
        button.click()
        assert "Not handed in" in button.status.value
    assert (work / f"{storage.student_slug('Ada')}__{case.id}.json").read_text() == "{broken"


def test_read_only_work_folder_gives_a_message_not_a_traceback(case, work):
    with read_only(work):
        sorter = FactOpinionSorter(case, student="Ada")
        sorter.answer(sorter.items[0], FO)
        assert "read-only" in sorter.status.value and "KIT_WORK_DIR" in sorter.status.value
        with pytest.raises(storage.StorageError, match="read-only"):
            storage.set_student("Ada")


def test_work_folder_that_cannot_be_created(case, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("KIT_WORK_DIR", str(blocker / "work"))
    sorter = FactOpinionSorter(case, student="Ada")
    sorter.answer(sorter.items[0], FO)
    assert "KIT_WORK_DIR" in sorter.status.value
    assert storage.current_student() == "anonymous"


@pytest.mark.parametrize("content, reason", [
    ("[" * 100_000 + "]" * 100_000, "nested"),
    ('{"format": "fprl-work", "version": 1, "student": "Ada", "case": "c", "exercises": {"x": {"answers": '
     '{"a": "\\ud800"}}}}', "broken character"),
])
def test_pathological_save_file_is_set_aside(work, content, reason):
    path = work / f"{storage.student_slug('Ada')}__c.json"
    path.write_text(content)
    saved = storage.WorkFile("Ada", "c")
    assert reason in saved.notice and not path.exists()
    assert [p.read_text() for p in work.glob("*.corrupt-*")] == [content]


def test_save_file_that_is_a_symlink_or_fifo_is_set_aside(work):
    path = work / f"{storage.student_slug('Ada')}__c.json"
    path.symlink_to("/dev/zero")
    saved = run_with_timeout(lambda: storage.WorkFile("Ada", "c"))
    assert "symbolic link" in saved.notice
    os.mkfifo(path)
    saved = run_with_timeout(lambda: storage.WorkFile("Ada", "c"))
    assert "FIFO" in saved.notice


# ------------------------------------------------------------------ 4-6. a report no file can break

def test_forged_future_dated_file_never_replaces_a_real_hand_in(tmp_path):
    """Issue 12, 4: a file claiming "ada" dated 2099 replaced Ada's real hand-in, and Ada scored 0."""
    put(tmp_path, "ada-real.json", submission("Ada"))
    put(tmp_path, "forged.json", submission("ada", created=datetime(2099, 1, 1, tzinfo=timezone.utc), answers={}))
    contents = read_folder(tmp_path)
    assert [s.name for s in contents.accepted] == ["ada-real.json"]
    flagged = {f.name: f.reason for f in contents.flagged}
    assert "dated in the future (2099-01-01" in flagged["forged.json"]
    assert "different spellings" in flagged["ada-real.json"]          # both are shown to the instructor
    assert "not counted: dated in the future" in {r.name: r.reason for r in contents.superseded}["forged.json"]


def test_bidi_override_name_is_shown_as_written_and_flagged(tmp_path):
    """Issue 12, 4: "\\u202eadA" displayed as "Ada" and mapped to Ada's file."""
    put(tmp_path, "ada.json", submission("Ada"))
    put(tmp_path, "rlo.json", submission("\u202eadA", created=datetime.now(timezone.utc) - timedelta(minutes=1)))
    contents = read_folder(tmp_path)
    flagged = {f.name: f.reason for f in contents.flagged}
    assert "invisible characters" in flagged["rlo.json"] and "'adA'" in flagged["rlo.json"]
    assert "different spellings" in flagged["ada.json"]
    assert [s.name for s in contents.accepted] == ["ada.json"]    # later, but a forged-looking name never wins
    html = class_results(tmp_path).to_html()
    assert "\u202e" not in html and "Files to check" in html


def test_a_decoy_case_never_decides_the_report(tmp_path, capsys):
    """Issue 12, 4: four files for a made-up case outnumbered three real ones and the report covered the decoy."""
    for n in range(3):
        put(tmp_path, f"real{n}.json", submission(f"Student {n}"))
    for n in range(4):
        put(tmp_path, f"decoy{n}.json", submission(f"Fake {n}", case="made-up"))
    with pytest.raises(sub.SeveralCasesError, match=r"case-min \(3 files\); made-up \(4 files\)"):
        class_results(tmp_path)
    out = tmp_path.parent / "r.html"
    assert results_main(["results", str(tmp_path), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "2 cases" in err and "--case" in err and "Traceback" not in err and not out.exists()
    results = class_results(tmp_path, case=ROOT / "tests" / "fixtures" / "case_min")
    assert len(results.students) == 3 and len(results.rejected) == 4


def test_symlink_fifo_and_device_are_refused_without_hanging(tmp_path):
    """Issue 12, 5: x.json -> /dev/zero was read without limit (2.6 GB); a FIFO hung the report for good."""
    put(tmp_path, "good.json", submission("Ada"))
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.json")
    try:
        os.mknod(tmp_path / "device.json", stat.S_IFCHR | 0o600, os.makedev(1, 5))   # like /dev/zero
    except OSError:
        pass                                                    # no permission to make devices: two kinds only
    contents = run_with_timeout(lambda: read_folder(tmp_path))
    rejected = {r.name: r.reason for r in contents.rejected}
    assert "symbolic link" in rejected["zero.json"]
    assert "FIFO" in rejected["pipe.json"]
    if (tmp_path / "device.json").exists():
        assert "device" in rejected["device.json"]
    assert [s.name for s in contents.accepted] == ["good.json"]


def test_file_growing_past_the_limit_is_read_only_to_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(sub, "MAX_SUBMISSION_BYTES", 1000)
    put(tmp_path, "big.json", json.dumps(submission("Ada", answers={f"s{i}": FO for i in range(100)})))
    with pytest.raises(sub.SubmissionError, match="too large"):
        sub.read_submission(tmp_path / "big.json")


@pytest.mark.parametrize("document, reason", [
    ('{"format": "fprl-submission", "student": "\\ud800"}', "broken character"),
    ("[" * 100_000 + "]" * 100_000, "nested more than"),
    (json.dumps(submission("Ada", answers={"h": {"label": "fact"}}, extra={"\ud800": 1}),
                ensure_ascii=True), "broken character"),
])
def test_schema_breaking_content_is_a_listed_rejection(tmp_path, document, reason):
    """Issue 12, 6: a lone surrogate made the report exit 2 without naming the file; deep nesting crashed it."""
    put(tmp_path, "good.json", submission("Ada"))
    put(tmp_path, "bad.json", document)
    contents = read_folder(tmp_path)
    assert reason in {r.name: r.reason for r in contents.rejected}["bad.json"]
    assert [s.name for s in contents.accepted] == ["good.json"]


def test_wrong_types_where_strings_belong_never_crash_the_report(tmp_path, case):
    """Issue 12, 6: {"h": {"label": ["fact"]}} gave a TypeError (unhashable) and stopped the report."""
    odd = {"h": {"label": ["fact"]}, "p1s1": {"label": {"x": 1}, "sourcing": []}, "p1s2": 7, "p2s1": None}
    put(tmp_path, "odd.json", submission("Odd", answers=odd))
    put(tmp_path, "good.json", submission("Ada"))
    for chosen in (None, case):
        results = class_results(tmp_path, case=chosen)
        assert sorted(results.students) == ["Ada", "Odd"]
        assert results.to_html()


def test_mathtext_in_a_sentence_id_is_shown_as_written(tmp_path):
    """Issue 12, 6: a sentence id such as "$\\undefinedmacro$" in a keyless report gave a mathtext traceback."""
    put(tmp_path, "a.json", submission("Ada", case="made-up", answers={"$\\undefinedmacro$": FO, "h": FO}))
    put(tmp_path, "b.json", submission("Bob", case="made-up", answers={"$\\undefinedmacro$": FO}))
    html = class_results(tmp_path).to_html()
    assert "$\\undefinedmacro$" in html and 'role="img"' in html   # HTML bars: no math text to trip on


def test_keyless_report_is_bounded_and_the_sentences_csv_has_everything(tmp_path):
    """Issue 12, 8: 20,000 sentence ids took over 150 s and 3.2 GB."""
    answers = {f"s{i}": FO for i in range(20_000)}
    put(tmp_path, "a.json", submission("Ada", case="made-up", answers=answers))
    put(tmp_path, "b.json", submission("Bob", case="made-up", answers=dict(list(answers.items())[:50])))
    results = class_results(tmp_path)
    assert len(results.sentences) == 100 and len(results.all_sentences) == 20_000
    assert results.hidden_items == 19_900 and "s0" in {s.id for s in results.sentences}
    assert "most answered of 20000" in results.to_html()
    out = results.write_sentences_csv(tmp_path.parent / "sentences.csv")
    assert len(out.read_text().splitlines()) == 20_001


# ------------------------------------------------------------------------------- command-line paths

def run_cli(*args, cwd=None):
    env = dict(os.environ)
    return subprocess.run([sys.executable, "-m", "widgets", *map(str, args)], capture_output=True, text=True,
                          timeout=120, cwd=cwd, env=env)


@pytest.fixture
def class_folder(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    put(folder, "ada.json", submission("Ada"))
    return folder


@pytest.mark.parametrize("option", ["--out", "--csv", "--items-csv", "--sentences-csv"])
@pytest.mark.parametrize("where", ["missing-folder", "a-folder", "read-only"])
def test_results_bad_output_paths(class_folder, tmp_path, option, where):
    """Issue 12, 8: `results --out /nonexistent/r.html` and `--csv SOMEDIR` gave raw tracebacks."""
    target = {"missing-folder": tmp_path / "nope" / "r.out", "a-folder": tmp_path,
              "read-only": tmp_path / "ro" / "r.out"}[where]
    (tmp_path / "ro").mkdir()
    args = ["results", class_folder, "--case", ROOT / "tests" / "fixtures" / "case_min"]
    args += [option, target] if option == "--out" else ["--out", tmp_path / "r.html", option, target]
    with read_only(tmp_path / "ro"):
        done = run_cli(*args)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and option in lines[0], done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "r.html").exists()                   # nothing half-written


def test_results_on_a_folder_of_traps_names_each_file(class_folder):
    (class_folder / "zero.json").symlink_to("/dev/zero")
    os.mkfifo(class_folder / "pipe.json")
    put(class_folder, "surrogate.json", '{"student": "\\udc00"}')
    put(class_folder, "deep.json", "[" * 200_000 + "]" * 200_000)
    done = run_cli("results", class_folder, "--out", class_folder.parent / "r.html")
    assert done.returncode == 0, done.stderr
    assert "4 files left out" in done.stdout and "Traceback" not in done.stderr
    report = (class_folder.parent / "r.html").read_text()
    for name in ("zero.json", "pipe.json", "surrogate.json", "deep.json"):
        assert name in report


def make_case(folder, sentences_yaml):
    folder.mkdir()
    case_min = ROOT / "tests" / "fixtures" / "case_min"
    for path in case_min.iterdir():
        if path.is_file():
            (folder / path.name).write_bytes(path.read_bytes())
    (folder / "sentences.yaml").write_text(sentences_yaml, encoding="utf-8")
    return folder


@pytest.mark.parametrize("content, message", [
    ("# padding\n" * 600_000, "too large: 6,000,000 bytes"),
    ("[" * 998 + "]" * 998, "nested"),
    ('- id: h\n  text: "\\ud800"\n', "invalid Unicode character"),
])
def test_validate_gives_one_plain_message(tmp_path, content, message):
    """Issue 12, 8: 100 MB of YAML took 171 s and 5.5 GB; YAML nested 998 deep gave a RecursionError."""
    folder = make_case(tmp_path / "case", content)
    done = run_cli("validate", folder)
    assert done.returncode == 1 and message in done.stdout, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "alias" not in done.stdout


def test_new_case_refuses_an_oversized_article_at_once(tmp_path):
    """Issue 12, 8: a 1.9 MB article failed after 34 s with a wrong 'alias' message naming a vanished folder."""
    article = tmp_path / "long.txt"
    article.write_text("A Headline\n\n" + "The minister spoke on Monday. " * 7_000, encoding="utf-8")
    done = run_cli("new-case", article, "--out", tmp_path / "case")
    assert done.returncode == 1 and "larger than 200,000 bytes" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "case").exists() and [p.name for p in tmp_path.iterdir()] == ["long.txt"]


def test_new_case_into_a_read_only_folder(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("A Headline\n\nThe minister spoke on Monday.\n", encoding="utf-8")
    (tmp_path / "ro").mkdir()
    with read_only(tmp_path / "ro"):
        done = run_cli("new-case", article, "--out", tmp_path / "ro" / "case")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_report_keeps_students_whose_names_once_shared_a_slug(tmp_path):
    """Issue 12, 3: in the class report (keyed like the save files) one of 'Ana 李' and 'Ana 王' dropped out as
    superseded."""
    put(tmp_path, "li.json", submission("Ana 李", created=datetime(2026, 11, 29, 10, tzinfo=timezone.utc)))
    put(tmp_path, "wang.json", submission("Ana 王", created=datetime(2026, 11, 29, 11, tzinfo=timezone.utc),
                                          answers={"h": {"label": "opinion", "sourcing": "none"}}))
    results = class_results(tmp_path)
    assert sorted(results.students) == ["Ana 李", "Ana 王"] and not results.superseded and not results.flagged
