"""The Celery app: settings come from Django's (CELERY_*), tasks from each app's tasks.py.

Tasks subclass Celery's DjangoTask, so a view enqueues work with ``task.delay_on_commit(...)``
and the worker never sees a row id before its transaction has committed. Periodic tasks are in
``CELERY_BEAT_SCHEDULE`` in settings.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wup.settings")

app = Celery("wup", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
