"""Fitting and honestly measuring the SDG classifier's small logistic regression.

The only fitted parameters are a standardisation (mean and scale per feature), one weight per
feature, an intercept and the regularisation strength C — a few dozen numbers, shared by all
17 goals (no per-goal parameters). They are fitted on rows of the SDG Classification Benchmark
format (``id,text,sdg,label``: does ``text`` address ``sdg``?), and shipped as
``data/sdg_classifier.json`` (coefficients only; never texts).

:func:`cross_validate` gives the honest estimate: repeated stratified k-fold, folds grouped by
text, in which *every* parameter — scaling, weights, intercept and the choice of C (by an
inner cross-validation on the training folds only) — is refit without the held-out fold.

:func:`benchmark_metrics` computes the benchmark's figures exactly as its protocol defines
them: per SDG a confusion matrix, accuracy, precision and recall in %, F1 as a fraction
(0 when a denominator is 0), and the unweighted mean over the SDGs that have rows.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .engine import FEATURES

C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
MODEL_JSON = Path(__file__).resolve().parent / "data" / "sdg_classifier.json"


@dataclass
class BenchmarkRow:
    id: str
    text: str
    sdg: int
    label: bool


def read_benchmark(path) -> list[BenchmarkRow]:
    """Rows of a CSV with the columns ``id, text, sdg, label`` (label True/False)."""
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"text", "sdg", "label"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        for i, r in enumerate(reader):
            label = str(r["label"]).strip().lower()
            if label not in ("true", "false", "1", "0"):
                raise ValueError(f"{path}: row {i + 2}: label must be True or False")
            sdg = int(r["sdg"])
            if not 1 <= sdg <= 17:
                raise ValueError(f"{path}: row {i + 2}: sdg must be 1 to 17")
            rows.append(BenchmarkRow(r.get("id") or str(i), r["text"], sdg, label in ("true", "1")))
    return rows


def file_sha256(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# -- the model ---------------------------------------------------------------------------------


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


@dataclass
class LinearModel:
    """A standardised logistic regression over named features."""

    features: list[str]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float = 0.5
    C: float = 1.0
    meta: dict = field(default_factory=dict)
    # The names of the columns of the arrays it is applied to (not saved).
    names: list[str] = field(default_factory=lambda: FEATURES)

    def columns(self) -> list[int]:
        return [self.names.index(f) for f in self.features]

    def proba(self, cube: np.ndarray) -> np.ndarray:
        """Probabilities for an array whose last axis is :data:`FEATURES`."""
        x = cube[..., self.columns()]
        return _sigmoid(((x - self.mean) / self.scale) @ self.coef + self.intercept)

    def to_json(self) -> dict:
        return {
            **self.meta,
            "features": self.features,
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            "coef": [round(float(v), 6) for v in self.coef],
            "intercept": round(float(self.intercept), 6),
            "threshold": self.threshold,
            "C": self.C,
        }

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        unknown = set(data["features"]) - set(FEATURES)
        if unknown:
            raise ValueError(f"the model names unknown features: {sorted(unknown)}")
        meta = {
            k: v
            for k, v in data.items()
            if k not in {"features", "mean", "scale", "coef", "intercept", "threshold", "C"}
        }
        return cls(
            features=list(data["features"]),
            mean=np.asarray(data["mean"], dtype=float),
            scale=np.asarray(data["scale"], dtype=float),
            coef=np.asarray(data["coef"], dtype=float),
            intercept=float(data["intercept"]),
            threshold=float(data.get("threshold", 0.5)),
            C=float(data.get("C", 1.0)),
            meta=meta,
        )


def load_model(path=MODEL_JSON) -> LinearModel:
    with open(path, encoding="utf-8") as fh:
        return LinearModel.from_json(json.load(fh))


def row_features(cube: np.ndarray, index: list[int], sdgs: list[int]) -> np.ndarray:
    """The feature rows of (text, sdg) pairs from an N x 17 x F cube."""
    return cube[np.asarray(index), np.asarray(sdgs) - 1, :]


def fit(x: np.ndarray, y: np.ndarray, features: list[str], C: float, names=FEATURES):
    """Standardise, then an L2-regularised logistic regression (shared across goals).
    ``names`` are the names of ``x``'s columns (default: the engine's features)."""
    cols = [names.index(f) for f in features]
    x = x[:, cols]
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    coef, intercept = logistic_regression((x - mean) / scale, np.asarray(y, dtype=float), C)
    return LinearModel(features, mean, scale, coef, intercept, C=C, names=list(names))


def logistic_regression(x: np.ndarray, y: np.ndarray, C: float, iterations: int = 50):
    """Minimise ``C * sum(log loss) + ||w||^2 / 2`` (intercept not penalised) by Newton's
    method: the same optimum as scikit-learn's ``LogisticRegression(C=C)``, in a fraction of
    the time on a few hundred rows and a few dozen features (cross-validation fits thousands).
    """
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    penalty = np.ones(d + 1) / C
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = _sigmoid(xb @ w)
        grad = xb.T @ (p - y) + penalty * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(penalty) + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w[:-1].copy(), float(w[-1])


def _folds(y, sdg, groups, k, seed):
    from sklearn.model_selection import StratifiedGroupKFold

    strata = np.asarray(sdg) * 2 + np.asarray(y, dtype=int)
    splitter = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(y)), strata, groups))


def choose_c(x, y, sdg, groups, features, *, grid=C_GRID, k=5, seed=0, names=FEATURES):
    """The C whose inner k-fold accuracy (mean over SDGs) is best; ties go to the smaller C
    (the stronger regularisation)."""
    best_c, best = grid[0], -1.0
    folds = _folds(y, sdg, groups, k, seed)
    for c in grid:
        pred = np.zeros(len(y), dtype=bool)
        for tr, te in folds:
            model = fit(x[tr], y[tr], features, c, names)
            pred[te] = _proba_rows(model, x[te]) >= model.threshold
        score = benchmark_metrics(sdg, y, pred)["average"]["accuracy"]
        if score > best + 1e-9:
            best_c, best = c, score
    return best_c


def _proba_rows(model: LinearModel, x: np.ndarray) -> np.ndarray:
    z = ((x[:, model.columns()] - model.mean) / model.scale) @ model.coef
    return _sigmoid(z + model.intercept)


def _one_thread():
    """BLAS threads only slow down thousands of tiny fits (and fight for a shared CPU)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


def fit_with_chosen_c(x, y, sdg, groups, features, *, seed=0, names=FEATURES) -> LinearModel:
    with _one_thread():
        c = choose_c(x, y, sdg, groups, features, seed=seed, names=names)
        return fit(x, y, features, c, names)


def cross_validate(
    x, y, sdg, groups, features, *, k: int = 10, repeats: int = 3, seed: int = 0, names=FEATURES
) -> dict:
    """Repeated k-fold predictions in which every parameter, C included, is refit without
    the held-out fold. Returns the benchmark figures averaged over the repeats, each
    repeat's average accuracy, and the Cs chosen."""
    y = np.asarray(y, dtype=bool)
    sdg = np.asarray(sdg)
    with _one_thread():
        return _cross_validate(x, y, sdg, groups, features, k, repeats, seed, names)


def _cross_validate(x, y, sdg, groups, features, k, repeats, seed, names):
    runs, chosen = [], []
    for r in range(repeats):
        pred = np.zeros(len(y), dtype=bool)
        for tr, te in _folds(y, sdg, groups, k, seed + r):
            model = fit_with_chosen_c(
                x[tr], y[tr], sdg[tr], groups[tr], features, seed=seed + r, names=names
            )
            chosen.append(model.C)
            pred[te] = _proba_rows(model, x[te]) >= model.threshold
        runs.append(benchmark_metrics(sdg, y, pred))
    out = average_metrics(runs)
    out["repeats"] = [round(m["average"]["accuracy"], 2) for m in runs]
    out["C_chosen"] = {str(c): chosen.count(c) for c in sorted(set(chosen))}
    return out


# -- the benchmark's figures ---------------------------------------------------------------------

_FIGURES = ("n", "accuracy", "precision", "recall", "f1", "tp", "fp", "tn", "fn")


def confusion_metrics(tp: int, fp: int, tn: int, fn: int) -> dict:
    """The benchmark's metrics from one confusion matrix (accuracy, precision and recall in
    %, F1 as a fraction; 0 where a denominator is 0)."""
    n = tp + fp + tn + fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "n": n,
        "accuracy": 100.0 * (tp + tn) / n if n else 0.0,
        "precision": 100.0 * precision,
        "recall": 100.0 * recall,
        "f1": f1,
        "tp": tp,
        "fp": fp,
        "tn": tn,
        "fn": fn,
    }


def benchmark_metrics(sdg, expected, predicted) -> dict:
    """Per-SDG figures and their plain (unweighted) mean over the SDGs that have rows."""
    sdg = np.asarray(sdg)
    expected = np.asarray(expected, dtype=bool)
    predicted = np.asarray(predicted, dtype=bool)
    per = []
    for g in range(1, 18):
        m = sdg == g
        e, p = expected[m], predicted[m]
        per.append(
            {
                "sdg": g,
                **confusion_metrics(
                    int(np.sum(e & p)),
                    int(np.sum(~e & p)),
                    int(np.sum(~e & ~p)),
                    int(np.sum(e & ~p)),
                ),
            }
        )
    present = [row for row in per if row["n"] > 0]
    average = {f: float(np.mean([row[f] for row in present])) if present else 0.0 for f in _FIGURES}
    return {"average": average, "per_sdg": per}


def average_metrics(runs: list[dict]) -> dict:
    """The mean of several runs' figures (each figure averaged per SDG and overall)."""
    per = []
    for g in range(17):
        row = {"sdg": g + 1}
        for f in _FIGURES:
            row[f] = float(np.mean([run["per_sdg"][g][f] for run in runs]))
        per.append(row)
    average = {f: float(np.mean([run["average"][f] for run in runs])) for f in _FIGURES}
    return {"average": average, "per_sdg": per}


def rounded(metrics: dict) -> dict:
    """Figures rounded for printing: 1 decimal for %, 3 for F1."""

    def r(row):
        return {
            k: (round(v, 3) if k == "f1" else round(v, 1) if isinstance(v, float) else v)
            for k, v in row.items()
        }

    out = dict(metrics)
    out["average"] = r(metrics["average"])
    out["per_sdg"] = [r(row) for row in metrics["per_sdg"]]
    return out
