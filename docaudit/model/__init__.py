"""The plain dataclasses every stage returns and every reporter reads, one module per stage's
output.
"""
