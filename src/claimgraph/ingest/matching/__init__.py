"""A document's records against the graph: citations to known studies (``studies``) and sentences to known claims
(``linking``)."""

from claimgraph.rq.folder import QueryFolder

QUERIES = QueryFolder(__name__, "queries")
"""What this stage reads from the graph: the claims and studies the graph knows."""
