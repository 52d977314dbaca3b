"""The Celery app. Without CELERY_BROKER_URL every task runs in-process (eager)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalinan.settings")

# Tasks run in-process when the broker cannot be reached (jalinan.core.celery_tasks).
app = Celery("jalinan", task_cls="jalinan.core.celery_tasks:ResilientTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
