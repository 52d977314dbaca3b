"""Read pip-audit's JSON report: exit 1 on a known vulnerability, 3 when some packages could not
be checked (the advisory service unreachable or without data), 0 when all were checked clean."""

import json
import sys


def main(path: str) -> int:
    with open(path) as fh:
        deps = json.load(fh).get("dependencies", [])
    vulnerable = [d for d in deps if d.get("vulns")]
    skipped = [d for d in deps if d.get("skip_reason")]
    for d in vulnerable:
        for v in d["vulns"]:
            fix = ", ".join(v.get("fix_versions") or []) or "no fixed version yet"
            print(f"VULNERABLE {d['name']} {d['version']}: {v['id']} (fixed in {fix})")
    print(
        f"pip-audit: {len(deps)} packages, {len(vulnerable)} vulnerable, {len(skipped)} not checked"
    )
    if vulnerable:
        return 1
    if skipped:
        reasons = sorted({d["skip_reason"].split(":")[0] for d in skipped})
        names = ", ".join(d["name"] for d in skipped[:5])
        print(
            f"pip-audit could not check {len(skipped)} of {len(deps)} packages ({names}...): "
            + "; ".join(reasons)
        )
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
