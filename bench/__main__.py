"""Run the benchmarks: ``python -m bench`` runs every module, ``python -m bench deadlines`` one of them."""

import importlib
import pkgutil
import sys

import bench


def main(names: list[str]) -> None:
    names = names or sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_"))
    for name in names:
        importlib.import_module(f"bench.{name}").run()


if __name__ == "__main__":
    main(sys.argv[1:])
