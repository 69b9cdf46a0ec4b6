"""The graph step: per-report facts in, one property graph out, and the stores it lives in.

:mod:`~govkg.kg.graph` links the facts into a ``networkx.MultiDiGraph``,
:mod:`~govkg.kg.store` keeps it in a graph folder (``graph.json`` and the
embedded LadybugDB), :mod:`~govkg.kg.neo4j_store` pushes it to Neo4j,
:mod:`~govkg.kg.export` writes GraphML, GEXF, node-link JSON and neo4j-admin
CSV, :mod:`~govkg.kg.analysis` computes the shared-initiative networks, and
:mod:`~govkg.kg.cli` is the ``kg`` command line over all of them. A notebook
starts from :func:`govkg.open`.
"""
