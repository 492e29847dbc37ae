"""The errors the CLI turns into exit code 2, importable without their modules' weight."""


class BaselineError(Exception):
    """A baseline file that cannot be used; the message names the file and the cause."""


class CheckError(Exception):
    """A gate cannot be evaluated; the message says why and what to do."""
