"""Documentation analysers: source files in, ``Symbol`` records out."""
