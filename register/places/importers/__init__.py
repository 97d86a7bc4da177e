"""Importers that load places into the register."""
