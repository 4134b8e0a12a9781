"""The commands whose JSON output on the seeds is kept byte for byte in tests/golden/."""

from __future__ import annotations

from typer.testing import CliRunner

from cgt_cli.cli import app
from cgt_cli.read.files import bundled_seeds

CASES = {
    "timeline": ["timeline", "--json"],
    "timeline-facts": ["timeline", "--facts", "--json"],
    "timeline-undated": ["timeline", "--undated", "--json"],
    "show-alliance": ["show", "细胞与基因治疗产业联盟", "--json"],
    "show-place": ["show", "濟南", "--json"],
    "show-org": ["show", "山东大学", "--json"],
    "show-park": ["show", "麗山國際細胞醫學產業園", "--json"],
    "show-person": ["show", "肖海蓉", "--json"],
    "show-policy": ["show", "上海市促进细胞治疗科技创新与产业发展行动方案(2022—2024年)", "--json"],
    "show-event": ["show", "2022上海国际生物医药产业周", "--json"],
    "show-candidates": ["show", "联盟", "--json"],
    "grep": ["grep", "CDMO", "--json"],
    "grep-script": ["grep", "濟南", "--json"],
    "grep-regex": ["grep", "-e", "细胞\\w{0,4}联盟", "-C", "5", "--json"],
    "entities": ["entities", "--json"],
    "sources": ["sources", "--json"],
}


def run_case(args: list[str]) -> str:
    """The command's stdout on the seeds, without cache, with the seeds' folder written as <SEEDS>."""
    result = CliRunner().invoke(app, [*args, "--no-cache"], env={"NO_COLOR": "1", "CGT_CORPUS": None})
    if result.exit_code not in (0, 1):
        raise AssertionError(f"cgt {' '.join(args)} exited {result.exit_code}: {result.output}")
    return result.stdout.replace(str(bundled_seeds()), "<SEEDS>")
