"""Listings as data: one stream of records written as JSON, NDJSON, CSV, TSV or Markdown.

A `Listing` is what a listing command found: its JSON records (the shapes the
README documents) and, for the flat formats, the columns and a function that
flattens one record into them. `WRITERS` maps each format's name to the
function that writes a listing to a text stream; a new format is one more entry.

- json: an array, one record a line (valid JSON; through the C encoder, which
  indented output cannot use).
- ndjson: one compact object a line, nothing around them (as ripgrep's --json
  and sqlite-utils' --nl).
- csv: RFC 4180 (comma, double quotes, CRLF), a header row, UTF-8.
- tsv: the same with tabs, and LF line ends for Unix tools.
- md: a GitHub Markdown table.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TextIO

TABLE = "table"  # the terminal view; every other format is data
# control characters but tab and line ends, direction overrides, lone surrogates: never sent raw
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def flat_value(value) -> str:
    """One cell: lists joined with `; `, None empty, booleans as true/false;
    control characters (a terminal's escapes) as U+FFFD, as in every view."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "; ".join(flat_value(v) for v in value)
    return _CONTROL.sub("\ufffd", str(value))


def own_fields(record: dict) -> dict:
    """A record's own fields as cells (its nested records left out)."""
    return {key: value for key, value in record.items() if not _nested(value)}


def _nested(value) -> bool:
    return isinstance(value, dict) or (isinstance(value, (list, tuple)) and any(isinstance(v, dict) for v in value))


@dataclass(frozen=True)
class Listing:
    """What a listing command found, ready for any format."""

    records: Iterable[dict]  # JSON records
    columns: tuple[str, ...]  # the flat formats' header
    flat: Callable[[dict], dict] = own_fields  # one record as {column: value}

    def rows(self) -> Iterable[list[str]]:
        for record in self.records:
            row = self.flat(record)
            yield [flat_value(row.get(column)) for column in self.columns]


# C1 controls, direction overrides, line separators: escaped in JSON text (the data is the same)
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escaped(text: str) -> str:
    return _JSON_UNSAFE.sub(lambda c: f"\\u{ord(c.group()):04x}", text)


def write_json(out: TextIO, listing: Listing) -> None:
    encode = json.JSONEncoder(ensure_ascii=False).encode
    first = True
    out.write("[")
    for record in listing.records:
        out.write(("\n" if first else ",\n") + _escaped(encode(record)))
        first = False
    out.write("\n]\n" if not first else "]\n")


def write_ndjson(out: TextIO, listing: Listing) -> None:
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    out.writelines(_escaped(encode(record)) + "\n" for record in listing.records)


def write_csv(out: TextIO, listing: Listing) -> None:
    writer = csv.writer(out, dialect="excel")
    writer.writerow(listing.columns)
    writer.writerows(listing.rows())


def write_tsv(out: TextIO, listing: Listing) -> None:
    writer = csv.writer(out, dialect="excel-tab", lineterminator="\n")
    writer.writerow(listing.columns)
    writer.writerows(listing.rows())


_MD_SPECIAL = re.compile(r"([\\|])")


def write_md(out: TextIO, listing: Listing) -> None:
    out.write(_md_row(listing.columns) + "| " + " | ".join("---" for _ in listing.columns) + " |\n")
    out.writelines(_md_row(row) for row in listing.rows())


def _md_row(cells) -> str:
    shown = (_MD_SPECIAL.sub(r"\\\1", cell).replace("\r", "").replace("\n", "<br>") for cell in cells)
    return "| " + " | ".join(shown) + " |\n"


def write_document(out: TextIO, data) -> None:
    """One JSON document (a card, a summary), indented for reading."""
    out.write(_escaped(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


Writer = Callable[[TextIO, Listing], None]
WRITERS: dict[str, Writer] = {"json": write_json, "ndjson": write_ndjson, "csv": write_csv, "tsv": write_tsv, "md": write_md}
FORMATS = (TABLE, *WRITERS)  # every listing command's
PAGES = ("html", "timelinejs")  # timeline's and show's besides: a page of their events (views.html, views.timelinejs)
