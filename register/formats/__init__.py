"""Django format modules for the languages Django lacks (settings.FORMAT_MODULE_PATH)."""
