"""Git: the only place git runs; listings, objects, the log stream and changes."""
