"""Graph folders: the marker, the atomic switch, recovery, symbolic links and the lock."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from conftest import KG, run_kg
from govkg.kg.build import NothingToBuild, build
from govkg.kg.store import (
    FORMAT,
    GraphBusy,
    NotAGraphFolder,
    build_info,
    graph_folder,
    graph_lock,
    open_graph,
    query_graph,
    save_graph_dir,
)
from graph_fixtures import REPORTS, seed_like_graph


def _one_line_error(p: subprocess.CompletedProcess) -> str:
    assert p.returncode == 1, p.stderr
    assert "Traceback" not in p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1, p.stderr
    return lines[0]


def _report_count(g) -> int:
    return query_graph(g, "MATCH (r:Report) RETURN count(r) AS n")[1][0]["n"]


@pytest.fixture
def built(tmp_path):
    """A graph folder of one build: seven reports."""
    g = tmp_path / "g"
    save_graph_dir(seed_like_graph(), g, {"reports": len(REPORTS)})
    return g


def test_build_json_carries_the_format_marker(tmp_path, seeds_dir):
    g = tmp_path / "g"
    run_kg("build", str(seeds_dir), "--graph", str(g), "-q")
    info = build_info(g)
    assert (info["format"], info["format_version"]) == (FORMAT, 1)
    assert sorted(os.listdir(g)) == [".lock", "build.json", "candidates.jsonl", "current", "facts.jsonl",
                                     "graph.json", "graph.lbug", "versions"]
    out = run_kg("query", "MATCH (r:Report) RETURN count(r) AS n", "--graph", str(g), "--format", "json").stdout
    assert json.loads(out) == [{"n": 5}]


def _folder(path, files: dict[str, str]):
    path.mkdir()
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def _unchanged(path, files: dict[str, str]) -> bool:
    return sorted(os.listdir(path)) == sorted(files) and all(
        (path / name).read_text(encoding="utf-8") == text for name, text in files.items())


def test_kg_build_refuses_a_folder_that_merely_holds_a_build_json(tmp_path, seeds_dir):
    files = {"build.json": '{"reports": 3}', "thesis.docx": "my thesis"}
    g = _folder(tmp_path / "mine", files)
    line = _one_line_error(run_kg("build", str(seeds_dir), "--graph", str(g), check=False))
    assert line == (f"Error: {g} holds files kg build did not write (thesis.docx), which a build would replace; "
                    "give --graph a new or empty folder")
    assert _unchanged(g, files)


@pytest.mark.parametrize("files", [
    {"build.json": '{"name": "some other tool"}'},  # a build.json that is not govkg's
    {"build.json": "not json"},
    {"graph.json": "{}"},                           # govkg's file names, no build.json
    {"notes.txt": "keep me", "graph.json": "{}"},
    {".hidden": ""},
])
def test_a_folder_govkg_did_not_write_is_refused_and_left_alone(tmp_path, files):
    g = _folder(tmp_path / "mine", files)
    with pytest.raises(NotAGraphFolder, match="give --graph a new or empty folder"):
        save_graph_dir(seed_like_graph(), g, {"reports": 0})
    assert _unchanged(g, files)


def test_a_file_given_as_the_graph_folder_is_refused(tmp_path):
    f = tmp_path / "g"
    f.write_text("data", encoding="utf-8")
    with pytest.raises(NotAGraphFolder, match="is a file"):
        save_graph_dir(seed_like_graph(), f, {"reports": 0})
    assert f.read_text(encoding="utf-8") == "data"


def test_a_folder_of_the_flat_layout_becomes_versioned(tmp_path, built):
    # What builds wrote before versions: the files in the folder itself, no marker.
    flat = tmp_path / "flat"
    flat.mkdir()
    for name in ("graph.json", "graph.lbug"):
        shutil.copyfile(built / name, flat / name)
    (flat / "facts.jsonl").write_text("", encoding="utf-8")
    info = {k: v for k, v in build_info(built).items() if k not in ("format", "format_version")}
    (flat / "build.json").write_text(json.dumps(dict(info, pipeline="0123456789abcdef")), encoding="utf-8")
    assert _report_count(flat) == 7  # readable as it is
    G = seed_like_graph()
    G.remove_node("report:004a")
    save_graph_dir(G, flat, {"reports": 6})
    assert os.readlink(flat / "current") == "versions/v000001"
    assert all(os.readlink(flat / n) == f"current/{n}" for n in ("graph.json", "graph.lbug", "build.json"))
    assert not (flat / "facts.jsonl").exists()  # the new build wrote none
    assert _report_count(flat) == 6


@pytest.mark.parametrize("source", ["/dev/null", "/dev/stdin", "unreadable files"])
def test_kg_build_that_reads_no_report_keeps_the_graph_and_fails(tmp_path, built, source):
    before = (built / "graph.json").read_bytes()
    path = source
    if source == "unreadable files":
        path = tmp_path / "bad"
        path.mkdir()
        (path / "a.txt").write_bytes(b"\x00\x01binary")
        (path / "b.txt").write_bytes(b"")
    p = subprocess.run(KG + ["build", str(path), "--graph", str(built)], stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 1 and "Traceback" not in p.stderr
    lines = p.stderr.strip().splitlines()
    # A device or pipe given by name is not read as a report: it is named, with its reason.
    failed = 2 if source == "unreadable files" else 1
    assert lines[-1] == (f"Error: no report was read ({failed} could not be read); "
                         f"the graph at {built} is unchanged (--allow-empty builds an empty graph)")
    assert len(lines) == failed + 1  # each file named, with its reason
    assert (built / "graph.json").read_bytes() == before
    assert os.readlink(built / "current") == "versions/v000001" and _report_count(built) == 7


@pytest.mark.parametrize("source", ["empty folder", "fifo", "unreadable files"])
def test_a_build_that_reads_no_report_keeps_the_graph_unless_allowed(tmp_path, built, source):
    path = tmp_path / "in"
    if source == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    if source == "unreadable files":
        (path / "a.txt").write_bytes(b"\x00\x01binary")
    with pytest.raises(NothingToBuild) as e:
        build([path], built)
    assert e.value.summary.failed == (source != "empty folder")  # a pipe given by name is named, not read
    assert sorted(os.listdir(built / "versions")) == ["v000001"] and _report_count(built) == 7
    summary = build([path], built, allow_empty=True)
    assert (summary.read, _report_count(built)) == (0, 0)


def test_the_switch_is_one_rename_and_the_previous_build_stays_readable(tmp_path, seeds_dir):
    g = tmp_path / "g"
    G = seed_like_graph()
    save_graph_dir(G, g, {"reports": 1})
    first = graph_folder(g)  # a reader that resolved `current` before the next build switched it
    G.remove_node("report:004a")
    save_graph_dir(G, g, {"reports": 2})
    assert os.readlink(g / "current") == "versions/v000002"
    assert "report:004a" in open_graph(first) and "report:004a" not in open_graph(g)
    save_graph_dir(G, g, {"reports": 3})
    assert sorted(os.listdir(g / "versions")) == ["v000002", "v000003"]
    assert build_info(g)["reports"] == 3


def _partial(g, version: str, complete: bool) -> None:
    """The leftovers of a build killed before its switch: a version, with or without its build.json."""
    v = g / "versions" / version
    shutil.copytree(graph_folder(g), v)
    (v / "govkg-copy-x1y2").mkdir()
    if not complete:
        (v / "build.json").unlink()


@pytest.mark.parametrize("state", ["partial version", "complete version not switched to", "link made, not renamed",
                                   "current missing"])
def test_a_build_killed_between_steps_leaves_the_old_graph_and_the_next_one_recovers(tmp_path, seeds_dir, built,
                                                                                      state):
    before = (built / "graph.json").read_bytes()
    if state == "partial version":
        _partial(built, "v000002", complete=False)
    elif state == "complete version not switched to":
        _partial(built, "v000002", complete=True)
    elif state == "link made, not renamed":
        os.symlink("versions/v000002", built / ".current.tmp")
    else:
        # Only a hand could do this; the build the link pointed to must not be lost.
        (built / "current").unlink()
    # Readers still see the old graph (through the links, or the old folder once restored).
    if state != "current missing":
        assert (built / "graph.json").read_bytes() == before and _report_count(built) == 7
    build([seeds_dir], built)
    assert _report_count(built) == 5
    assert sorted(os.listdir(built / "versions")) == ["v000001", "v000002"]
    assert os.readlink(built / "current") == "versions/v000002"
    assert not (built / ".current.tmp").exists() and not list(built.glob("versions/*/govkg-copy-*"))


def test_the_swap_of_an_earlier_govkg_killed_between_its_renames_is_undone(tmp_path, built):
    # Earlier builds renamed the graph to .NAME.old-PID, then the new one into place.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    old = tmp_path / f".g.old-{dead}"
    os.rename(built, old)
    (tmp_path / f".g.building-{dead}").mkdir()
    save_graph_dir(seed_like_graph(), built, {"reports": 7})
    assert sorted(os.listdir(tmp_path)) == ["g"]
    assert sorted(os.listdir(built / "versions")) == ["v000001", "v000002"]  # the restored graph is the previous one


def test_a_symlinked_graph_folder_is_followed(tmp_path, seeds_dir):
    real = tmp_path / "data" / "graph"
    real.parent.mkdir()
    link = tmp_path / "g"
    os.symlink(real, link)  # a dangling link: the first build creates the folder it names
    for _ in range(2):
        build([seeds_dir], link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert sorted(os.listdir(tmp_path)) == ["data", "g"] and sorted(os.listdir(real.parent)) == ["graph"]
    assert _report_count(link) == 5
    assert os.readlink(real / "current") == "versions/v000002"


def test_a_second_build_of_the_same_graph_is_refused(tmp_path, seeds_dir, built):
    with graph_lock(built):
        line = _one_line_error(run_kg("build", str(seeds_dir), "--graph", str(built), check=False))
        assert line == (f"Error: another kg build (pid {os.getpid()}) is writing {built}; wait for it to finish, "
                        "or build into another --graph folder")
    # Released when its holder is done; the pid it leaves in the file blocks nothing.
    build([seeds_dir], built)
    assert _report_count(built) == 5


def test_a_build_running_in_another_process_is_refused(tmp_path, seeds_dir, built):
    many = tmp_path / "many"
    many.mkdir()
    for i in range(60):
        for f in seeds_dir.iterdir():
            (many / f"{i:02d}_{f.name}").write_text(f.read_text(encoding="utf-8") + f"\n{i}\n", encoding="utf-8")
    first = subprocess.Popen(KG + ["build", str(many), "--graph", str(built), "-q"], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 60
        while time.time() < deadline and (built / ".lock").read_text().strip() != str(first.pid):
            time.sleep(0.01)
        with pytest.raises(GraphBusy, match=f"another kg build \\(pid {first.pid}\\) is writing"):
            build([seeds_dir], built)
    finally:
        assert first.wait(timeout=300) == 0, first.stderr.read()
    assert _report_count(built) == 300


def test_a_killed_build_leaks_nothing_and_keeps_the_graph(tmp_path, seeds_dir, built):
    before = (built / "graph.json").read_bytes()
    big = tmp_path / "big"
    big.mkdir()
    for i in range(150):
        for f in seeds_dir.iterdir():
            (big / f"{i:03d}_{f.name}").write_text(f.read_text(encoding="utf-8") + f"\n{i}\n", encoding="utf-8")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = subprocess.Popen(KG + ["build", str(big), "--graph", str(built), "-q"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={**os.environ, "TMPDIR": str(tmp)})
    copy = built / "versions" / "v000002"
    deadline = time.time() + 180
    while time.time() < deadline and not list(copy.glob("govkg-copy-*/*.parquet")):
        time.sleep(0.02)
    assert list(copy.glob("govkg-copy-*/*.parquet")), "the build never reached its store phase"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert os.listdir(tmp) == []  # nothing in the system's temporary folder
    assert (built / "graph.json").read_bytes() == before and _report_count(built) == 7
    # The lock died with its process; the next build clears what the killed one left.
    build([seeds_dir], built)
    assert sorted(os.listdir(built / "versions")) == ["v000001", "v000002"]
    assert not list(built.glob("versions/*/govkg-copy-*")) and not list(tmp_path.glob(".g*"))
