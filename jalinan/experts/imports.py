"""Publication import: BibTeX, RIS, CSV and an ORCID works export (JSON), read offline.

``parse(filename, content, profile)`` reads the file and checks every record with the model's
own rules, flagging duplicates of the profile's publications and of earlier records in the
same file (same DOI or same normalised title). Nothing is stored: the preview is kept for the
user (see views) and :func:`jalinan.experts.services.publications_import` creates the good
records once confirmed.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import PublicationKind
from .models import Publication, normalise_doi, normalise_title

MAX_BYTES = 5 * 1024 * 1024
MAX_RECORDS = 2000
FORMATS = {
    "bibtex": (".bib", ".bibtex"),
    "ris": (".ris",),
    "csv": (".csv",),
    "orcid": (".json",),
}
CSV_COLUMNS = ["title", "abstract", "year", "venue", "doi", "authors", "keywords", "type", "url"]
CSV_EXAMPLE = {
    "title": "Corrosion of carbon steel pipelines in tropical seawater",
    "abstract": "We measured pitting rates over two years at three offshore sites.",
    "year": "2023",
    "venue": "Corrosion Science",
    "doi": "10.1016/j.corsci.2023.111234",
    "authors": "Tan Wei Ming; Nurul Huda Salleh",
    "keywords": "corrosion; pipelines; seawater",
    "type": "article",
    "url": "",
}


class ImportFileError(Exception):
    """The whole file is refused: nothing is read from it."""


@dataclass
class Record:
    line: int  # record number in the file (1-based), or CSV line
    fields: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    duplicate: str = ""  # why it is a duplicate, if it is

    @property
    def status(self) -> str:
        if self.errors:
            return "rejected"
        return "duplicate" if self.duplicate else "ok"

    @property
    def title(self) -> str:
        return self.fields.get("title", "")

    def as_dict(self) -> dict:
        return asdict(self)


def detect_format(filename: str, content: bytes) -> str:
    name = filename.lower()
    for fmt, exts in FORMATS.items():
        if name.endswith(exts):
            return fmt
    if name.endswith(".txt"):
        head = content[:2000].decode("utf-8", "ignore")
        if re.search(r"^TY  - ", head, re.M):
            return "ris"
        if "@" in head and "{" in head:
            return "bibtex"
    raise ImportFileError(_("Upload a .bib, .ris, .csv or ORCID .json file."))


def _text(content: bytes) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(_("The file is UTF-16 encoded: save it as UTF-8."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _("The file is not UTF-8 encoded (byte %(pos)d).") % {"pos": exc.start + 1}
        ) from exc
    if "\x00" in text:
        raise ImportFileError(_("The file contains binary data."))
    return text


def _year(value) -> int | None | str:
    v = str(value or "").strip()
    if not v:
        return None
    m = re.search(r"\b(1[89]\d\d|20\d\d|2100)\b", v)
    return int(m.group(1)) if m else v  # a string is reported as an error below


def _split_keywords(text: str) -> list[str]:
    """Split on ";", new lines, and commas that are not inside brackets ("AI, ML (deep, wide)").

    One pass from the end, so a field of many commas costs linear time (the lookahead regex
    this replaces rescanned the rest of the field at every comma). A comma stays when the next
    bracket after it is a closing one, as before.
    """
    cuts = []
    closing_next = False
    for i in range(len(text) - 1, -1, -1):
        ch = text[i]
        if ch in "()":
            closing_next = ch == ")"
        elif ch in ";\n" or (ch == "," and not closing_next):
            cuts.append(i)
    items, start = [], 0
    for i in reversed(cuts):
        items.append(text[start:i])
        start = i + 1
    items.append(text[start:])
    return items


def _list(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        items = value
    else:
        items = _split_keywords(str(value or ""))
    return [" ".join(str(i).split()) for i in items if str(i).strip()]


def _kind(value: str) -> str:
    v = (value or "").lower().replace("_", "-")
    table = {
        "article": "article",
        "jour": "article",
        "journal-article": "article",
        "inproceedings": "conference",
        "conference": "conference",
        "conference-paper": "conference",
        "cpaper": "conference",
        "conf": "conference",
        "proceedings": "conference",
        "book": "book",
        "chapter": "chapter",
        "incollection": "chapter",
        "inbook": "chapter",
        "chap": "chapter",
        "book-chapter": "chapter",
        "phdthesis": "thesis",
        "mastersthesis": "thesis",
        "thes": "thesis",
        "dissertation": "thesis",
        "techreport": "report",
        "rprt": "report",
        "report": "report",
        "pat": "patent",
        "patent": "patent",
    }
    return table.get(v, PublicationKind.OTHER if v else PublicationKind.ARTICLE)


def _clean_tex(value: str) -> str:
    v = re.sub(r"\\[a-zA-Z]+\s*", "", value or "")
    v = v.replace("{", "").replace("}", "").replace("~", " ")
    return " ".join(v.split())


# -- readers: each returns a list of field dicts (one per record) ------------------------------


class _BibStrings:
    """@string macros expanded on demand, at most ``limit`` characters of a value: bibtexparser
    expands every definition whole, so a few hundred bytes of nested "s1 # s1 # ..." grew to
    gigabytes. Lengths are counted without building the text (the record is rejected with
    its real length)."""

    def __init__(self, strings: dict, limit: int):
        self.strings, self.limit, self.lengths = strings, limit, {}

    def _parts(self, value) -> list:
        from bibtexparser.bibdatabase import BibDataString, BibDataStringExpression

        if isinstance(value, BibDataStringExpression):
            return list(value.expr)
        if isinstance(value, BibDataString):
            if value.name not in self.strings:
                raise ImportFileError(
                    _("The BibTeX file uses the undefined string “%(name)s”.")
                    % {"name": value.name}
                )
            return [self.strings[value.name]]
        return [str(value)]

    def length(self, value, within=frozenset()) -> int:
        from bibtexparser.bibdatabase import BibDataString

        if isinstance(value, str):
            return len(value)
        name = value.name if isinstance(value, BibDataString) else None
        if name is None:  # an expression: "a # b"
            return sum(self.length(p, within) for p in self._parts(value))
        if name in self.lengths:
            return self.lengths[name]
        if name in within:
            raise ImportFileError(
                _("The BibTeX string “%(name)s” is defined through itself.") % {"name": name}
            )
        n = self.lengths[name] = sum(self.length(p, within | {name}) for p in self._parts(value))
        return n

    def text(self, value) -> tuple[str, int]:
        """The value's text (cut at the limit) and its full length."""
        full = self.length(value)
        out: list[str] = []
        room = min(full, self.limit)
        stack = [value]
        while stack and room > 0:
            v = stack.pop()
            if isinstance(v, str):
                out.append(v[:room])
                room -= len(out[-1])
            elif self.length(v):  # empty macros are skipped: no walk through nothing
                stack.extend(reversed(self._parts(v)))
        return "".join(out), full


def read_bibtex(text: str) -> list[dict]:
    import bibtexparser
    from bibtexparser.bparser import BibTexParser

    parser = BibTexParser(
        common_strings=True, ignore_nonstandard_types=False, interpolate_strings=False
    )
    try:
        db = bibtexparser.loads(text, parser=parser)
    except Exception as exc:  # bibtexparser raises many kinds on broken input
        raise ImportFileError(_("The BibTeX file could not be read: %(e)s") % {"e": exc}) from exc
    if not db.entries and text.strip():
        raise ImportFileError(_("No BibTeX entries were found in the file."))
    strings = _BibStrings(db.strings, settings.JALINAN_IMPORT_MAX_FIELD_CHARS)
    out = []
    for entry in db.entries:
        e, lengths = {}, {}
        try:
            for key, value in entry.items():
                e[key], n = strings.text(value)
                if n > len(e[key]):
                    lengths[key] = n
        except RecursionError as exc:  # a chain of thousands of strings
            raise ImportFileError(_("The BibTeX strings are nested too deeply.")) from exc
        venue_key = next((k for k in ("journal", "booktitle", "publisher") if e.get(k)), "")
        authors = [_clean_tex(a) for a in re.split(r"\s+and\s+", e.get("author", "")) if a.strip()]
        out.append(
            {
                "title": _clean_tex(e.get("title", "")),
                "abstract": _clean_tex(e.get("abstract", "")),
                "year": e.get("year", ""),
                "venue": _clean_tex(
                    e.get("journal") or e.get("booktitle") or e.get("publisher", "")
                ),
                "doi": e.get("doi", ""),
                "authors": "; ".join(authors),
                "keywords": e.get("keywords", ""),  # split by check(), after the length cap
                "kind": e.get("ENTRYTYPE", ""),
                "url": e.get("url", ""),
                # what was cut above, with its full length, for check()
                "cut": {
                    name: lengths[key]
                    for name, key in [
                        ("title", "title"),
                        ("abstract", "abstract"),
                        ("year", "year"),
                        ("venue", venue_key),
                        ("doi", "doi"),
                        ("authors", "author"),
                        ("keywords", "keywords"),
                        ("url", "url"),
                    ]
                    if key in lengths
                },
            }
        )
    return out


def read_ris(text: str) -> list[dict]:
    import rispy

    if not re.search(r"^TY  - ", text, re.M):
        raise ImportFileError(_("No RIS records (lines starting “TY  - ”) were found."))
    try:
        entries = rispy.loads(text)
    except Exception as exc:  # rispy raises IOError and others on broken input
        raise ImportFileError(_("The RIS file could not be read: %(e)s") % {"e": exc}) from exc
    out = []
    for e in entries:
        out.append(
            {
                "title": e.get("title") or e.get("primary_title") or "",
                "abstract": e.get("abstract", ""),
                "year": e.get("year") or e.get("publication_year") or e.get("date", ""),
                "venue": e.get("journal_name")
                or e.get("secondary_title")
                or e.get("alternate_title1")
                or "",
                "doi": e.get("doi", ""),
                "authors": "; ".join(e.get("authors") or e.get("first_authors") or []),
                "keywords": e.get("keywords") or [],
                "kind": e.get("type_of_reference", ""),
                "url": (e.get("urls") or [""])[0],
            }
        )
    return out


def csv_rows(text: str) -> list[list[str]]:
    """The non-blank rows of a CSV text. A long field is read whole (and rejected with its row
    by :func:`check`) instead of failing the file on the csv module's 128 kB field limit."""
    # The limit is process-wide; no field can be longer than an accepted file anyway.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES, settings.JALINAN_MAX_IMPORT_BYTES))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        return [r for r in reader if any(c.strip() for c in r)]
    except csv.Error as exc:
        raise ImportFileError(
            _("The CSV file could not be read at line %(n)d: %(e)s")
            % {"n": reader.line_num, "e": exc}
        ) from exc


def read_csv(text: str) -> list[dict]:
    rows = csv_rows(text)
    if not rows:
        raise ImportFileError(_("The file is empty."))
    header = [h.strip().lower().replace(" ", "_") for h in rows[0]]
    if "title" not in header:
        raise ImportFileError(
            _("The first row must name the columns, including “title”. Expected: %(cols)s.")
            % {"cols": ", ".join(CSV_COLUMNS)}
        )
    # Named in the message, so each is shortened: a header cell can be a whole file long.
    unknown = [h if len(h) <= 40 else h[:40] + "…" for h in header if h and h not in CSV_COLUMNS]
    if unknown:
        raise ImportFileError(
            _("Unknown column(s): %(cols)s. Expected: %(exp)s.")
            % {"cols": ", ".join(unknown), "exp": ", ".join(CSV_COLUMNS)}
        )
    out = []
    for cells in rows[1:]:
        v = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header) if h}
        out.append(
            {
                "title": v.get("title", ""),
                "abstract": v.get("abstract", ""),
                "year": v.get("year", ""),
                "venue": v.get("venue", ""),
                "doi": v.get("doi", ""),
                "authors": v.get("authors", ""),
                "keywords": v.get("keywords", ""),  # split by check(), after the length cap
                "kind": v.get("type", ""),
                "url": v.get("url", ""),
            }
        )
    return out


def _value(obj, *path):
    for key in path:
        if not isinstance(obj, dict):
            return ""
        obj = obj.get(key)
    return obj if obj is not None else ""


def _items(value) -> list:
    return value if isinstance(value, list) else []


def _orcid_work(w: dict) -> dict:
    ids = _items(_value(w, "external-ids", "external-id"))
    doi = next(
        (
            _value(i, "external-id-value")
            for i in ids
            if str(_value(i, "external-id-type")).lower() == "doi"
        ),
        "",
    )
    contributors = _items(_value(w, "contributors", "contributor"))
    return {
        "title": _value(w, "title", "title", "value"),
        "abstract": _value(w, "short-description") or "",
        "year": _value(w, "publication-date", "year", "value"),
        "venue": _value(w, "journal-title", "value"),
        "doi": doi,
        "authors": "; ".join(
            str(_value(c, "credit-name", "value")) for c in contributors if _value(c, "credit-name")
        ),
        "keywords": [],
        "kind": _value(w, "type"),
        "url": _value(w, "url", "value"),
    }


def read_orcid(text: str) -> list[dict]:
    """An ORCID works export: the public API's ``/works`` answer (``{"group": [...]}``), a full
    record (``activities-summary.works``), a bulk ``/works/…`` answer or a list of works."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(_("The file is not valid JSON: %(e)s") % {"e": exc}) from exc
    except RecursionError as exc:  # thousands of nested brackets
        raise ImportFileError(_("The JSON file is nested too deeply.")) from exc
    works: list[dict] = []
    if isinstance(data, dict) and "activities-summary" in data:
        data = _value(data, "activities-summary", "works")
    if isinstance(data, dict) and "group" in data:
        for g in _items(data.get("group")):
            summaries = _items(_value(g, "work-summary"))
            if summaries and isinstance(summaries[0], dict):
                works.append(summaries[0])  # the preferred version of the work
    elif isinstance(data, dict) and "bulk" in data:
        works = [
            b["work"]
            for b in _items(data["bulk"])
            if isinstance(b, dict) and isinstance(b.get("work"), dict)
        ]
    elif isinstance(data, list):
        works = [w for w in data if isinstance(w, dict)]
    else:
        raise ImportFileError(_("This JSON file is not an ORCID works export."))
    return [_orcid_work(w) for w in works]


READERS = {"bibtex": read_bibtex, "ris": read_ris, "csv": read_csv, "orcid": read_orcid}


# -- checking ------------------------------------------------------------------------------------


def _length(value) -> int:
    if isinstance(value, (list, tuple)):
        return sum(len(str(v)) + 2 for v in value)  # as stored: joined by "; "
    return len(str(value or ""))


def _cut(value, limit: int):
    if isinstance(value, (list, tuple)):
        return [str(v)[:limit] for v in value[:30]]
    return str(value or "")[:limit]


def check(raw: dict) -> tuple[dict, list[str]]:
    """The publication's fields as the service takes them, and what is wrong with them."""
    errors: list[str] = []
    limit = settings.JALINAN_IMPORT_MAX_FIELD_CHARS
    cut = raw.get("cut") or {}  # a reader that cut a value gives its full length
    raw = {k: v for k, v in raw.items() if k != "cut"}
    for name, value in list(raw.items()):
        n = max(_length(value), cut.get(name, 0))
        if n > limit:
            label = Publication._meta.get_field(name).verbose_name
            errors.append(
                _("the %(field)s is too long: %(n)d characters, at most %(max)d are accepted")
                % {"field": label, "n": n, "max": limit}
            )
            raw = {**raw, name: _cut(value, limit)}  # the preview keeps a bounded copy
    year = _year(raw.get("year"))
    if isinstance(year, str):
        errors.append(_("the year “%(y)s” is not a year") % {"y": year})
        year = None
    fields = {
        "title": " ".join(str(raw.get("title") or "").split()).rstrip("."),
        "abstract": str(raw.get("abstract") or "").strip(),
        "year": year,
        "venue": " ".join(str(raw.get("venue") or "").split())[:300],
        "doi": normalise_doi(str(raw.get("doi") or "")),
        "authors": str(raw.get("authors") or "").strip(),
        "keywords": _list(raw.get("keywords"))[:30],
        "kind": _kind(str(raw.get("kind") or "")),
        "url": str(raw.get("url") or "").strip(),
    }
    if not fields["title"]:
        errors.append(_("the title is missing"))
    pub = Publication(**fields)
    pub.norm_title = normalise_title(fields["title"])
    try:
        pub.full_clean(exclude=["profile", "norm_title"])
    except ValidationError as exc:
        for name, msgs in exc.message_dict.items():
            if name == "title" and not fields["title"]:
                continue
            label = Publication._meta.get_field(name).verbose_name if name != "__all__" else ""
            for m in msgs:
                errors.append(f"{label}: {m}" if label else m)
    return fields, errors


def parse(filename: str, content: bytes, profile) -> tuple[str, list[Record]]:
    """Read and check a file for ``profile``. Returns (format, records)."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // 2**20})
    if not content.strip():
        raise ImportFileError(_("The file is empty."))
    fmt = detect_format(filename, content)
    raw = READERS[fmt](_text(content))
    if not raw:
        raise ImportFileError(_("No publications were found in the file."))
    most = min(MAX_RECORDS, settings.JALINAN_IMPORT_MAX_ROWS)
    if len(raw) > most:
        raise ImportFileError(
            _("The file has %(n)d records; import at most %(max)d at a time.")
            % {"n": len(raw), "max": most}
        )
    existing_doi = (
        {p.doi.lower(): p.title for p in profile.publications.exclude(doi="").only("doi", "title")}
        if profile is not None and profile.pk
        else {}
    )
    existing_title = (
        dict(profile.publications.values_list("norm_title", "title"))
        if profile is not None and profile.pk
        else {}
    )
    seen_doi: dict[str, int] = {}
    seen_title: dict[str, int] = {}
    records = []
    for i, r in enumerate(raw, start=1):
        fields, errors = check(r)
        rec = Record(line=i, fields=fields, errors=errors)
        if not errors:
            doi, norm = fields["doi"], normalise_title(fields["title"])
            if doi and doi in existing_doi:
                rec.duplicate = _("same DOI as “%(t)s” on the profile") % {"t": existing_doi[doi]}
            elif norm in existing_title:
                rec.duplicate = _("same title as “%(t)s” on the profile") % {
                    "t": existing_title[norm]
                }
            elif doi and doi in seen_doi:
                rec.duplicate = _("same DOI as record %(n)d of this file") % {"n": seen_doi[doi]}
            elif norm in seen_title:
                rec.duplicate = _("same title as record %(n)d of this file") % {
                    "n": seen_title[norm]
                }
            if doi:
                seen_doi.setdefault(doi, i)
            seen_title.setdefault(norm, i)
        records.append(rec)
    return fmt, records
