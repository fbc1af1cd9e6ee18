"""SPARQL: the query library, embedded or on any SPARQL 1.1 store.

``query`` resolves and runs a query (embedded, or through ``endpoint`` on a
remote store), ``results`` writes its answer, ``endpoint`` talks to remote
stores (queries and the atomic push), ``server`` runs a local Oxigraph server.
"""
