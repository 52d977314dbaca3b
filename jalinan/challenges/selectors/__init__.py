"""Every shared read of the challenges app, limited to what the user may see: ``challenges``
(lists, filters, the brokerage rankings, invitations) and ``proposals`` (proposals, the review
board, questions and reviews)."""
