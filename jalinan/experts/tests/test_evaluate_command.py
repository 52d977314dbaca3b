"""evaluate_matching on a small gold standard made here (same layout as the real one)."""

import io
import json

from django.core.management import call_command

RATED = {
    "111": {"p-corr": 5.0, "p-cath": 3.5, "p-speech": 1.0},
    "222": {"p-speech": 4.5, "p-nlp": 4.0, "p-corr": 1.5},
}
PAPERS = {
    "p-corr": ("Pitting corrosion of steel pipelines", "Seawater corrosion of carbon steel."),
    "p-cath": ("Cathodic protection of jetties", "Sacrificial anodes against corrosion."),
    "p-speech": ("Malay speech recognition", "Acoustic models for Malay speech."),
    "p-nlp": ("Malay text classification", "Transformers for Malay language text."),
}
ARCHIVES = {
    "111": [
        ("a1", "Corrosion of carbon steel in seawater", "Pitting of pipelines.", 2020),
        ("a2", "Anodes for cathodic protection", "Corrosion control of steel.", 2019),
    ],
    "222": [
        ("b1", "Speech recognition for Malay", "Acoustic and language models.", 2021),
        ("b2", "Malay language processing", "Text classification of Malay.", 2022),
    ],
}


def make_dataset(root):
    (root / "data").mkdir(parents=True)
    header = ["ParticipantID"] + [f"Paper{i}" for i in range(1, 11)]
    header += [f"Expertise{i}" for i in range(1, 11)]
    lines = ["\t".join(header)]
    for pid, rated in RATED.items():
        papers = list(rated) + [""] * (10 - len(rated))
        values = [str(v) for v in rated.values()] + [""] * (10 - len(rated))
        lines.append("\t".join([pid, *papers, *values]))
    (root / "data" / "evaluations.csv").write_text("\n".join(lines) + "\n")
    for v in (1, 2):
        d = root / "evaluation_datasets" / f"d_20_{v}" / "archives"
        d.mkdir(parents=True)
        for pid, docs in ARCHIVES.items():
            rows = [
                json.dumps({"id": i, "content": {"title": t, "abstract": a, "year": y}})
                for i, t, a, y in (docs if v == 1 else docs[::-1])
            ]
            (d / f"~{pid}.jsonl").write_text("\n".join(rows) + "\n")
        subs = {
            p: {"id": p, "content": {"title": t, "abstract": a, "year": 2022}}
            for p, (t, a) in PAPERS.items()
        }
        (d.parent / "submissions.json").write_text(json.dumps(subs))


def test_prints_the_loss_and_counts(db, tmp_path, settings):
    settings.JALINAN_EMBEDDER = "hashing"
    make_dataset(tmp_path)
    out = io.StringIO()
    call_command(
        "evaluate_matching", dataset=str(tmp_path), json=True, no_scratch_db=True, stdout=out
    )
    result = json.loads(out.getvalue())
    assert result["datasets"] == 2 and result["participants"] == 2
    assert result["model"] == "hashing-256"
    assert result["loss"] == 0.0  # each person's own field ranks first, the other last
    assert result["easy"] == 1.0
    assert {"loss", "easy", "hard", "per_dataset", "scorer"} <= set(result)


def test_participants_file_restricts(db, tmp_path, settings):
    settings.JALINAN_EMBEDDER = "hashing"
    make_dataset(tmp_path)
    only = tmp_path / "only.json"
    only.write_text(json.dumps([222]))
    out = io.StringIO()
    call_command(
        "evaluate_matching",
        dataset=str(tmp_path),
        participants=str(only),
        json=True,
        no_scratch_db=True,
        ablations=True,
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert result["participants"] == 1
    assert result["ablations"]["dense only"]["loss"] <= 0.5
