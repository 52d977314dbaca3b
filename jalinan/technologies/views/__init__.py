"""The pages of technology transfer, one module per kind of record (``urls.py`` maps them).
Views read input, call a service or a selector, and render or redirect."""
