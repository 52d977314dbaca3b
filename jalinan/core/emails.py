"""Sending e-mail in the recipient's language, from templates."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    if not path or path.startswith("http"):
        return path
    return settings.JALINAN_SITE_URL.rstrip("/") + path


def send_templated_email(*, to: list[str], template: str, context: dict, language: str = "") -> int:
    """Render ``<template>_subject.txt`` and ``<template>.txt`` (and ``.html`` if present)."""
    from .institution import get_institution

    ctx = {"institution": get_institution(), "site_url": settings.JALINAN_SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", ctx).split())
        text = render_to_string(f"{template}.txt", ctx)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    return message.send()
