"""The pipeline: each command's stages run in order, from discovery to a report."""
