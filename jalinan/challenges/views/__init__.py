"""The challenges app's pages, one module per aggregate: ``challenges`` (lists, the form, the
workflow, the page with its brokerage), ``attachments``, ``invitations``, ``proposals``,
``questions`` and ``reviews`` (the partner's review board). Routed in ``urls.py``."""
