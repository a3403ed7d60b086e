"""Review and accept: the offline review page (``page``, quotes located by ``anchor``) and ``accept``, which checks a
draft and writes it into ``graphs/``."""

from claimgraph.rq.folder import QueryFolder

QUERIES = QueryFolder(__name__, "queries")
"""What this stage reads from the graph: a draft's assertions, mentions and records."""
