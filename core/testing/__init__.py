"""Test and evaluation helpers: synthetic calls, labelled sets, scoring, end-to-end runs.

Used by tests/ and benchmarks/ only; no runtime module imports this package (an
import-linter contract in pyproject.toml enforces it).
"""
