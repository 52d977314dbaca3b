"""The challenges app's demo data (the rules: :mod:`jalinan.core.demo`): ``challenges`` makes
the challenges, ``proposals`` the proposals, questions, reviews and feedback on those meant to
end closed or awarded."""

from .challenges import seed_challenges
from .proposals import seed_proposals


def seed(ctx) -> None:
    """Called by ``seed_demo``."""
    seed_proposals(ctx, seed_challenges(ctx))
