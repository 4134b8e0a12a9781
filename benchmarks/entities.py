"""How well and how fast cgt's rule-based recogniser finds entities.

    python benchmarks/entities.py [--corpus DIR]

Recall: the people and bodies a reader lists for the bundled seeds (the
acceptance lists of the entity issue), found by `find_entities` in the body.
Speed: characters per second of `find_names` (entities, roles and aliases)
over the seeds, or over --corpus (e.g. a corpus made by generate.py).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from cgt_cli.extract.article import read_article
from cgt_cli.extract.entities.find import find_names
from cgt_cli.read.files import find_files, load_documents

PEOPLE = "芦延华 江山 刘绍辉 刘艳秋 高俊 李进 张清 陈皓 张启生 李诣书 孙海东 袁宝珠 王春仁 张传森 肖海蓉 李鹏 陈淋"
BODIES = (
    "山东大学 历下控股 山东省药学科学院 济南市血液供保中心 泰和医药 丽山国际细胞医学产业园 "
    "丽山健康(山东)集团有限公司 细胞与基因治疗产业联盟 无锡市科技局 博雅控股集团 国家精准医学产业创新中心 "
    "四川大学华西医院 中源协和细胞基因工程股份有限公司 国家发改委"
)


def recall(articles) -> None:
    found = {hit.name for article in articles for hit in find_names(article).hits}
    for label, wanted in (("people", PEOPLE.split()), ("bodies", BODIES.split())):
        missing = [name for name in wanted if name not in found]
        print(f"{label}: {len(wanted) - len(missing)}/{len(wanted)} found; missing: {' '.join(missing) or 'none'}")
    print(f"distinct names found in the seeds: {len(found)}")


def speed(articles) -> None:
    find_names(articles[0])  # lexicons and patterns load once
    chars = sum(len(a.text) for a in articles)
    began = time.perf_counter()
    for article in articles:
        find_names(article)
    seconds = time.perf_counter() - began
    print(f"find_names: {len(articles)} articles, {chars:,} characters in {seconds:.2f} s = {chars / seconds:,.0f} chars/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="measure speed on this folder instead of the seeds")
    args = parser.parse_args()
    seeds = [read_article(d) for d in load_documents(find_files(None))[0]]
    recall(seeds)
    corpus = seeds if args.corpus is None else [read_article(d) for d in load_documents(find_files([str(args.corpus)]))[0]]
    speed(corpus)


if __name__ == "__main__":
    main()
