"""Reporters: turn an audit report into text for people, tools and CI."""


def printable(text: str) -> str:
    """Return ``text`` safe to print: undecodable file-name bytes shown as ``\\xNN``."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text
