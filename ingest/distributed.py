"""Extraction on a Dask cluster: each partition of report files is one Dask task.

:func:`extract_partitions_dask` is :func:`govkg.ingest.pipeline.extract_partitions`
run by Dask's distributed scheduler: every partition becomes a task that
reads, tags and writes its Parquet facts (:func:`~govkg.ingest.pipeline.extract_partition`)
on whichever worker takes it, and the outcomes come back in partition order,
so the facts and the graph are the same, byte for byte, as a one-process
build's. The workers must see the report files and the graph folder at the
same paths (one machine, or a shared file system) and have govkg installed
(``pip install 'govkg[dask]'``).

Without a scheduler address a local cluster is started for the build: one
single-threaded worker process per CPU, stopped when the build ends.

Examples
--------
>>> import tempfile, pathlib
>>> src = pathlib.Path(tempfile.mkdtemp())
>>> _ = (src / "a.txt").write_text("博爱县司法局2023年报告\\n我县推进“八五”普法。", encoding="utf-8")
>>> outcomes = list(extract_partitions_dask([[src / "a.txt"]], tempfile.mkdtemp(), workers=1))  # doctest: +SKIP
>>> outcomes[0].files[0].region  # doctest: +SKIP
True
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from govkg.ingest.pipeline import PartitionOutcome, Then, default_jobs, run_partition
from govkg.ingest.records import Document

__all__ = ["extract_partitions_dask", "DaskUnavailable", "dask_client"]


class DaskUnavailable(RuntimeError):
    """Dask is not installed, or the scheduler cannot be reached; ``str(e)`` says what to do, on one line."""


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A ``distributed.Client`` of the cluster at ``scheduler``, or of a local cluster of ``workers`` processes.

    Raises
    ------
    DaskUnavailable
        If ``distributed`` is not installed or the scheduler does not answer.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DaskUnavailable("the dask engine needs Dask: pip install 'govkg[dask]'") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as e:
            raise DaskUnavailable(f"no Dask scheduler answers at {scheduler} ({type(e).__name__}: "
                                  f"{' '.join(str(e).split())})") from None
        with client:
            yield client
        return
    with LocalCluster(n_workers=workers or default_jobs(), threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def extract_partitions_dask(partitions: Sequence[Sequence[str | Path | Document]], facts_dir: str | Path,
                            manifest: dict[str, dict[str, str]] | None = None, previous: str | Path | None = None,
                            scheduler: str | None = None, progress: Callable[[int, str], None] | None = None,
                            workers: int | None = None, then: Then | None = None) -> Iterator[PartitionOutcome]:
    """:func:`~govkg.ingest.pipeline.extract_partition` of each of ``partitions`` as Dask tasks; outcomes in order.

    ``scheduler`` is the address of an existing cluster's scheduler
    (``tcp://host:8786``); without it a local cluster of ``workers``
    processes (one per CPU) runs the build. The outcomes carry no facts:
    read them from ``facts_dir``. ``then(part, facts)`` runs on the worker, as
    in :func:`~govkg.ingest.pipeline.extract_partitions`; Dask must be able
    to send it (a module-level function, or a ``functools.partial`` of one).
    ``progress(files, last file)`` is called as each partition's outcome is
    taken, in order.

    Raises
    ------
    DaskUnavailable
        If Dask is not installed or the scheduler cannot be reached.
    """
    if not partitions:
        return
    with dask_client(scheduler, workers) as client:
        futures = [client.submit(run_partition, i, list(items), str(facts_dir), manifest,
                                 str(previous) if previous else None, then, key=f"govkg-partition-{i:05d}-{id(partitions)}",
                                 pure=False)
                   for i, items in enumerate(partitions)]
        for future in futures:
            outcome = future.result()
            future.release()
            if progress and outcome.files:
                progress(len(outcome.files), Path(outcome.files[-1].path).name)
            yield outcome
