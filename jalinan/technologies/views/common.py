"""Helpers the views of the app share."""


def export_format(request) -> str:
    """The export a list page was asked for (``?export=csv`` or ``xlsx``), else ""."""
    fmt = request.GET.get("export", "")
    return fmt if fmt in ("csv", "xlsx") else ""
