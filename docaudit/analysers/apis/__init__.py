"""Public-API analysers: web endpoints, CLI commands and options, exported names and API specs."""
