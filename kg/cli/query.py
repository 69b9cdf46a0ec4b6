"""``kg query`` (Cypher or a named query) and ``kg shared`` (who runs a program): :class:`govkg.Graph`'s
``query``, ``named`` and ``shared``, printed."""
from __future__ import annotations

import click
from govkg.kg.cli.errors import one_line_errors
from govkg.kg.cli.options import graph_option, neo4j_options
from govkg.kg.cli.output import echo_rows, format_option

__all__ = ["query_command", "shared_command"]


def _params(pairs: tuple[str, ...]) -> dict[str, object]:
    out: dict[str, object] = {}
    for p in pairs:
        if "=" not in p:
            raise click.BadParameter(f"{p!r} is not KEY=VALUE", param_hint="--param")
        k, v = p.split("=", 1)
        out[k.strip()] = int(v) if v.strip().lstrip("-").isdigit() and k.strip() in ("year", "limit", "k") else v
    return out


def _on_neo4j(cypher: str, params: dict[str, object], database: str | None) -> tuple[list[str], list[dict]]:
    """Run Cypher on the Neo4j server that ``NEO4J_*`` name."""
    from govkg.kg.cli.options import neo4j_settings
    from govkg.kg.neo4j_store import Neo4jError, query

    uri, user, password = neo4j_settings()
    try:
        return query(cypher, params, uri, user, password, database)
    except Neo4jError as e:
        raise click.ClickException(str(e)) from None


@click.command("query")
@click.argument("cypher", required=False)
@click.option("--name", "name", help="Run a named query from queries/ instead of CYPHER.")
@graph_option(required=False)
@click.option("--param", "-p", "param", multiple=True, metavar="KEY=VALUE", help="A query parameter ($KEY); repeatable.")
@click.option("--list", "list_names", is_flag=True, help="List the named queries and their parameters.")
@click.option("--allow-files", "allow_files", is_flag=True,
              help="Run statements that reach outside the graph: COPY, LOAD, EXPORT/IMPORT DATABASE, INSTALL, "
                   "ATTACH, CALL of anything but catalogue functions.")
@neo4j_options(choose_store=True)
@format_option
def query_command(cypher: str | None, name: str | None, graph_dir: str | None, param: tuple[str, ...],
                  list_names: bool, allow_files: bool, use_neo4j: bool, database: str | None, fmt: str) -> None:
    """Run a Cypher query, or a named one, and print the rows.

    Values come in as parameters ($name), never pasted into the query text.
    With --format json the output is one JSON array of objects keyed by the
    RETURN names. Queries only read the graph: statements that read or
    write files, load extensions or open other databases (COPY ... TO,
    LOAD FROM, LOAD CSV, CALL read_csv_serial(...) ...) are refused unless
    --allow-files is given.

    \b
    Examples:
      kg query "MATCH (r:Region)-[:IMPLEMENTS]->(p:Program) RETURN r.name AS region, p.name AS program" --graph g
      kg query --name programs_shared_by_regions -p a=博爱县 -p b=郏县 --graph g --format json
      kg query --list
    """
    import govkg
    from govkg import queries

    if list_names:
        rows = [{"name": n, "params": ", ".join(queries.load(n).params), "description": queries.load(n).description}
                for n in queries.names()]
        echo_rows(rows, ["name", "params", "description"], fmt, max_width=90)
        return
    params = _params(param)
    if name:
        if cypher:
            raise click.UsageError("give either CYPHER or --name, not both")
        with one_line_errors():
            q = queries.load(name)
        missing = [p for p in q.params if p not in params]
        if missing:
            raise click.UsageError(f"query {name!r} needs {', '.join('--param ' + m + '=...' for m in missing)}")
    elif not cypher:
        raise click.UsageError("give a CYPHER query or --name NAME (see kg query --list)")
    if use_neo4j:
        with one_line_errors():
            if name and "program" in q.params and graph_dir and not str(params["program"]).startswith("program:"):
                params["program"] = govkg.open(graph_dir).program_id(str(params["program"]))
            if not name and not allow_files:
                from govkg.queries.file_access import check_file_access

                check_file_access(cypher, "neo4j")  # type: ignore[arg-type]
        columns, rows = _on_neo4j(q.text if name else cypher, params, database)  # type: ignore[arg-type]
        if name:
            rows = q.arrange(rows)
    else:
        if graph_dir is None:
            raise click.UsageError("give --graph DIR (or --neo4j)")
        with one_line_errors():
            g = govkg.open(graph_dir)
            answer = g.named(name, **params) if name else g.query(cypher, allow_files=allow_files, **params)  # type: ignore[arg-type]
        columns, rows = answer.columns, answer
    echo_rows(rows, columns, fmt)


@click.command("shared")
@click.argument("program")
@graph_option()
@click.option("--planned", is_flag=True, help="List the regions that only plan the program instead.")
@format_option
def shared_command(program: str, graph_dir: str, planned: bool, fmt: str) -> None:
    """The regions that share a program, with year and evidence.

    PROGRAM is a program's Chinese name, an alias, its English name or its id;
    quotes and bracket widths do not matter (“八五”普法 = 八五普法). A region
    marked ambiguous is a township whose name several counties hold, and
    whose report did not say which. Reports that name no region are counted
    after the table (on stderr with --format json or csv).

    \b
    Example:
      kg shared 法律明白人 --graph out/seeds
    """
    import govkg

    with one_line_errors():
        g = govkg.open(graph_dir)
        rows = g.shared(program, planned=planned)
        unplaced = g.reports_without_region(program, planned=planned)
    echo_rows(rows, rows.columns, fmt)
    files = sorted({r["file"] for r in unplaced})
    if files:
        shown = ", ".join(files[:5]) + (", ..." if len(files) > 5 else "")
        click.echo(f"and {len(files)} {'report' if len(files) == 1 else 'reports'} with no region: {shown}",
                   err=fmt != "table")
