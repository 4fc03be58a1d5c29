"""Everything a build publishes: meeting pages, generated pages, open data, permalinks, search."""
