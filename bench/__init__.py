"""Benchmarks: one module per concern, each with a ``run()`` function (see docs/performance.md)."""
