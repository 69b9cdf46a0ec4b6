"""The Dask engine on a real local cluster of two worker processes: the same bytes as one process."""
import pytest
from conftest import build_files, run_kg

pytest.importorskip("distributed", reason="the dask extra is installed by make .venv")


def test_a_dask_build_gives_the_same_bytes_as_one_process(seeds_dir, tmp_path):
    from distributed import Client, LocalCluster

    one, dask = tmp_path / "one", tmp_path / "dask"
    run_kg("build", str(seeds_dir), "--graph", str(one), "-q")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        run_kg("build", str(seeds_dir), "--graph", str(dask), "-q", "--engine", "dask",
               "--scheduler", cluster.scheduler_address)
        assert len(client.scheduler_info()["workers"]) == 2
        done = client.run_on_scheduler(lambda dask_scheduler: sorted(
            k for k in dask_scheduler.task_prefixes if k.startswith("govkg-partition")))
    a, b = build_files(one), build_files(dask)
    assert a == b and "graph.json" in a and "facts/programs/part-00004.parquet" in a
    assert done == ["govkg-partition"]


def test_an_unreachable_scheduler_is_one_line(seeds_dir, tmp_path):
    p = run_kg("build", str(seeds_dir), "--graph", str(tmp_path / "g"), "--engine", "dask",
               "--scheduler", "tcp://127.0.0.1:9", check=False)
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert p.stderr.startswith("Error: no Dask scheduler answers at tcp://127.0.0.1:9")
    assert not (tmp_path / "g" / "current").exists()
