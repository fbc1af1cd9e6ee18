"""The graph: from the two source documents and the curated Turtle to one checked graph.

``sources`` splits the documents into passages, ``load`` reads the project's
files onto a store, ``validate`` checks them against the shapes, ``fmt`` and
``canon`` give the canonical Turtle, ``export`` writes the graph's files and
``coverage`` tells which passages no fact captures.
"""
