"""``make mutation``: mutmut over the modules that carry trust, one module at a time, then the kill
rate of each.

The modules are ``only_mutate`` in pyproject.toml's ``[tool.mutmut]``. Each module's run is niced,
uses at most two processes and is stopped after ``MUTATION_MINUTES`` (default 20). The first run
also records which tests reach which function (the whole selection once, several minutes), so it
gets ``STATS_MINUTES`` more; the later runs reuse that record from ``mutants/``.

    python tools/mutation.py                        # every module, then the table
    python tools/mutation.py --fresh                # the same from a new copy (what make mutation does)
    python tools/mutation.py deadlines/policies.py  # one module, then the table
    python tools/mutation.py --report               # only the table, and the survivors' names
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: mutmut's exit codes per mutant (mutmut/stats.py): a mutant is killed when a test failed or timed out.
KILLED = {1, 3, -24, 24, 152, 255, 36, 37}
SURVIVED = {0}
NO_TESTS = {5, 33}
#: Extra time for the run that first records which tests reach which function.
STATS_MINUTES = 30


def modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return config["tool"]["mutmut"]["only_mutate"]


def mutant_glob(module: str) -> str:
    return module.removesuffix(".py").replace("/", ".") + ".*"


def run(module: str, minutes: float) -> None:
    print(f"== {module}", flush=True)
    command = ["nice", "-n", "10", sys.executable, "-m", "mutmut", "run", "--max-children", "2", mutant_glob(module)]
    process = subprocess.Popen(command, cwd=ROOT, start_new_session=True)
    try:
        process.wait(timeout=minutes * 60)
    except subprocess.TimeoutExpired:
        print(f"   stopped after {minutes:g} minutes; the mutants not run yet count as not checked", flush=True)
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()


def results(module: str) -> dict[str, int | None]:
    meta = ROOT / "mutants" / f"{module}.meta"
    if not meta.exists():
        return {}
    return json.loads(meta.read_text("utf-8"))["exit_code_by_key"]


def outcome(exit_code: int | None) -> str:
    if exit_code is None:
        return "not checked"
    if exit_code in KILLED:
        return "killed"
    if exit_code in SURVIVED:
        return "survived"
    if exit_code in NO_TESTS:
        return "no tests"
    return "suspicious"


def report(names: list[str], *, survivors: bool) -> None:
    row = "{:42} {:>8} {:>7} {:>9} {:>9} {:>10} {:>10}"
    print()
    print(row.format("module", "mutants", "killed", "survived", "no tests", "unchecked", "kill rate"))
    for module in names:
        counts = Counter(outcome(code) for code in results(module).values())
        survived = counts["survived"] + counts["suspicious"]
        checked = counts["killed"] + survived + counts["no tests"]
        rate = f"{100 * counts['killed'] / checked:.0f} %" if checked else "-"
        total, unchecked = sum(counts.values()), counts["not checked"]
        print(row.format(module, total, counts["killed"], survived, counts["no tests"], unchecked, rate))
    if survivors:
        for module in names:
            left = sorted(
                name for name, code in results(module).items() if outcome(code) not in {"killed", "not checked"}
            )
            if left:
                print(f"\n{module}: " + ", ".join(name.rsplit(".", 1)[-1] for name in left))


def main(argv: list[str]) -> None:
    only_report = "--report" in argv
    names = [arg for arg in argv if not arg.startswith("--")] or modules()
    unknown = set(names) - set(modules())
    if unknown:
        sys.exit(f"not in [tool.mutmut] only_mutate: {', '.join(sorted(unknown))}")
    if "--fresh" in argv:
        # mutmut copies the project once and never refreshes the files it does not mutate.
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    if not only_report:
        minutes = float(os.environ.get("MUTATION_MINUTES", "20"))
        first = not (ROOT / "mutants" / "mutmut-stats.json").exists()
        for module in names:
            run(module, minutes + (STATS_MINUTES if first else 0))
            first = False
    report(names, survivors=only_report)


if __name__ == "__main__":
    main(sys.argv[1:])
