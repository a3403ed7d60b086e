"""Ingest: a document (HTML page, PDF, text) → an archived text copy → a draft of its claims and citations.

The stages, each a module usable on its own: ``extract`` (text and metadata) → ``archive`` (the copy quotes
are anchored to) → ``sentences``, ``strength``, ``concepts``, ``claims`` and ``citations`` (detectors) →
``studies`` (matching citations to known studies) → ``draft`` (the Turtle a reviewer edits) → ``review`` (an
offline HTML page) → ``accept`` (SHACL and quotes checked, records written to ``graphs/``). The shared data
types are in ``model``.
"""
