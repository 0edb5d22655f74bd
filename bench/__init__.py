"""Benchmarks for deploymap: run ``python -m bench`` (see the README's performance section)."""
