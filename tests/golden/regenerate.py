"""Write the golden JSON outputs of cgt on the bundled seeds (tests/test_golden.py compares them).

Run it only when an output is meant to change, and read the diff before committing:
    python tests/golden/regenerate.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from golden_cases import CASES, run_case  # noqa: E402


def main() -> None:
    for name, args in CASES.items():
        (HERE / f"{name}.json").write_text(run_case(args), encoding="utf-8")
        print(f"wrote {name}.json")


if __name__ == "__main__":
    main()
