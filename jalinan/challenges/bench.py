"""Page benchmark: a challenge's page for an officer, its brokerage section ranking 10,000
indexed experts (``manage.py benchmark_pages --only challenges.detail --json``).

Runs in the scratch database ``benchmark_pages`` prepares. The experts, their publications
and the index rows are bulk-created from the matching app's synthetic corpus
(``jalinan.matching.bench.Corpus``: topic-clustered vectors and Zipf-distributed words), as
its own benchmark does, because embedding 50,000 real texts would take most of an hour on two
cores. The page itself runs as in use: the configured (real) embedder embeds the challenge's
text on every request, the engine ranks every indexed expert, and the page renders the
evidence, the team suggestions and the proposals section.
"""

from __future__ import annotations

import datetime


def _load_experts(corpus, units) -> dict:
    """Users, expert profiles, publications and the "experts" index rows, in bulk."""
    from collections import Counter

    from django.db import transaction

    from jalinan.accounts.models import User
    from jalinan.experts.models import ExpertProfile, Publication
    from jalinan.matching import embedder as emb
    from jalinan.matching.index import Doc, collection_get, content_hash
    from jalinan.matching.models import IndexedCollection, IndexedDoc, IndexedEntity, TermStat
    from jalinan.matching.text import encode_terms, term_counts

    model = emb.model_key()
    coll = collection_get("experts")
    df: Counter = Counter()
    total_len = 0
    batch = 1000
    for start in range(0, corpus.n_experts, batch):
        stop = min(start + batch, corpus.n_experts)
        with transaction.atomic():
            users = User.objects.bulk_create(
                [
                    User(
                        email=f"cb-expert{e:05d}@bench.example",
                        full_name=f"Bench Expert {e:05d}",
                        unit=units[e % len(units)],
                        password="!",  # noqa: S106 - unusable
                    )
                    for e in range(start, stop)
                ]
            )
            users = list(User.objects.filter(email__startswith="cb-expert").order_by("pk"))[
                start:stop
            ]
            profiles = ExpertProfile.objects.bulk_create(
                [
                    ExpertProfile(
                        user=u,
                        unit=u.unit,
                        keywords=corpus.text(int(corpus.expert_topics[e][0]), 4).split()[:3],
                        is_public=True,
                    )
                    for e, u in zip(range(start, stop), users, strict=True)
                ]
            )
            profiles = list(ExpertProfile.objects.filter(user__in=users).order_by("user_id"))
            rows = []
            for e, p in zip(range(start, stop), profiles, strict=True):
                for title, text, year, vec in corpus.expert_docs(e):
                    rows.append(
                        (
                            p,
                            Publication(
                                profile=p,
                                title=title[:500],
                                abstract=text,
                                year=year,
                                norm_title=title[:500],
                            ),
                            vec,
                        )
                    )
            Publication.objects.bulk_create([r[1] for r in rows], batch_size=2000)
            if rows and not rows[0][1].pk:
                raise RuntimeError("The database did not return the new publications' ids")
            ents = IndexedEntity.objects.bulk_create(
                [
                    IndexedEntity(
                        collection=coll,
                        entity_id=p.pk,
                        keywords=p.keywords,
                        meta={"unit": p.unit_id, "public": True},
                    )
                    for p in profiles
                ]
            )
            ent_of = {
                ent.entity_id: ent
                for ent in (
                    ents
                    if ents and ents[0].pk
                    else IndexedEntity.objects.filter(
                        collection=coll, entity_id__in=[p.pk for p in profiles]
                    )
                )
            }
            docs = []
            for p, pub, vec in rows:
                body = Doc(0, pub.title, pub.abstract).body()
                counts, length = term_counts(body)
                df.update(counts.keys())
                total_len += length
                docs.append(
                    IndexedDoc(
                        entity=ent_of[p.pk],
                        collection=coll,
                        key=f"pub:{pub.pk}",
                        kind="publication",
                        title=pub.title,
                        text=pub.abstract,
                        year=pub.year,
                        content_hash=content_hash(model, body),
                        model_key=model,
                        dim=corpus.dim,
                        vector=vec.tobytes(),
                        terms=encode_terms(counts),
                        length=length,
                    )
                )
            IndexedDoc.objects.bulk_create(docs, batch_size=2000)
    TermStat.objects.bulk_create(
        [TermStat(collection=coll, term=t, df=n) for t, n in df.items()], batch_size=5000
    )
    n_docs = IndexedDoc.objects.filter(collection=coll).count()
    IndexedCollection.objects.filter(pk=coll.pk).update(
        doc_count=n_docs, total_length=total_len, version=coll.version + 1
    )
    IndexedEntity.objects.filter(collection=coll).update(seq=coll.version + 1)
    return {"documents": n_docs}


def bench_detail(size: float = 1.0) -> dict:
    import time

    from django.db import connection
    from django.utils import timezone

    from jalinan.accounts.models import Unit
    from jalinan.accounts.roles import Role
    from jalinan.accounts.services import user_create
    from jalinan.core.bench import measure_page
    from jalinan.matching.bench import Corpus
    from jalinan.matching.engine import embed_query
    from jalinan.partners.models import Organisation

    from .models import Invitation
    from .services import challenges as services

    n = max(200, round(10_000 * size))
    started = time.perf_counter()
    dim = int(len(embed_query("a probe sentence")))
    units = [
        Unit.objects.create(
            code=f"cb-{i}", name=f"Challenge bench Kulliyyah {i:02d}", kind="kulliyyah"
        )
        for i in range(12)
    ]
    officer = user_create(
        email="cb-officer@bench.example", full_name="Bench Officer", roles=[Role.OIL_OFFICER]
    )
    org = Organisation.objects.create(
        legal_name="Bench Palm Oil Mill Sdn. Bhd.", org_type="sme", search_name="bench palm"
    )
    corpus = Corpus(n_experts=n, n_docs=n * 5, dim=dim, seed=2026)
    loaded = _load_experts(corpus, units)
    build_seconds = time.perf_counter() - started
    query_text, _vector = corpus.query()
    challenge = services.challenge_create(
        by=officer,
        organisation=org,
        quiet=True,
        title="Bench challenge: " + " ".join(query_text.split()[:8]),
        problem_statement=query_text,
        desired_outcome="A pilot within twelve months. " + " ".join(query_text.split()[8:20]),
        proposal_deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    services.challenge_publish(challenge=challenge, by=officer)
    from jalinan.experts.models import ExpertProfile

    for p in ExpertProfile.objects.order_by("pk")[:5]:
        Invitation.objects.create(challenge=challenge, expert=p, invited_by=officer)
    url = challenge.get_absolute_url()
    figures = measure_page(officer, url, repeats=20)
    # The brokerage ranking alone (embedding the text, ranking, evidence), without the page.
    from .selectors.challenges import ranked_experts

    times = []
    for _ in range(10):
        t0 = time.perf_counter()
        ranked_experts(challenge, officer, k=20)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    # The team suggestions alone (the teams module, included on the page for officers).
    from django.test import RequestFactory

    from .views.challenges import _teams_context

    request = RequestFactory().get(url)
    request.user = officer
    team_times = []
    for _ in range(5):
        t0 = time.perf_counter()
        _teams_context(request, challenge)
        team_times.append((time.perf_counter() - t0) * 1000)
    team_times.sort()
    return {
        "experts": n,
        "documents": loaded["documents"],
        "database": connection.vendor,
        "embedder": _embedder_name(),
        "build_seconds": round(build_seconds, 1),
        "detail": figures,
        "ranking_only_ms_p50": round(times[len(times) // 2], 1),
        "teams_only_ms_p50": round(team_times[len(team_times) // 2], 1),
    }


def _embedder_name() -> str:
    from jalinan.matching import embedder as emb

    return emb.model_key()
