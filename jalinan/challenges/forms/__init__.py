"""The forms of the challenges app's pages (the API validates challenges with ``ChallengeForm``
too): ``challenges`` (a challenge, the workflow's comments and reasons, attachments, the
invitation of experts) and ``proposals`` (proposals with their team and milestones,
questions, answers and the review)."""
