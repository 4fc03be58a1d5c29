"""What a report's text cites: document symbols, meetings, countries; the follow-up chain."""
