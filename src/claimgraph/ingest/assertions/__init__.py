"""What a document claims: sentences and their place (``sentences``, ``structure``), the lexicon of cues (``lexicon``),
wording strength and claim type (``strength``), concepts named (``concepts``), and the drafted assertions
(``claims``)."""

from claimgraph.rq.folder import QueryFolder

QUERIES = QueryFolder(__name__, "queries")
"""What this stage reads from the graph: the lexicon and the concepts the graph knows."""
