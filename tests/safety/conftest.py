"""The counting HTTP server of ``test_guard``, for every network test in this folder."""

from test_guard import running, server  # noqa: F401 -- fixtures, found by name
