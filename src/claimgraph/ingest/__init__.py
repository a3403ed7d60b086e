"""Ingest: a document (HTML page, PDF, text) → an archived text copy → a draft of its claims and citations.

One subpackage per stage, in the order a document goes through them (:mod:`.pipeline` runs them):
``read`` (text, metadata, the archived copy) → ``assertions`` (sentences, strength, claim type, concepts) →
``citations`` (mentions, references, what the document reports of each study) → ``matching`` (studies and
claims against the graph) → ``draft`` (the records and their Turtle) → ``review`` (the offline review page,
``accept``). :mod:`.bibimport` drafts studies from a bibliography file. The shared data types are in ``model``,
name and text normalisation in ``names``, journal names in ``journals``.
"""
