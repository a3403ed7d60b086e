"""Read a document: its text and metadata (``extract``, one extractor per kind) and the archived copy quotes are
anchored to (``archive``)."""
