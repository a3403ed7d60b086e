"""The ``.rq`` tooling every stage uses: the header every shipped query starts with, the folders of queries
a package ships, and the ``# include:`` fragments expanded in place (``make rq``)."""
