"""The ``kg`` command line: a thin layer, one module per command.

Each command parses its options and calls one library function (``kg
query``, ``kg shared`` and ``kg similar`` call :class:`govkg.Graph`, which a
notebook gets from :func:`govkg.open`); options several commands take are
declared once in :mod:`govkg.kg.cli.options`; the project's own errors, which
a user can fix, become one-line messages and a non-zero exit
(:mod:`govkg.kg.cli.errors`).
"""
from __future__ import annotations

import click
from govkg.kg.cli.build import build_command
from govkg.kg.cli.candidates import candidates_command
from govkg.kg.cli.eval import eval_command
from govkg.kg.cli.export import export_command
from govkg.kg.cli.push import push
from govkg.kg.cli.query import query_command, shared_command
from govkg.kg.cli.similar import similar_command
from govkg.kg.cli.viz import viz_command

__all__ = ["main"]

EXIT_CODES = """Exit codes: 0 success; 1 error (bad input, missing graph, query error);
2 usage error; 3 build finished but some files could not be read."""


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}, epilog=EXIT_CODES)
@click.version_option(package_name="govkg")
def main() -> None:
    """govkg: a knowledge graph of governance initiatives in Chinese
    rule-of-law government reports (法治政府建设情况报告).

    \b
    Example:
      kg build reports/ --graph g && kg shared 法律明白人 --graph g

    \b
    The same from Python (see the README):
      import govkg; govkg.open("g").shared("法律明白人")
    """


main.add_command(build_command)
main.add_command(query_command)
main.add_command(shared_command)
main.add_command(viz_command)
main.add_command(similar_command)
main.add_command(export_command)
main.add_command(push)
main.add_command(candidates_command)
main.add_command(eval_command)
