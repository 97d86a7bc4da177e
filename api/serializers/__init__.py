"""Serializers of the API, one module per area: common (sources, vocabularies), places, operations, map."""
