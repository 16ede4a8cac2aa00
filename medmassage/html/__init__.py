"""The HTML pass: each page's article sanitised, the Content-Security-Policy, safe links."""
