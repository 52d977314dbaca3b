"""Industry challenges, proposals, review, brokerage pipeline and public enquiries."""
