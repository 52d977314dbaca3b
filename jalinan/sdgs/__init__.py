"""The 17 Sustainable Development Goals, their targets and indicators, the classifier, and SDG
tags on any record.

How another app joins (see also ``registry.py``):

1. Register the model from ``AppConfig.ready()``::

       register_taggable(Memorandum, text=..., can_decide=..., can_view=...,
                         visible=lambda user: memoranda_for(user))   # visible: optional

2. In its services, after a write that may change the text::

       from jalinan.sdgs.services import sdg_request_classification
       sdg_request_classification(obj=memorandum)

   The suggestions are computed in the background after the transaction commits; unchanged
   text is skipped; a person's decision is never overwritten.

3. On the record's page: ``{% load sdgs %}{% sdg_tags memorandum %}`` (suggestions with their
   evidence, accept / reject / add for those who may decide). In lists:
   ``selectors.accepted_goals_for(page)`` and ``{% sdg_badges goals %}``; to filter:
   ``selectors.filter_by_goal(qs, 9)``; for a coverage matrix: ``selectors.accepted_pairs(qs)``.

**Seeding and bulk imports**: classifying records one at a time is slow (each request is a
separate model call). Wrap the loop in ``deferred_classification()``; the requests made
inside are collected and classified in batches of 64 when the block ends (after the
surrounding transaction commits, in the background when a broker is configured)::

    from jalinan.sdgs.services import deferred_classification

    def seed(ctx):
        with deferred_classification():
            for spec in plan:
                memorandum_create(by=..., **spec)   # calls sdg_request_classification

``deferred_classification(background=False)`` classifies before the block returns instead.
For records that exist already: ``python manage.py classify_records [--model app.model]
[--force]``. The sdgs demo's ``finish(ctx)``, run after every other app's seed, classifies
whatever is left unclassified and accepts the confident suggestions as the office would.

Classifier settings: ``JALINAN_SDG_ENCODER`` (``"minilm"``, default; ``"hashing"``: a
deterministic stand-in for tests that only need *a* classifier), ``JALINAN_SDG_MODEL``,
``JALINAN_SDG_THRESHOLD`` (see ``classifier.py``).
"""
