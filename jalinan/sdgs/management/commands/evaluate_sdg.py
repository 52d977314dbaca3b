"""Evaluate the SDG classifier on a CSV in the SDG Classification Benchmark's format.

    python manage.py evaluate_sdg --json \
        --benchmark ../shared/datasets/sdg-classification-benchmark/benchmark.csv

Prints, as the benchmark defines them (per SDG: accuracy, precision and recall in %, F1 as a
fraction, the confusion counts; and their plain mean over the SDGs):

- ``production``: the classifier as shipped (its fitted weights) on the CSV given. When the
  CSV is the one the weights were fitted on, this figure is optimistic;
- ``cross_validated``: repeated k-fold on the CSV in which every fitted parameter (scaling,
  weights, intercept, C) is refit without the held-out fold — the honest estimate;
- with ``--ablations``, the cross-validated figure of each subset of features and of the
  query sets used as plain rules (no fitting);
- with ``--compare-with DIR`` (the ``sdg-resources`` folder), what the keyword sets that may
  *not* be shipped (GPL or licence unverified) would add: each one's term features, alone
  and with the production features, cross-validated. They are read at run time from DIR
  for this comparison only.

The CSV is read at run time and nothing of it is written anywhere.
"""

from __future__ import annotations

import json as jsonlib
import time
from pathlib import Path

import numpy as np
from django.core.management.base import BaseCommand, CommandError

from jalinan.sdgs import classifier
from jalinan.sdgs.engine import DOMINANCE, FEATURE_GROUPS, FEATURES
from jalinan.sdgs.training import (
    benchmark_metrics,
    cross_validate,
    file_sha256,
    read_benchmark,
    rounded,
    row_features,
)


def _features(*groups, dominance=True):
    out = [f for f in FEATURES if any(f in FEATURE_GROUPS[g] for g in groups)]
    return out if dominance else [f for f in out if f not in DOMINANCE]


ABLATIONS = {
    "similarity only": _features("similarity"),
    "similarity, no dominance features": _features("similarity", dominance=False),
    "wording TF-IDF only": _features("wording"),
    "query lines only": _features("queries"),
    "query terms only": _features("terms"),
    "keywords (query lines + terms)": _features("queries", "terms"),
    "keywords + wording TF-IDF": _features("queries", "terms", "wording"),
    "similarity + wording TF-IDF": _features("similarity", "wording"),
    "similarity + keywords": _features("similarity", "queries", "terms"),
    "all, no dominance features": _features(*FEATURE_GROUPS, dominance=False),
    "all (production)": _features(*FEATURE_GROUPS),
}


class Command(BaseCommand):
    help = "Evaluate the SDG classifier on a benchmark CSV (per-SDG figures, cross-validated)."

    def add_arguments(self, parser):
        parser.add_argument("--benchmark", required=True, help="CSV with id,text,sdg,label")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--folds", type=int, default=10)
        parser.add_argument("--repeats", type=int, default=3)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--no-cv", action="store_true", help="production figures only")
        parser.add_argument(
            "--ablations", action="store_true", help="also cross-validate feature subsets"
        )
        parser.add_argument(
            "--compare-with",
            default="",
            metavar="DIR",
            help="sdg-resources folder: compare with its unshippable keyword sets",
        )

    def handle(
        self, *args, benchmark, json, folds, repeats, seed, no_cv, ablations, compare_with, **o
    ):
        path = Path(benchmark)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            rows = read_benchmark(path)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if not rows:
            raise CommandError(f"{path} has no rows")
        texts = sorted({r.text for r in rows})
        index = {t: i for i, t in enumerate(texts)}
        sdg = np.array([r.sdg for r in rows])
        y = np.array([r.label for r in rows])

        classifier.engine()  # load outside the timing
        started = time.monotonic()
        suggested = classifier.classify_many(texts)
        seconds = time.monotonic() - started
        predicted = [r.sdg in {s.goal for s in suggested[index[r.text]]} for r in rows]
        mdl = classifier.model()
        report = {
            "benchmark": str(path),
            "sha256": file_sha256(path),
            "rows": len(rows),
            "texts": len(texts),
            "classifier": {
                "version": classifier.VERSION,
                "encoder": classifier.engine().encoder.name,
                "features": len(mdl.features),
                "C": mdl.C,
                "threshold": classifier.threshold(),
                "fitted_on": mdl.meta.get("fitted_on", {}),
            },
            "throughput": {
                "texts": len(texts),
                "seconds": round(seconds, 2),
                "texts_per_second": round(len(texts) / seconds, 1) if seconds else None,
                "mean_words": round(float(np.mean([len(t.split()) for t in texts])), 1),
            },
            "production": rounded(benchmark_metrics(sdg, y, predicted)),
        }
        same = mdl.meta.get("fitted_on", {}).get("sha256") == report["sha256"]
        report["production"]["note"] = (
            "the shipped weights were fitted on this very CSV: optimistic, see cross_validated"
            if same
            else "the shipped weights were not fitted on this CSV"
        )
        if not no_cv:
            eng = classifier.engine()
            analysis = eng.analyse(texts)
            cube = eng.features(analysis)
            x = row_features(cube, [index[r.text] for r in rows], list(sdg))
            groups = np.array([index[r.text] for r in rows])
            cv = cross_validate(
                x, y, sdg, groups, mdl.features, k=folds, repeats=repeats, seed=seed
            )
            report["cross_validated"] = {
                "folds": folds,
                "repeats": repeats,
                "note": (
                    "every fitted parameter (scaling, weights, intercept, C by inner 5-fold) "
                    "refit without the held-out fold; folds stratified by (sdg, label) and "
                    "grouped by text; figures averaged over the repeats"
                ),
                **rounded(cv),
            }
            if ablations:
                report["ablations"] = self._ablations(
                    analysis, x, y, sdg, groups, rows, index, folds, repeats, seed
                )
            if compare_with:
                report["unshippable_keyword_sets"] = self._compare(
                    Path(compare_with),
                    texts,
                    x,
                    y,
                    sdg,
                    groups,
                    rows,
                    index,
                    mdl.features,
                    folds,
                    repeats,
                    seed,
                )
        if json:
            self.stdout.write(jsonlib.dumps(report, indent=2))
        else:
            self._print(report)

    def _ablations(self, analysis, x, y, sdg, groups, rows, index, folds, repeats, seed):
        out = {}
        for name, features in ABLATIONS.items():
            cv = cross_validate(x, y, sdg, groups, features, k=folds, repeats=repeats, seed=seed)
            out[name] = {
                "features": len(features),
                "accuracy": round(cv["average"]["accuracy"], 2),
                "precision": round(cv["average"]["precision"], 1),
                "recall": round(cv["average"]["recall"], 1),
                "repeats": cv["repeats"],
            }
        # The query sets as plain rules, nothing fitted: a goal is predicted when one of its
        # lines matches (as Aurora's stylesheet ORs them), or when it also has the most lines.
        s = analysis.signals
        at = [index[r.text] for r in rows]
        for name, counts in (
            ("rule: any Aurora line", s["aurora_lines"]),
            ("rule: any Bergen line", s["bergen_lines"]),
            ("rule: any Aurora or Bergen line", s["aurora_lines"] + s["bergen_lines"]),
        ):
            hit = counts[at, sdg - 1] > 0
            top = hit & (counts[at, sdg - 1] >= counts[at].max(axis=1))
            for label, pred in ((name, hit), (name + ", goal with most lines", top)):
                m = benchmark_metrics(sdg, y, pred)["average"]
                out[label] = {
                    "features": 0,
                    "accuracy": round(m["accuracy"], 2),
                    "precision": round(m["precision"], 1),
                    "recall": round(m["recall"], 1),
                }
        return out

    def _compare(self, folder, texts, x, y, sdg, groups, rows, index, production, k, rep, seed):
        from jalinan.sdgs.engine import _counts, _dominance

        at = [index[r.text] for r in rows]
        bags = {name: _term_bag(texts, kws) for name, kws in _unshippable(folder).items()}
        bags["all five, summed"] = sum(bags.values())
        out = {
            "note": (
                f"read at run time from {folder} for comparison only (GPL or licence "
                "unverified: never shipped); term features as for the shipped sets"
            )
        }
        for name, bag in bags.items():
            d, c = _dominance(bag, tau=1.0), _counts(bag)
            extra = np.stack([d[""], d["_margin"], c["_share"], c["_top"]], axis=2)[at, sdg - 1]
            names = FEATURES + [f"{name} {s}" for s in ("value", "margin", "share", "top")]
            xx = np.hstack([x, extra])
            for label, feats in (
                ("alone", names[-4:]),
                ("with production", production + names[-4:]),
            ):
                cv = cross_validate(
                    xx, y, sdg, groups, feats, k=k, repeats=rep, seed=seed, names=names
                )
                out[f"{name}: {label}"] = round(cv["average"]["accuracy"], 2)
        return out

    def _print(self, report):
        def line(label, avg):
            return (
                f"{label:28} acc {avg['accuracy']:5.1f}  prec {avg['precision']:5.1f}  "
                f"rec {avg['recall']:5.1f}  F1 {avg['f1']:.3f}"
            )

        self.stdout.write(f"{report['benchmark']}: {report['rows']} rows")
        self.stdout.write(line("production", report["production"]["average"]))
        if "cross_validated" in report:
            self.stdout.write(line("cross-validated", report["cross_validated"]["average"]))
            for row in report["cross_validated"]["per_sdg"]:
                self.stdout.write(line(f"  SDG {row['sdg']}", row))
        for name, a in report.get("ablations", {}).items():
            self.stdout.write(f"{name:44} acc {a['accuracy']:6.2f}")
        for name, a in report.get("unshippable_keyword_sets", {}).items():
            if name != "note":
                self.stdout.write(f"{name:44} acc {a:6.2f}")
        t = report["throughput"]
        self.stdout.write(f"throughput: {t['texts_per_second']} texts/s ({t['mean_words']} words)")


def _unshippable(folder: Path) -> dict[str, list[tuple[int, str]]]:
    """The keyword columns of the sets that may not be shipped, as (sdg, phrase) pairs."""
    import csv

    def read(name, column, split=None):
        path = folder / "queries" / name
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        with path.open(encoding="utf-8") as fh:
            out = []
            for r in csv.DictReader(fh):
                for kw in r[column].split(split) if split else [r[column]]:
                    out.append((int(r["sdg"]), kw))
            return out

    return {
        "JRC SDG Mapper": read("jrc_sdg_mapper_keywords.csv", "keyword"),
        "SDG ontology (text2sdg)": read("text2sdg_sdgo_ontology_queries.csv", "keyword"),
        "SDSN (text2sdg)": read("text2sdg_sdsn_keywords.csv", "keyword", "/"),
        "SIRIS (text2sdg)": read("text2sdg_siris_queries.csv", "keyword"),
        "Elsevier 2021 key phrases": read("elsevier_2021_ml_keyphrases.csv", "keyphrase"),
    }


def _term_bag(texts: list[str], keywords: list[tuple[int, str]]) -> np.ndarray:
    """Per text and goal: the phrases found, each weighted 1 / the goals that use it."""
    from collections import defaultdict

    from jalinan.sdgs.query_language import Doc, Lexicon, Match, patterns

    lexicon = Lexicon()
    goals_of: dict[int, set[int]] = defaultdict(set)
    for sdg, kw in keywords:
        parts = patterns(kw)
        if parts:
            goals_of[lexicon.add(parts)].add(sdg)
    out = np.zeros((len(texts), 17))
    for i, text in enumerate(texts):
        for pid in Match(Doc(text), lexicon).found:
            for g in goals_of[pid]:
                out[i, g - 1] += 1 / len(goals_of[pid])
    return out
