"""The technologies app's daily jobs (one function per job, named as its key; ``register()``
is called from ``AppConfig.ready()``)."""

from __future__ import annotations

from jalinan.core.registry import register_daily_job


def ip_reminders():
    """Tiered reminders of IP deadlines (PCT, national phase, examination, fees)."""
    from .reminders import send_ip_reminders

    return send_ip_reminders()


def partner_interests():
    """Index what partners asked for, so an offer shows who could license it."""
    from .licensees import index_all_partners

    return index_all_partners()


def register() -> None:
    from .licensees import JOB_KEY

    register_daily_job(
        JOB_KEY,  # "technologies.partner_interests"
        partner_interests,
        description="Technologies: index what partners asked for (who could license this)",
        order=30,
    )
    register_daily_job(
        "technologies.ip_reminders",
        ip_reminders,
        description="Technologies: tiered reminders of IP deadlines",
        order=60,
    )
