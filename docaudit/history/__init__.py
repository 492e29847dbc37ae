"""Git history: who changed which file, who knows it, and each module's bus factor."""
