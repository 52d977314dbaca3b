"""The partners app's pages: ``organisations`` (the registry: list, export, page, form, vetting,
merge), ``contacts`` (an organisation's contacts) and ``imports`` (organisations from CSV or
XLSX). Routed in ``urls.py``."""
