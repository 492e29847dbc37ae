"""The ``docaudit`` console script (and ``python -m docaudit``): the CLI imported with the
cyclic garbage collector off, then run with it collecting less often (``cli.run``)."""

import gc

GC_THRESHOLDS = (10_000, 10, 1_000)
"""The thresholds a run collects garbage at (Python's are 700, 10, 10): a young collection
every 10,000 allocations, a full one after 1,000 middle ones (see ``run``)."""


def run() -> None:
    """Import the CLI with the garbage collector off, keep what that built out of every
    later collection (``gc.freeze``), then run the CLI collecting at ``GC_THRESHOLDS``.

    A run keeps what it builds to the end, so each collection walks live objects and
    frees almost nothing: above all the modules, classes and functions the imports make
    (the CLI's module imports most of docaudit), which a full collection walks every
    time. Time spent collecting (django, the parent process): a warm coverage run 6.4 ms
    in 62 collections -> 0.6 ms in 1, a cold one 28 ms in 142 -> 6 ms in 6.
    """
    gc.disable()
    from docaudit.cli import run as run_cli  # with the collector off: see above

    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    gc.enable()
    run_cli()
