"""The benchmark's metrics, checked against a published evaluation, and evaluate_sdg on a
constructed CSV with known counts."""

import csv
import json

import pytest
from django.core.management import call_command

from jalinan.sdgs.training import benchmark_metrics, confusion_metrics

# AFD SDG Prospector's published per-SDG confusion counts (tp, fp, tn, fn) and its published
# figures (evaluations/sdg-prospector/stats.csv of the SDG Classification Benchmark).
PROSPECTOR = {
    1: (23, 0, 50, 4), 2: (39, 3, 21, 6), 3: (24, 3, 45, 4), 4: (41, 2, 37, 2),
    5: (23, 1, 33, 12), 6: (43, 2, 35, 5), 7: (50, 5, 45, 0), 8: (34, 4, 32, 4),
    9: (23, 3, 26, 5), 10: (21, 0, 32, 8), 11: (21, 1, 41, 6), 12: (32, 2, 35, 11),
    13: (29, 3, 29, 4), 14: (26, 5, 44, 9), 15: (31, 3, 27, 10), 16: (32, 3, 30, 3),
    17: (19, 3, 30, 12),
}  # fmt: skip


def test_one_published_row():
    m = confusion_metrics(*PROSPECTOR[1])  # published: 77, 94.8, 100.0, 85.2, 0.9
    assert m["n"] == 77
    assert round(m["accuracy"], 1) == 94.8
    assert round(m["precision"], 1) == 100.0
    assert round(m["recall"], 1) == 85.2
    assert round(m["f1"], 1) == 0.9 and m["f1"] == pytest.approx(0.92, abs=0.001)


def test_the_published_average_is_the_plain_mean_over_sdgs():
    sdg, expected, predicted = [], [], []
    for g, (tp, fp, tn, fn) in PROSPECTOR.items():
        for e, p, n in ((True, True, tp), (False, True, fp), (False, False, tn), (True, False, fn)):
            sdg += [g] * n
            expected += [e] * n
            predicted += [p] * n
    avg = benchmark_metrics(sdg, expected, predicted)["average"]
    # published Average row: n 73.6, accuracy 87.8, precision 92.4, recall 82.1
    assert round(avg["n"], 1) == 73.6
    assert round(avg["accuracy"], 1) == 87.8
    assert round(avg["precision"], 1) == 92.4
    assert round(avg["recall"], 1) == 82.1


def test_zero_denominators_give_zero():
    m = confusion_metrics(0, 0, 5, 0)
    assert m["precision"] == m["recall"] == m["f1"] == 0 and m["accuracy"] == 100


def test_sdgs_without_rows_are_left_out_of_the_average():
    avg = benchmark_metrics([3, 3], [True, False], [True, True])["average"]
    assert avg["accuracy"] == 50 and avg["n"] == 2


@pytest.fixture
def constructed_csv(tmp_path, fake_classifier):
    """Rows whose predicted sets are known: the fake classifier says 7 for 'solar' texts,
    9 for 'factory' texts, nothing else."""
    rows = []
    # SDG 7: 3 TP (solar, True), 1 FP (solar, False), 2 TN, 2 FN
    rows += [(f"solar farm {i}", 7, True) for i in range(3)]
    rows += [("solar tax law", 7, False)]
    rows += [(f"tax law {i}", 7, False) for i in range(2)]
    rows += [(f"wind farm {i}", 7, True) for i in range(2)]
    # SDG 9: 1 TP, 0 FP, 1 TN, 1 FN
    rows += [("a factory", 9, True), ("a bakery", 9, False), ("a mill", 9, True)]
    path = tmp_path / "bench.csv"
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text", "sdg", "label"])
        for i, (text, sdg, label) in enumerate(rows):
            w.writerow([f"r{i}", text, sdg, label])
    return path


def test_evaluate_sdg_prints_the_benchmark_figures(constructed_csv, capsys, db):
    call_command("evaluate_sdg", benchmark=str(constructed_csv), json=True, no_cv=True)
    report = json.loads(capsys.readouterr().out)
    seven, nine = report["production"]["per_sdg"][6], report["production"]["per_sdg"][8]
    assert (seven["tp"], seven["fp"], seven["tn"], seven["fn"]) == (3, 1, 2, 2)
    assert seven["accuracy"] == 62.5 and seven["precision"] == 75.0 and seven["recall"] == 60.0
    assert seven["f1"] == pytest.approx(0.667, abs=0.001)
    assert (nine["tp"], nine["fp"], nine["tn"], nine["fn"]) == (1, 0, 1, 1)
    # the average is over the two SDGs present
    assert report["production"]["average"]["accuracy"] == pytest.approx((62.5 + 200 / 3) / 2, 0.01)
    assert report["rows"] == 11 and report["throughput"]["texts"] == 11


def test_evaluate_sdg_cross_validates(tmp_path, capsys, db, monkeypatch):
    """With the stand-in encoder, on a small constructed set: the cross-validated block is
    there, refit per fold, with its figures."""
    path = tmp_path / "bench.csv"
    topics = {
        7: ("solar panels and renewable energy for households", "a tax law reform"),
        14: ("coral reefs and marine fisheries", "a bank merger"),
    }
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text", "sdg", "label"])
        for g, (yes, no) in topics.items():
            for i in range(10):
                w.writerow([f"{g}y{i}", f"{yes} ({i})", g, "True"])
                w.writerow([f"{g}n{i}", f"{no} ({i})", g, "False"])
    from jalinan.sdgs.management.commands import evaluate_sdg

    # one ablation is enough to exercise the path (the full list is for make eval)
    monkeypatch.setattr(
        evaluate_sdg, "ABLATIONS", {"similarity only": evaluate_sdg.ABLATIONS["similarity only"]}
    )
    call_command("evaluate_sdg", benchmark=str(path), json=True, folds=5, repeats=1, ablations=True)
    report = json.loads(capsys.readouterr().out)
    cv = report["cross_validated"]
    assert cv["folds"] == 5 and len(cv["repeats"]) == 1
    assert cv["average"]["accuracy"] >= 90  # trivially separable
    assert "similarity only" in report["ablations"]
    assert "rule: any Aurora line" in report["ablations"]


def test_evaluate_sdg_refuses_a_bad_csv(tmp_path, db):
    from django.core.management.base import CommandError

    path = tmp_path / "bad.csv"
    path.write_text("id,text,sdg\n1,x,3\n")
    with pytest.raises(CommandError, match="label"):
        call_command("evaluate_sdg", benchmark=str(path))
