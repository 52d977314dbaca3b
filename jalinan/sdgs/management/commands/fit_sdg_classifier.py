"""Fit the SDG classifier's few dozen weights on a benchmark-format CSV and write them (and a
note on how they were made) to ``jalinan/sdgs/data/sdg_classifier.json``. Only coefficients are
written, never texts.

    python manage.py fit_sdg_classifier \
        --benchmark ../shared/datasets/sdg-classification-benchmark/benchmark.csv
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
from django.core.management.base import BaseCommand, CommandError

from jalinan.sdgs import classifier
from jalinan.sdgs.engine import FEATURE_GROUPS, FEATURES
from jalinan.sdgs.training import (
    MODEL_JSON,
    file_sha256,
    fit_with_chosen_c,
    read_benchmark,
    row_features,
)


class Command(BaseCommand):
    help = "Fit the SDG classifier's logistic regression on a benchmark CSV (writes JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--benchmark", required=True, help="CSV with id,text,sdg,label")
        parser.add_argument("--out", default=str(MODEL_JSON))
        parser.add_argument(
            "--groups",
            default=",".join(FEATURE_GROUPS),
            help=f"feature groups to use (of {', '.join(FEATURE_GROUPS)})",
        )

    def handle(self, *args, benchmark, out, groups, **options):
        path = Path(benchmark)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        chosen = [g.strip() for g in groups.split(",") if g.strip()]
        unknown = set(chosen) - set(FEATURE_GROUPS)
        if unknown:
            raise CommandError(f"Unknown feature group(s): {', '.join(sorted(unknown))}")
        features = [f for f in FEATURES if any(f in FEATURE_GROUPS[g] for g in chosen)]
        rows = read_benchmark(path)
        texts = sorted({r.text for r in rows})
        index = {t: i for i, t in enumerate(texts)}
        started = time.monotonic()
        eng = classifier.engine()
        cube = eng.features(eng.analyse(texts))
        x = row_features(cube, [index[r.text] for r in rows], [r.sdg for r in rows])
        y = np.array([r.label for r in rows])
        sdg = np.array([r.sdg for r in rows])
        groups_ = np.array([index[r.text] for r in rows])
        model = fit_with_chosen_c(x, y, sdg, groups_, features)
        model.meta = {
            "about": (
                "Weights of the SDG classifier's logistic regression (jalinan.sdgs.training), "
                "fitted by `manage.py fit_sdg_classifier` on the development half of the SDG "
                "Classification Benchmark (github.com/SDGClassification/benchmark; texts from "
                "the OSDG Community Dataset, CC BY 4.0). Only these coefficients are shipped: "
                "no text or excerpt of the benchmark. One weight per feature, shared by all 17 "
                "goals; C chosen by 5-fold cross-validation on the same rows."
            ),
            "fitted_on": {
                "file": path.name,
                "sha256": file_sha256(path),
                "rows": len(rows),
                "texts": len(texts),
            },
            "encoder": eng.encoder.name,
            "classifier_version": classifier.VERSION,
        }
        Path(out).write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        self.stdout.write(
            f"Wrote {out}: {len(features)} features, C={model.C}, "
            f"{len(rows)} rows, {time.monotonic() - started:.1f} s"
        )
