"""Outputs for readers: the offline findings page and the network exports.

``document`` gathers what the page shows from the analyses, ``page`` lays it
out, ``drawings`` turns the analyses' networks into ``svg`` drawings placed by
``layout`` (and ``timechart`` for the timeline); ``netexport`` writes the
networks for Gephi and Cytoscape.
"""
