"""The memorandum types a new installation starts with (IIUM's), as the data migration seeds
them. :func:`jalinan.agreements.services.types_ensure_defaults` puts back any that are missing
(demo data, a flushed test database)."""

# (code, name, Malay name, abbreviation, goes to MCOM and UMC)
TYPES = [
    ("mou", "Memorandum of Understanding", "Memorandum Persefahaman", "MOU", True),
    ("moa", "Memorandum of Agreement", "Memorandum Perjanjian", "MOA", True),
    ("rca", "Research Collaboration Agreement", "Perjanjian Kolaborasi Penyelidikan", "RCA", True),
    ("cra", "Contract Research Agreement", "Perjanjian Penyelidikan Kontrak", "CRA", True),
    (
        "lca",
        "Licensing & Commercialisation Agreement",
        "Perjanjian Pelesenan & Pengkomersialan",
        "LCA",
        True,
    ),
    ("ipa", "IP Arrangement Agreement", "Perjanjian Pengaturan Harta Intelek", "IPA", True),
    ("osa", "Outright Sales Agreement", "Perjanjian Jualan Terus", "OSA", True),
    ("sea", "Student Exchange Agreement", "Perjanjian Pertukaran Pelajar", "SEA", True),
    ("ia", "Internship Agreement", "Perjanjian Latihan Industri", "IA", True),
    (
        "tpa",
        "Translation & Publication Agreement",
        "Perjanjian Terjemahan & Penerbitan",
        "TPA",
        True,
    ),
    ("nda", "Non-Disclosure Agreement", "Perjanjian Tanpa Pendedahan", "NDA", False),
    ("loi", "Letter of Intent", "Surat Hasrat", "LOI", False),
    ("sla", "Service Level Agreement", "Perjanjian Tahap Perkhidmatan", "SLA", False),
]
