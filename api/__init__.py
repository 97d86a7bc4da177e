"""REST API v1 of the register (Django REST framework)."""
