"""Datasette's view of the store: ``metadata.yml`` (titles, facets, canned queries, feeds), package data
read by ``projwatch serve``."""
