"""Reporters: turn an audit report into text for people, tools and CI."""


def printable(text: str) -> str:
    """Return ``text`` safe to print on one line: undecodable file-name bytes shown as
    ``\\xNN``, line breaks as ``\\n``."""
    if "\n" in text or "\r" in text:
        text = text.replace("\r", "\\r").replace("\n", "\\n")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a lone surrogate from text, not from a file name
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")
    return text
