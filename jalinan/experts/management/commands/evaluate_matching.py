"""Measure expert matching on the reviewer-expertise gold standard (Stelmakh et al.).

For each ``evaluation_datasets/d_20_*`` version, each participant's archive is loaded as an
expert profile through the product's own code (a CSV publication import, confirmed through
the import service, indexed by the matching engine), then every (participant, rated paper) pair
is scored by the production scorer with the paper's title and abstract as the query. All of it
happens in a scratch database that is thrown away afterwards; embeddings are cached by content
hash, so the ten versions cost little more than one.

    python manage.py evaluate_matching --dataset DIR [--participants FILE] --json

Options override the scorer's settings for ablations (``--lexical-weight 0`` is dense only,
``--dense-weight 0`` lexical only, ``--temperature 0.0001`` is max, a large temperature with
``--top-docs 3`` the mean of the top three).
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from pathlib import Path
from unittest.mock import patch

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings


def _versions(root: Path) -> list[Path]:
    found = [p for p in (root / "evaluation_datasets").glob("d_20_*") if p.is_dir()]

    def key(p):
        m = re.search(r"(\d+)$", p.name)
        return int(m.group(1)) if m else 0

    return sorted(found, key=key)


def _archive_csv(path: Path) -> bytes:
    """A participant's archive (OpenReview JSON lines) as the product's CSV import format."""
    from jalinan.experts.imports import CSV_COLUMNS

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            content = json.loads(line).get("content", {})
            authors = content.get("authors") or []
            if isinstance(authors, list):
                authors = "; ".join(
                    a.get("name", "") if isinstance(a, dict) else str(a) for a in authors
                )
            row = {
                "title": content.get("title") or "",
                "abstract": content.get("abstract") or "",
                "year": content.get("year") or "",
                "authors": authors,
            }
            writer.writerow([row.get(c, "") for c in CSV_COLUMNS])
    return out.getvalue().encode("utf-8")


# Scorer variants reported by --ablations (settings overrides; the default scorer is "fused").
ABLATIONS = {
    "fused (default)": {},
    "dense only": {"JALINAN_MATCHING_LEXICAL_WEIGHT": 0.0},
    "lexical only": {"JALINAN_MATCHING_DENSE_WEIGHT": 0.0},
    "fused, lexical weight 0.5": {"JALINAN_MATCHING_LEXICAL_WEIGHT": 0.5},
    "fused, max": {"JALINAN_MATCHING_TEMPERATURE": 0.0001},
    "fused, mean of top 3": {
        "JALINAN_MATCHING_TEMPERATURE": 1000.0,
        "JALINAN_MATCHING_TOP_DOCS": 3,
    },
    "fused, mean of all": {
        "JALINAN_MATCHING_TEMPERATURE": 1000.0,
        "JALINAN_MATCHING_TOP_DOCS": 1000,
    },
    "fused, log-sum-exp T=0.1": {"JALINAN_MATCHING_TEMPERATURE": 0.1},
    "fused, log-sum-exp over all": {"JALINAN_MATCHING_TOP_DOCS": 1000},
    "fused, no recency": {"JALINAN_MATCHING_RECENCY": 0.0},
    "dense only, max": {
        "JALINAN_MATCHING_LEXICAL_WEIGHT": 0.0,
        "JALINAN_MATCHING_TEMPERATURE": 0.0001,
    },
    "dense only, mean of all": {
        "JALINAN_MATCHING_LEXICAL_WEIGHT": 0.0,
        "JALINAN_MATCHING_TEMPERATURE": 1000.0,
        "JALINAN_MATCHING_TOP_DOCS": 1000,
    },
}


def _query_text(content: dict) -> str:
    from jalinan.matching import Doc

    return Doc(0, content.get("title") or "", content.get("abstract") or "").body()


def _summarise(ratings, per_version) -> tuple[dict, list, dict]:
    from jalinan.matching.evaluation import pair_accuracy, weighted_loss

    losses, easy, hard, details = [], [], [], []
    pairs = {"easy": 0, "hard": 0}
    for name, scores in per_version:
        loss = weighted_loss(ratings, scores)
        e, h, n_easy, n_hard = pair_accuracy(ratings, scores)
        losses.append(loss)
        easy.append(e)
        hard.append(h)
        pairs = {"easy": n_easy, "hard": n_hard}
        details.append(
            {"dataset": name, "loss": round(loss, 4), "easy": round(e, 4), "hard": round(h, 4)}
        )
    n = max(len(losses), 1)
    summary = {
        "loss": round(sum(losses) / n, 4),
        "easy": round(sum(easy) / n, 4),
        "hard": round(sum(hard) / n, 4),
    }
    return summary, details, pairs


class Command(BaseCommand):
    help = "Expert-matching quality on the reviewer-expertise gold standard (JSON)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dataset", required=True, help="folder with data/ and evaluation_datasets/"
        )
        parser.add_argument("--participants", help="JSON file: a list of participant ids")
        parser.add_argument("--json", action="store_true", help="print one JSON object only")
        parser.add_argument("--versions", type=int, default=0, help="only the first N versions")
        parser.add_argument("--backend", choices=["memory", "pgvector"])
        parser.add_argument("--model", help="a sentence-transformers folder (default: settings)")
        parser.add_argument("--embedder", choices=["sentence-transformers", "hashing"])
        parser.add_argument("--lexical-weight", type=float)
        parser.add_argument("--dense-weight", type=float)
        parser.add_argument("--temperature", type=float)
        parser.add_argument("--top-docs", type=int)
        parser.add_argument("--recency", type=float)
        parser.add_argument(
            "--no-scratch-db",
            action="store_true",
            help="work in the current database (tests roll it back), not in a scratch one",
        )
        parser.add_argument(
            "--ablations",
            action="store_true",
            help="also score with each variant of ABLATIONS (same index, other scorer settings)",
        )
        parser.add_argument(
            "--halves",
            type=int,
            default=0,
            help="with --ablations: also report each variant on N random halves of the people",
        )

    def handle(self, *args, **opts):
        from jalinan.matching.evaluation import read_ratings

        root = Path(opts["dataset"])
        if not (root / "data" / "evaluations.csv").exists():
            raise CommandError(f"{root} has no data/evaluations.csv")
        versions = _versions(root)
        if opts["versions"]:
            versions = versions[: opts["versions"]]
        if not versions:
            raise CommandError(f"{root} has no evaluation_datasets/d_20_* folders")
        ratings = read_ratings(root / "data" / "evaluations.csv")
        if opts["participants"]:
            wanted = {str(p) for p in json.loads(Path(opts["participants"]).read_text())}
            ratings = {p: r for p, r in ratings.items() if p in wanted}
        overrides = {"CELERY_TASK_ALWAYS_EAGER": True}
        for opt, name in [
            ("lexical_weight", "JALINAN_MATCHING_LEXICAL_WEIGHT"),
            ("dense_weight", "JALINAN_MATCHING_DENSE_WEIGHT"),
            ("temperature", "JALINAN_MATCHING_TEMPERATURE"),
            ("top_docs", "JALINAN_MATCHING_TOP_DOCS"),
            ("recency", "JALINAN_MATCHING_RECENCY"),
            ("backend", "JALINAN_MATCHING_BACKEND"),
            ("model", "JALINAN_EMBEDDING_MODEL"),
            ("embedder", "JALINAN_EMBEDDER"),
        ]:
            if opts[opt] is not None:
                overrides[name] = opts[opt]
        started = time.monotonic()
        with override_settings(**overrides):
            result = self._run(root, versions, ratings, opts)
        result["seconds"] = round(time.monotonic() - started, 1)
        if opts["json"]:
            self.stdout.write(json.dumps(result))
        else:
            self.stdout.write(json.dumps(result, indent=2))

    def _run(self, root, versions, ratings, opts) -> dict:
        from jalinan.matching import conf
        from jalinan.matching import embedder as emb
        from jalinan.matching.backends.memory import MemoryBackend

        old_name = connection.settings_dict["NAME"]
        verbosity = 0 if opts["json"] else 1
        # A scratch database: the participants become real users and profiles there, and
        # nothing of them is left behind.
        scratch = not opts["no_scratch_db"]
        if scratch:
            connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        MemoryBackend.reset()
        try:
            embedder = emb.get_embedder()
            variants = {"": {}}
            if opts["ablations"]:
                variants.update(ABLATIONS)
            with patch("jalinan.experts.services.sdg_request_classification"):
                # SDG suggestions are not part of matching; they would only slow the run.
                per_variant = self._score_versions(versions, ratings, variants, verbosity)
            backend = conf.backend_name()
        finally:
            MemoryBackend.reset()
            if scratch:
                connection.creation.destroy_test_db(old_name, verbosity=0)
        from jalinan.matching.scoring import Params

        summary, details, pairs = _summarise(ratings, per_variant[""])
        p = Params.from_settings()
        result = {
            **summary,
            "participants": len(ratings),
            "datasets": len(details),
            "pairs": pairs,
            "model": embedder.key,
            "runtime": getattr(embedder, "runtime", "python"),
            "backend": backend,
            "scorer": {
                "dense_weight": settings.JALINAN_MATCHING_DENSE_WEIGHT,
                "lexical_weight": p.lexical_weight,
                "temperature": p.temperature,
                "top_docs": p.top_docs,
                "recency": p.recency,
            },
            "per_dataset": details,
        }
        if opts["ablations"]:
            import random

            rng = random.Random(2026)
            people = sorted(ratings)
            halves = [set(rng.sample(people, len(people) // 2)) for _ in range(opts["halves"])]
            result["ablations"] = {}
            for name, overrides in ABLATIONS.items():
                row, _d, _p = _summarise(ratings, per_variant[name])
                if halves:
                    row["halves"] = [
                        _summarise({k: v for k, v in ratings.items() if k in h}, per_variant[name])[
                            0
                        ]["loss"]
                        for h in halves
                    ]
                result["ablations"][name] = {**row, "settings": overrides}
        return result

    def _score_versions(self, versions, ratings, variants, verbosity):
        from jalinan.accounts.roles import Role
        from jalinan.accounts.services import user_create
        from jalinan.experts import imports, services

        profiles = {}
        for pid in ratings:
            user = user_create(
                email=f"participant-{pid}@gold.invalid",
                full_name=f"Participant {pid}",
                password=None,
                roles=[Role.ACADEMIC],
            )
            profiles[pid] = services.profile_create(user=user, by=None, is_public=True)
        query_vectors: dict[str, object] = {}
        out: dict[str, list] = {name: [] for name in variants}
        for version in versions:
            t0 = time.monotonic()
            submissions = json.loads((version / "submissions.json").read_text(encoding="utf-8"))
            for pid, profile in profiles.items():
                archive = version / "archives" / f"~{pid}.jsonl"
                services.publications_delete_all(profile=profile, by=None)
                if not archive.exists():
                    continue
                _fmt, records = imports.parse(f"~{pid}.csv", _archive_csv(archive), profile)
                services.publications_import(
                    profile=profile,
                    by=None,
                    rows=[r.fields for r in records if r.status == "ok"],
                    source="csv",
                )
            for name, overrides in variants.items():
                with override_settings(**overrides):
                    scores = self._score(ratings, submissions, profiles, query_vectors)
                out[name].append((version.name, scores))
            if verbosity:
                self.stderr.write(f"{version.name}: {time.monotonic() - t0:.1f} s")
        return out

    @staticmethod
    def _score(ratings, submissions, profiles, query_vectors) -> dict[str, dict[str, float]]:
        """Every (participant, rated paper) pair, by the production scorer."""
        from jalinan import matching

        scores: dict[str, dict[str, float]] = {}
        for pid, rated in ratings.items():
            scores[pid] = {}
            for paper in rated:
                entry = submissions.get(paper)
                text = _query_text(entry.get("content", {})) if entry else ""
                if paper not in query_vectors and text:
                    query_vectors[paper] = matching.embed_query(text)
                found = (
                    matching.score_entities(
                        "experts",
                        text,
                        [profiles[pid].pk],
                        vector=query_vectors.get(paper),
                        explain=False,
                    )
                    if text
                    else {}
                )
                result = found.get(profiles[pid].pk)
                scores[pid][paper] = result.score if result else float("-inf")
        return scores
