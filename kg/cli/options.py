"""Options that several commands share, declared once: ``--graph``, the network
options and the Neo4j connection.

Each is a decorator, so a command reads like the list of its options, and an
option means the same, with the same default, wherever it appears. Option
names match the keyword names of :class:`govkg.Graph`'s methods.

>>> @click.command()
... @graph_option()
... @network_options()
... def show(graph_dir: str, weight: str, status: str | None, top_k: int, min_weight: float | None) -> None:
...     click.echo(f"{graph_dir} {weight} {status} {top_k} {min_weight}")
>>> from click.testing import CliRunner
>>> CliRunner().invoke(show, ["--graph", "g"]).output
'g jaccard None 5 None\\n'
"""
from __future__ import annotations

import logging
import os
import warnings
from typing import Callable, TypeVar

import click
from govkg.kg.analysis import STATUS_TYPES, WEIGHTS

__all__ = ["graph_option", "network_options", "neo4j_options", "neo4j_settings", "DEFAULT_WEIGHT", "DEFAULT_TOP_K",
           "DEFAULT_URI", "DEFAULT_USER"]

F = TypeVar("F", bound=Callable[..., object])

#: Link weight of every network and of similarity, unless ``--weight`` says otherwise.
DEFAULT_WEIGHT = "jaccard"
#: Each region keeps its this many strongest links, unless ``--top-k`` says otherwise (0: all).
DEFAULT_TOP_K = 5
#: Where ``kg push`` and ``kg query --neo4j`` connect when ``NEO4J_URI`` / ``NEO4J_USER`` are not set.
DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"


def graph_option(required: bool = True, help: str = "The graph folder built by kg build.") -> Callable[[F], F]:
    """``--graph DIR`` (the keyword ``graph_dir``)."""
    return click.option("--graph", "graph_dir", required=required, type=click.Path(file_okay=False), help=help)


def network_options(prune: bool = True) -> Callable[[F], F]:
    """``--weight`` and ``--status``, and with ``prune`` ``--top-k`` and ``--min-weight``.

    ``status`` is ``None`` when not given: each command then counts what it
    counts by default (implemented programs; ``kg viz``'s program and region
    views show plans too).
    """

    def decorate(f: F) -> F:
        if prune:
            f = click.option("--min-weight", "min_weight", type=float, default=None,
                             help="Drop links lighter than this.")(f)
            f = click.option("--top-k", "top_k", type=click.IntRange(min=0), default=DEFAULT_TOP_K, show_default=True,
                             help="Keep each node's k strongest links (0: all). For kg viz --view timeline, "
                                  "the k most adopted programs.")(f)
        f = click.option("--status", type=click.Choice(sorted(STATUS_TYPES)), default=None,
                         help="Which programs count  [default: implemented; kg viz's program and region views: any]")(f)
        return click.option("--weight", type=click.Choice(WEIGHTS), default=DEFAULT_WEIGHT, show_default=True,
                            help="Link weight: shared count, Jaccard, overlap, or inverse frequency "
                                 "(rare programs count more).")(f)

    return decorate


def neo4j_options(choose_store: bool = False) -> Callable[[F], F]:
    """``--database``, and with ``choose_store`` the ``--neo4j`` switch (keyword ``use_neo4j``).

    The server, user and password come from the environment: :func:`neo4j_settings`.
    """

    def decorate(f: F) -> F:
        f = click.option("--database", default=None,
                         help="Neo4j database; default: the server's default.")(f)
        if choose_store:
            f = click.option("--neo4j", "use_neo4j", is_flag=True,
                             help="Run against the Neo4j server in NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD "
                                  "instead of the embedded store.")(f)
        return f

    return decorate


def neo4j_settings() -> tuple[str, str, str]:
    """``NEO4J_URI``, ``NEO4J_USER`` and ``NEO4J_PASSWORD``, checked, with the driver made quiet.

    The driver logs a lost connection and each retry of a failed batch
    (``[#1F2A] _: <CONNECTION> error: Failed to read from defunct
    connection ...``) on stderr, ahead of the one-line error that says the
    same and what to do; on the command line its logging and warnings are
    silenced, so that line is all the user sees.

    Raises
    ------
    click.ClickException
        If ``NEO4J_PASSWORD`` is not set, or ``NEO4J_URI`` is not a Bolt address.
    """
    from govkg.kg.neo4j_store import Neo4jError, check_uri

    uri = os.environ.get("NEO4J_URI") or DEFAULT_URI
    user = os.environ.get("NEO4J_USER") or DEFAULT_USER
    password = os.environ.get("NEO4J_PASSWORD")
    if not password:
        raise click.ClickException(
            f"set NEO4J_PASSWORD to the password of Neo4j user {user!r} "
            "(the server from make neo4j-up uses govkg-dev-password)"
        )
    try:
        check_uri(uri)
    except Neo4jError as exc:
        raise click.ClickException(str(exc)) from None
    logging.getLogger("neo4j").setLevel(logging.CRITICAL + 1)
    warnings.filterwarnings("ignore", module=r"neo4j(\.|$)")
    from neo4j.warnings import Neo4jWarning

    warnings.filterwarnings("ignore", category=Neo4jWarning)
    return uri, user, password
