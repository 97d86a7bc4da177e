"""The Gulag register: camps, prisons, deportation areas, operations and people."""
