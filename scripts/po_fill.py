"""Fill Malay translations into a catalogue from a JSON object ``{msgid: msgstr}``.

    python scripts/po_fill.py jalinan/sdgs/locale/ms/LC_MESSAGES/django.po < ms.json
    python scripts/po_fill.py --missing jalinan/sdgs/locale/ms/LC_MESSAGES/django.po

For a plural entry give a list ``[singular, plural]``. A filled entry loses its ``fuzzy``
flag. ``--missing`` prints the untranslated and fuzzy msgids as a JSON object to fill in.
"""

import json
import sys

import polib


def main(argv):
    missing = "--missing" in argv
    paths = [a for a in argv if not a.startswith("--")]
    if len(paths) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    po = polib.pofile(paths[0], wrapwidth=79)
    if missing:
        todo = {
            e.msgid: ([e.msgid, e.msgid_plural] if e.msgid_plural else "")
            for e in po
            if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)
        }
        print(json.dumps(todo, ensure_ascii=False, indent=1))
        return 0
    mapping = json.load(sys.stdin)
    filled = 0
    for entry in po:
        if entry.msgid not in mapping:
            continue
        value = mapping[entry.msgid]
        if entry.msgid_plural:
            forms = value if isinstance(value, list) else [value, value]
            entry.msgstr_plural = {i: forms[min(i, len(forms) - 1)] for i in range(2)}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        filled += 1
    po.save(paths[0])
    unknown = set(mapping) - {e.msgid for e in po}
    print(f"filled {filled}; not in the catalogue: {sorted(unknown) if unknown else 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
