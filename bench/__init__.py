"""Benchmarks: `python -m bench`.

Each figure is a ratio against a baseline measured in the same run.
"""
