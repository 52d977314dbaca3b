"""The demo's plan: everything to create, drawn from the seed alone (no database)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from jalinan.core.demo import data

from ..choices import ApplicationStatus as S

DOMAIN = "demo.iium.example"
DEMO_PASSWORD = "jalinan-demo"  # noqa: S105 - the documented demo password

# (code, name, name in Malay, level, kulliyyah code, field, skills)
PROGRAMMES = [
    ("beng-mech", "BEng (Hons) Mechanical Engineering", "Sarjana Muda Kejuruteraan Mekanikal",
     "bachelor", "koe", "eng", ["SolidWorks", "MATLAB", "AutoCAD", "CNC machining", "FEA"]),
    ("beng-mct", "BEng (Hons) Mechatronics Engineering", "Sarjana Muda Kejuruteraan Mekatronik",
     "bachelor", "koe", "eng", ["PLC", "ROS", "Embedded C", "Arduino", "Python"]),
    ("beng-ece", "BEng (Hons) Electrical and Electronic Engineering",
     "Sarjana Muda Kejuruteraan Elektrik dan Elektronik", "bachelor", "koe", "eng",
     ["Circuit design", "PCB layout", "MATLAB", "Power systems", "Verilog"]),
    ("beng-civil", "BEng (Hons) Civil Engineering", "Sarjana Muda Kejuruteraan Awam",
     "bachelor", "koe", "eng", ["AutoCAD", "Revit", "Structural analysis", "Surveying"]),
    ("beng-chem", "BEng (Hons) Chemical Engineering", "Sarjana Muda Kejuruteraan Kimia",
     "bachelor", "koe", "eng", ["Aspen HYSYS", "Process safety", "MATLAB", "Lab analysis"]),
    ("bcs", "BSc (Hons) Computer Science", "Sarjana Muda Sains Komputer", "bachelor", "kict",
     "ict", ["Python", "Java", "SQL", "Machine learning", "Git"]),
    ("bit", "Bachelor of Information Technology (Hons)", "Sarjana Muda Teknologi Maklumat",
     "bachelor", "kict", "ict", ["JavaScript", "SQL", "Networking", "Linux", "UI design"]),
    ("bacc", "Bachelor of Accounting (Hons)", "Sarjana Muda Perakaunan", "bachelor", "kenms",
     "biz", ["Excel", "Auditing", "Islamic finance", "SQL Accounting", "Taxation"]),
    ("bba", "Bachelor of Business Administration (Hons)", "Sarjana Muda Pentadbiran Perniagaan",
     "bachelor", "kenms", "biz", ["Marketing", "Excel", "Project management", "Canva"]),
    ("barch", "BSc (Hons) Architectural Studies", "Sarjana Muda Sains Seni Bina", "bachelor",
     "kaed", "arch", ["Revit", "SketchUp", "Rhino", "Green building"]),
    ("bsc-biotech", "BSc (Hons) Biotechnology", "Sarjana Muda Sains Bioteknologi", "bachelor",
     "kos", "sci", ["PCR", "Cell culture", "Lab safety", "Halal analysis"]),
    ("bsc-chem", "BSc (Hons) Industrial Chemistry", "Sarjana Muda Sains Kimia Industri",
     "bachelor", "kos", "sci", ["HPLC", "GC-MS", "Quality control", "Lab safety"]),
    ("bpharm", "Bachelor of Pharmacy (Hons)", "Sarjana Muda Farmasi", "bachelor", "kop", "sci",
     ["GMP", "Pharmacology", "Formulation", "Quality control"]),
    ("llb", "Bachelor of Laws (Hons)", "Sarjana Muda Undang-undang", "bachelor", "aikol", "law",
     ["Legal research", "Drafting", "Contract law", "Arabic"]),
    ("msc-eng", "Master of Science (Engineering)", "Sarjana Sains (Kejuruteraan)", "master",
     "koe", "research", ["Research methods", "MATLAB", "Technical writing"]),
    ("phd-cs", "Doctor of Philosophy (Computer Science)", "Doktor Falsafah (Sains Komputer)",
     "doctorate", "kict", "research", ["Machine learning", "Python", "Technical writing"]),
]  # fmt: skip
PROGRAMME_WEIGHTS = [12, 10, 9, 7, 6, 12, 9, 6, 6, 4, 4, 3, 3, 3, 3, 2]

TITLES = {
    "eng": ["Engineering intern", "Maintenance engineering intern", "Design engineering intern",
            "Process improvement intern", "Quality engineering intern", "Automation intern"],
    "ict": ["Software engineering intern", "Data analytics intern", "IT support intern",
            "Cybersecurity intern", "Web developer intern", "Cloud operations intern"],
    "biz": ["Finance intern", "Audit assistant intern", "Marketing intern",
            "Business development intern", "Islamic finance intern"],
    "arch": ["Architectural assistant intern", "Sustainable design intern"],
    "sci": ["Laboratory intern", "Quality control intern", "Halal assurance intern",
            "Regulatory affairs intern"],
    "law": ["Legal intern", "Compliance intern"],
}  # fmt: skip
PROJECT_TITLES = ["Industry final-year project: %s", "Capstone project: %s"]
PROJECT_TOPICS = ["predictive maintenance", "energy audit", "process dashboard",
                  "waste reduction", "halal traceability", "customer analytics"]  # fmt: skip
RESEARCH_TITLES = ["Research with industry: %s", "Sponsored MSc/PhD research: %s"]
JOB_TITLES = {
    "eng": "Graduate engineer",
    "ict": "Graduate software developer",
    "biz": "Graduate executive",
    "arch": "Graduate architectural assistant",
    "sci": "Graduate chemist",
    "law": "Legal executive (graduate)",
}
CHINESE_SURNAMES = ["Tan", "Lim", "Wong", "Lee", "Ng", "Chong", "Ong", "Goh", "Teoh", "Chan"]
CHINESE_GIVEN = ["Wei Jie", "Xin Yi", "Jia Hui", "Zhi Hao", "Kai Xuan", "Mei Qi", "Jun Hao"]
INDIAN_GIVEN = [("Arun", "a/l"), ("Kavitha", "a/p"), ("Deepak", "a/l"), ("Shalini", "a/p"),
                ("Ganesh", "a/l"), ("Nisha", "a/p"), ("Vikram", "a/l")]  # fmt: skip
INDIAN_FATHER = ["Raman", "Muthu", "Selvam", "Krishnan", "Gopal"]
LOG_ACTIVITIES = [
    "Shadowed the team and learned the safety procedures.",
    "Prepared drawings and reviewed them with my supervisor.",
    "Collected and cleaned data for the weekly report.",
    "Assisted with testing and wrote up the results.",
    "Joined site visits and took minutes at the progress meeting.",
    "Built a small tool to automate a manual task.",
    "Presented my progress to the department.",
]
LEARNED = [
    "How the company plans its work week by week.",
    "Reading real specifications is harder than coursework.",
    "Asking early saves time.",
    "Documenting as I go.",
    "",
]

# The three terms, in days from today: (deadline, start, weeks, training period needed).
TERMS = {
    "past": (-340, -300, 12, (-305, -200)),
    "now": (-75, -42, 12, (-50, 50)),
    "next": (30, 60, 12, (55, 170)),
}


@dataclass
class StudentPlan:
    email: str
    name: str
    programme: str
    term: str
    year: int
    cgpa: Decimal
    skills: list[str]
    languages: list[str]
    consent: bool
    shared: list[str]


@dataclass
class OpeningPlan:
    org_index: int
    title: str
    kind: str
    term: str
    programmes: list[str]
    years: tuple[int | None, int | None]
    work_mode: str
    deadline: int
    start: int
    weeks: int
    places: int
    allowance: int | None
    skills: list[str]
    description: str
    fate: str = "publish"  # unvetted partners: approve, pending, reject


@dataclass
class ApplicationPlan:
    student: int
    opening: int
    path: list[str]  # the moves after submitting
    consent: bool
    note: str


@dataclass
class Plan:
    students: list[StudentPlan] = field(default_factory=list)
    openings: list[OpeningPlan] = field(default_factory=list)
    applications: list[ApplicationPlan] = field(default_factory=list)


def _names(rng: random.Random, n: int) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        pick = rng.random()
        if pick < 0.65:
            female = rng.random() < 0.55
            given = rng.choice(data.MALAY_GIVEN_F if female else data.MALAY_GIVEN_M)
            name = f"{given} {'Binti' if female else 'Bin'} {rng.choice(data.MALAY_FATHER)}"
        elif pick < 0.85:
            name = f"{rng.choice(CHINESE_SURNAMES)} {rng.choice(CHINESE_GIVEN)}"
        elif pick < 0.95:
            given, link = rng.choice(INDIAN_GIVEN)
            name = f"{given} {link} {rng.choice(INDIAN_FATHER)}"
        else:
            name = rng.choice(data.INTERNATIONAL)
        if name in seen:
            if len(seen) > 600:  # the pools are spent: tell twins apart by a middle initial
                name = f"{name.split(' ')[0]} {chr(65 + len(out) % 26)}. {name.split(' ', 1)[1]}"
            else:
                continue
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def plan(seed: int, scale: float, organisations: int, partner_org: int) -> Plan:
    """Everything to create, from the seed alone (no database)."""
    rng = random.Random(f"{seed}:placements")
    p = Plan()
    n_students = max(12, round(400 * scale))
    n_openings = max(9, round(150 * scale))
    codes = [row[0] for row in PROGRAMMES]
    fields = {row[0]: row[5] for row in PROGRAMMES}
    skills_of = {row[0]: row[6] for row in PROGRAMMES}
    for i, name in enumerate(_names(rng, n_students)):
        programme = rng.choices(codes, PROGRAMME_WEIGHTS)[0]
        term = rng.choices(["past", "now", "next"], [25, 25, 50])[0]
        research = fields[programme] == "research"
        year = (
            rng.choice([1, 2])
            if research
            else {"past": 4, "now": rng.choice([3, 4])}.get(term, rng.choice([2, 3, 3]))
        )
        languages = ["Malay", "English"] + (["Arabic"] if rng.random() < 0.4 else [])
        if name.split(" ")[0] in CHINESE_SURNAMES:
            languages.append("Mandarin")
        p.students.append(
            StudentPlan(
                email=f"student{i + 1:03d}@{DOMAIN}",
                name=name,
                programme=programme,
                term=term,
                year=year,
                cgpa=Decimal(f"{rng.uniform(2.4, 3.95):.2f}"),
                skills=rng.sample(skills_of[programme], k=min(3, len(skills_of[programme]))),
                languages=languages,
                consent=rng.random() < 0.75,
                shared=sorted(rng.sample(["programme", "year", "skills", "cgpa", "cv"], k=2)),
            )
        )
    by_field: dict[str, list[str]] = {}
    for code, f in fields.items():
        by_field.setdefault(f, []).append(code)
    taken: set[tuple[int, str]] = set()
    for j in range(n_openings):
        term = rng.choices(["past", "now", "next"], [30, 30, 40])[0]
        # The demo partner's organisation posts one in every fifteen.
        org_index = partner_org if j % 15 == 0 else rng.randrange(organisations)
        kind = rng.choices(["internship", "industry_project", "research", "job"], [64, 14, 7, 15])[
            0
        ]
        if kind == "job" and term != "next":
            kind = "internship"
        f = rng.choice(["eng", "eng", "ict", "ict", "biz", "sci", "arch", "law"])
        if kind == "research":
            f = "research"
            title = rng.choice(RESEARCH_TITLES) % rng.choice(PROJECT_TOPICS)
        elif kind == "industry_project":
            title = rng.choice(PROJECT_TITLES) % rng.choice(PROJECT_TOPICS)
        elif kind == "job":
            title = JOB_TITLES[f]
        else:
            title = rng.choice(TITLES[f])
        while (org_index, title) in taken:
            title = f"{title} ({len(taken) % 7 + 2})"
        taken.add((org_index, title))
        pool = by_field[f]
        programmes = (
            []
            if rng.random() < 0.2 and f != "research"
            else rng.sample(pool, k=min(len(pool), rng.randint(1, 3)))
        )
        years = (
            (None, None)
            if f == "research" or rng.random() < 0.25
            else ((3, 4) if term != "next" else rng.choice([(2, 4), (3, 4), (2, 3)]))
        )
        if kind == "job":
            years = (4, None)
        deadline, start, weeks, _period = TERMS[term]
        shift = rng.randint(-6, 6)
        skills = rng.sample(
            sorted({s for c in (programmes or pool) for s in skills_of[c]}),
            k=min(3, len({s for c in (programmes or pool) for s in skills_of[c]})),
        )
        p.openings.append(
            OpeningPlan(
                org_index=org_index,
                title=title,
                kind=kind,
                term=term,
                programmes=programmes,
                years=years,
                work_mode=rng.choices(["on_site", "hybrid", "remote"], [70, 20, 10])[0],
                deadline=deadline + shift,
                start=start + shift + (30 if kind == "job" else 0),
                weeks=weeks + rng.choice([-2, 0, 0, 2]) + (40 if kind == "job" else 0),
                places=rng.choice([2, 3, 4, 4, 5, 6]),
                allowance=rng.choice([None, 500, 600, 800, 1000, 1200])
                if kind != "job"
                else rng.choice([3200, 3500, 4000]),
                skills=skills,
                description=(
                    f"{title} with our team. You will work on real projects, "
                    f"with a supervisor, using {', '.join(skills) or 'your skills'}."
                ),
                fate=rng.choices(["approve", "pending", "reject"], [62, 25, 13])[0]
                if term == "next"
                else "approve",
            )
        )
    # Applications: each student applies to a few openings of their term they qualify for.
    fits: dict[tuple[str, str, int], list[int]] = {}

    def fitting(s: StudentPlan) -> list[int]:
        key = (s.term, s.programme, s.year)
        if key not in fits:
            fits[key] = [
                j
                for j, o in enumerate(p.openings)
                if o.term == s.term
                and o.kind != "job"
                and o.fate in ("approve", "publish")
                and (not o.programmes or s.programme in o.programmes)
                and (o.years[0] is None or s.year >= o.years[0])
                and (o.years[1] is None or s.year <= o.years[1])
            ]
        return fits[key]

    held = [0] * len(p.openings)  # offered or accepted
    for i, s in enumerate(p.students):
        options = fitting(s)
        if not options:
            continue
        chosen = rng.sample(options, k=min(len(options), rng.randint(1, 3)))
        place = {"past": 0.92, "now": 0.88, "next": 0.15}[s.term] > rng.random()
        winner = None
        if place:
            # The first of the chosen with a place left, else any fitting one with a place.
            winner = next((j for j in chosen if held[j] < p.openings[j].places), None)
            if winner is None:
                spare = [j for j in options if held[j] < p.openings[j].places]
                if spare:
                    winner = rng.choice(spare)
                    chosen.append(winner)
            if winner is not None:
                held[winner] += 1
        plans = []
        for j in chosen:
            if j == winner:
                path = [S.SHORTLISTED] + ([S.INTERVIEW] if rng.random() < 0.5 else [])
                path += [S.OFFERED, S.ACCEPTED]
            elif s.term == "next":
                path = rng.choice(
                    [[], [], [S.SHORTLISTED], [S.SHORTLISTED, S.INTERVIEW], [S.REJECTED],
                     [S.WITHDRAWN], [S.SHORTLISTED, S.OFFERED]]
                )  # fmt: skip
                if S.OFFERED in path:
                    if held[j] >= p.openings[j].places or winner is not None:
                        path = [S.SHORTLISTED]
                    else:
                        held[j] += 1
            else:
                path = rng.choice(
                    [[S.REJECTED], [S.SHORTLISTED, S.REJECTED], [S.WITHDRAWN],
                     [S.SHORTLISTED, S.INTERVIEW, S.REJECTED]]
                )  # fmt: skip
                if rng.random() < 0.15 and held[j] < p.openings[j].places:
                    path = [S.SHORTLISTED, S.OFFERED, S.DECLINED]
            plans.append(
                ApplicationPlan(
                    student=i,
                    opening=j,
                    path=path,
                    consent=s.consent if rng.random() < 0.9 else not s.consent,
                    note=rng.choice(
                        [
                            "I am keen to apply what I learned in my programme.",
                            "Your company's work matches my final-year interests.",
                            "I would value the chance to learn from your engineers.",
                            "I am available for the whole period and eager to contribute.",
                        ]
                    ),
                )
            )
        # The accepted one last: once it is accepted, overlapping applications are refused.
        plans.sort(key=lambda a: S.ACCEPTED in a.path)
        p.applications.extend(plans)
    return p
