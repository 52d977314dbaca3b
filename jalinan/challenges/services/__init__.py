"""Every write of the challenges app, one module per aggregate: ``challenges`` (the workflow,
the pipeline link, the experts' index), ``attachments``, ``invitations`` (the brokerage),
``proposals`` (drafts and submission), ``questions`` (the thread with the partner) and
``reviews`` (the partner's staged review, the decision and the selection)."""
