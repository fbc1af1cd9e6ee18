"""Safety: what untrusted queries, files and shapes may do.

``checks`` refuses the inputs known to reach the network or the disk before any
parser sees them; ``guard`` is the process-wide backstop that refuses every
connection the user did not ask for. Everything above this layer may rely on
both; this layer relies on nothing of the project's but ``errors``.
"""
