"""A folder of hostile files beside the seeds, through the real ``kg build``: each bad file named, the rest built."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from conftest import KG
from govkg.kg.names import text_name
from hostile import without_root_powers, write_hostile_corpus


def test_every_hostile_file_is_named_and_the_seeds_are_built(tmp_path, seeds_dir):
    bad = tmp_path / "bad"
    expected = write_hostile_corpus(bad)  # with a file name in GBK bytes, as Windows zips write them
    shutil.copytree(seeds_dir, tmp_path / "seeds")
    p = subprocess.run(without_root_powers(KG + ["build", "bad", "seeds", "--graph", "g"]), cwd=tmp_path,
                       capture_output=True, text=True, timeout=900)
    assert p.returncode == 3, p.stderr
    assert "Traceback" not in p.stderr
    lines = p.stderr.splitlines()
    named = {}
    for line in lines:
        kind, _, rest = line.partition(": ")
        if kind in ("error", "warning"):
            named[Path(rest.split(": ", 1)[0]).relative_to("bad").as_posix()] = kind
    assert named == {name: "warning" if kind == "warned" else kind for name, kind in expected.items() if kind != "built"}
    reports = {os.path.basename(name) for name, kind in expected.items() if kind in ("built", "warned")}
    assert any(line.startswith(f"Built g: {len(reports) + 5} reports") for line in lines), lines

    q = subprocess.run(KG + ["query", "MATCH (r:Report) RETURN r.file AS file ORDER BY file", "--graph", "g",
                             "--format", "json"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    # A name that is not UTF-8 is stored with its bytes as \xNN, the same in every store.
    assert {row["file"] for row in json.loads(q.stdout)} == {text_name(r) for r in reports} | {f.name for f in seeds_dir.glob("*.txt")}
