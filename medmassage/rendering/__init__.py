"""Rendering: the derived Markdown of each page, long lists, anchors, structured data."""
