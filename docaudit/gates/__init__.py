"""Gates: a report and thresholds, a baseline or a base ref in; pass or fail, with reasons, out."""
