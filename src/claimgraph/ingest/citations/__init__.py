"""What a document cites: the mentions of studies found in its text (``find``, over ``mentions``, ``references`` and
``authorless``), what it reports of each (``reports``), and bibliography files (``bibliography``)."""
