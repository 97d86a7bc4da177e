"""Views of the API, one module per area. Each validates the query, calls a selector, serializes."""
