"""The draft a reviewer edits: its records (``records``) written as Turtle (``turtle``)."""
