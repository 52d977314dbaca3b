"""Every string the interface shows has a Malay translation.

Extracts the strings afresh (``makemessages``) in a copy of the source tree, so a string added
to a template or a view without a translation fails here, whichever app it belongs to.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="needs gettext (msgmerge)")
def test_every_interface_string_has_a_malay_translation(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT / "jalinan",
        copy / "jalinan",
        ignore=shutil.ignore_patterns("__pycache__", "*.mo", "media", "*.sqlite3*"),
    )
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    subprocess.run(
        [sys.executable, "../manage.py", "makemessages", "-l", "ms", "--no-obsolete", "-v", "0"],
        cwd=copy / "jalinan",
        check=True,
        capture_output=True,
    )
    missing = []
    for po in sorted((copy / "jalinan").rglob("ms/LC_MESSAGES/django.po")):
        if "locale_vendor" in po.parts:
            continue
        for entry in polib.pofile(str(po)):
            if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags):
                missing.append(f"{po.relative_to(copy)}: {entry.msgid[:70]!r}")
    assert not missing, (
        f"{len(missing)} string(s) lack a Malay translation (run `make messages`, then fill "
        "them in: scripts/po_fill.py):\n" + "\n".join(missing[:40])
    )
