"""Benchmarks that measure warwatch stages against public gold data (read by path)."""
