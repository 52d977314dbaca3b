from django.apps import AppConfig


def _embed_pending() -> int:
    """Catch up on documents still waiting for a vector (a lost task, a changed model)."""
    from .index import embed_pending_docs

    return embed_pending_docs()


class MatchingConfig(AppConfig):
    name = "jalinan.matching"
    label = "matching"
    verbose_name = "Matching"

    def ready(self):
        from jalinan.core.registry import register_daily_job

        register_daily_job(
            "matching.embed_pending",
            _embed_pending,
            description="Embed matching documents still waiting for a vector",
            order=20,
        )
