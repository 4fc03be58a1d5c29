"""Content files read once into meetings and reports, with ids from printed numbers."""
