"""Benchmarks: our pages measured against the floor view (see DESIGN.md, "Speed"). Not tests."""
