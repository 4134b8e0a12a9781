"""The corpus-wide assembly: from every article's `Processed` record (the
per-article map, `extract.article`) to the `Index`: names linked into entities,
events found and merged, the timeline ordered, entities that share sentences."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from cgt_cli.extract.article import Processed, process
from cgt_cli.extract.dates import sort_key
from cgt_cli.model import Entity, Event, Index
from cgt_cli.read.files import Document, Skipped


def build_index(documents: list[Document], skipped: list[Skipped] | None = None) -> Index:
    return assemble([process(doc) for doc in documents], skipped)


def assemble(processed: list[Processed], skipped: list[Skipped] | None = None) -> Index:
    """The corpus-wide stages: link entities, find events, order the timeline,
    and find which entities share sentences."""
    from cgt_cli.extract.events import find_events
    from cgt_cli.extract.merge import merge_across_articles
    from cgt_cli.index.linking import link_entities
    from cgt_cli.index.relate import relate

    articles = [p.article for p in processed]
    linked = link_entities(articles, {p.article.id: p.names for p in processed})
    dated: list[Event] = []
    undated: list[Event] = []
    for article in articles:
        found = find_events(article, linked.names.get(article.id, []))
        dated += found.events + found.facts
        undated += found.undated
    order = {article.id: n for n, article in enumerate(articles)}
    texts = {article.id: article.text for article in articles}
    index = Index(
        articles,
        list(skipped or []),
        sorted(merge_across_articles(dated), key=lambda e: _event_order(e, order)),
        sorted(undated, key=lambda e: _event_order(e, order)),
        [_with_forms(entity, texts) for entity in linked.entities],
    )
    index.sentences, index.related = relate(index)
    return index


def _with_forms(entity: Entity, texts: dict[str, str]) -> Entity:
    """The entity with the spellings it has in the articles' own scripts."""
    forms = Counter(texts[m.article_id][m.start : m.end] for m in entity.mentions)
    return replace(entity, forms=tuple(f for f, _ in forms.most_common()))


def _event_order(event: Event, order: dict[str, int]) -> tuple:
    quote = event.quotes[0]
    return (sort_key(event.date), order[quote.article_id], quote.start)
