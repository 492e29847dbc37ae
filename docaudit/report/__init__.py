"""Reporters: turn an audit report into text for people, tools and CI."""
