"""The SDG framework as shipped in ``data/``: 17 goals, 169 targets and the indicators, with the
UN's English wording and the Arabic of the open-sdg translations (see ``data/README.md``).

Read from the package file, not the database, so that the classifier works wherever the code
is (tests, workers, a fresh clone); ``manage.py load_sdgs`` copies it into the tables the pages
use.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
WORDING_CSV = DATA / "sdg_goals_targets_indicators.csv"
CANONICAL = "unsd_gif_2023"  # the UN Statistics Division's 2023 wording: the English we show
TRANSLATIONS = "open_sdg_translations"

# Malay short names of the goals (no published Malay wording of targets exists; see NOTICE).
GOAL_NAMES_MS = {
    1: "Tiada kemiskinan",
    2: "Kebuluran sifar",
    3: "Kesihatan yang baik dan kesejahteraan",
    4: "Pendidikan berkualiti",
    5: "Kesaksamaan gender",
    6: "Air bersih dan sanitasi",
    7: "Tenaga mampu milik dan bersih",
    8: "Pekerjaan yang wajar dan pertumbuhan ekonomi",
    9: "Industri, inovasi dan infrastruktur",
    10: "Mengurangkan ketidaksamaan",
    11: "Bandar dan komuniti mampan",
    12: "Penggunaan dan pengeluaran bertanggungjawab",
    13: "Tindakan iklim",
    14: "Kehidupan di bawah air",
    15: "Kehidupan di darat",
    16: "Keamanan, keadilan dan institusi yang kukuh",
    17: "Perkongsian untuk matlamat",
}


@dataclass
class Indicator:
    code: str
    unsd_code: str
    text_en: str
    text_ar: str = ""


@dataclass
class Target:
    code: str
    text_en: str
    text_ar: str = ""
    indicators: list[Indicator] = field(default_factory=list)

    @property
    def goal(self) -> int:
        return int(self.code.split(".")[0])


@dataclass
class GoalText:
    number: int
    title_en: str
    short_en: str
    title_ar: str
    short_ar: str
    name_ms: str
    targets: list[Target] = field(default_factory=list)


def code_key(code: str) -> tuple:
    """Sort key of a target or indicator code: 1.2 < 1.10 < 1.a < 1.a.1."""
    out = []
    for part in code.split("."):
        out.append((0, int(part), "") if part.isdigit() else (1, 0, part))
    return tuple(out)


@cache
def framework() -> dict[int, GoalText]:
    """Goal number -> the goal with its targets and indicators, in the UN's order."""
    rows = list(csv.DictReader(WORDING_CSV.open(encoding="utf-8")))
    ar: dict[tuple[str, str, str], str] = {}
    short_en: dict[str, str] = {}
    for r in rows:
        if r["source"] != TRANSLATIONS:
            continue
        if r["lang"] == "ar":
            # Tatweel (U+0640) only stretches words in print: drop it.
            ar[(r["level"], r["code"], r["variant"])] = r["text"].replace("\u0640", "")
        elif r["level"] == "goal" and r["variant"] == "short":
            short_en[r["code"]] = r["text"]
    goals: dict[int, GoalText] = {}
    targets: dict[str, Target] = {}
    for r in rows:
        if r["source"] != CANONICAL or r["lang"] != "en":
            continue
        level, code = r["level"], r["code"]
        if level == "goal":
            goals[int(code)] = GoalText(
                number=int(code),
                title_en=r["text"],
                short_en=short_en.get(code, ""),
                title_ar=ar.get(("goal", code, "title"), ""),
                short_ar=ar.get(("goal", code, "short"), ""),
                name_ms=GOAL_NAMES_MS[int(code)],
            )
        elif level == "target":
            targets[code] = Target(code, r["text"], ar.get(("target", code, "title"), ""))
    for r in rows:
        if r["source"] == CANONICAL and r["lang"] == "en" and r["level"] == "indicator":
            target = targets[r["code"].rsplit(".", 1)[0]]
            if any(i.code == r["code"] for i in target.indicators):
                continue
            target.indicators.append(
                Indicator(
                    r["code"],
                    r["unsd_code"],
                    r["text"],
                    ar.get(("indicator", r["code"], "title"), ""),
                )
            )
    for code in sorted(targets, key=code_key):
        t = targets[code]
        t.indicators.sort(key=lambda i: code_key(i.code))
        goals[t.goal].targets.append(t)
    return dict(sorted(goals.items()))


def all_targets() -> list[Target]:
    return [t for g in framework().values() for t in g.targets]
