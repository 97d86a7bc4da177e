"""Importers of person lists."""
