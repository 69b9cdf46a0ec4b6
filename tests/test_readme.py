"""The README's Python examples run, against the seed graph, and print what the README says."""
import doctest
import re
import subprocess

from conftest import KG, ROOT


def test_readme_python_examples_run(seed_graph, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert len(blocks) >= 2 and all(">>> " in b for b in blocks)
    # The README's graph folder is g, built from the seeds: that is what seed_graph is.
    assert seed_graph.name == "g"
    monkeypatch.chdir(seed_graph.parent)
    # The Parquet example reads what the README's command writes.
    subprocess.run(KG + ["export", "--graph", "g", "--format", "parquet", "-o", "tables"], check=True,
                   capture_output=True)
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    globs: dict = {}
    for i, block in enumerate(blocks):
        test = parser.get_doctest(block, globs, f"README.md python block {i + 1}", "README.md", 0)
        runner.run(test, clear_globs=False)
        globs = test.globs  # the next block goes on from this one, as a reader does
    result = runner.summarize(verbose=False)
    assert result.attempted >= 15 and result.failed == 0, "a README example gave other output (see above)"
