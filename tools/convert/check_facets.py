#!/usr/bin/env python3
"""Check schools or employers files against docs/DESIGN.md section 5 and count them.

Format (section 5, "schools"; employers in the same shape): CSV with the
header `member,school` or `member,school,start_year,end_year` (`employer` in
place of `school` for employers); every row has as many fields as the
header; member and value are unsigned 64-bit integers; a year is empty or an
integer 0..9999; when both years are given, start_year <= end_year. As the
engine's loader (loaders/src/facets.cc) does, this accepts blank lines and
`#` comment lines, spaces or tabs around a field, CRLF line ends and gzip
files; each is counted and reported, so a file that leans on them shows it.

For each file it prints one line (or one JSON object per file with --json):
  rows            data rows
  members         distinct members
  values          distinct school (or employer) ids
  rows_with_years rows with at least one year; both_years: rows with both
  duplicates      rows equal to an earlier row (same member, value, years)
  not_in_edges    with --edges: members that are not endpoints of that
                  edge list (DESIGN section 3: they still become known
                  members, with no connections)

Exit status: 0 when every file is valid, 2 when any is not (each error names
file:line; checking goes on with the next file), 1 on a runtime failure.
Python 3 standard library only; reads line by line.

Examples:
  python3 tools/convert/check_facets.py data-samples/facets/*.csv
  python3 tools/convert/check_facets.py --kind employer \\
      data-samples/facets/ego_facebook_employers.csv \\
      --edges data-samples/snap-ego-facebook/facebook_combined.txt.gz
"""

import argparse
import gzip
import json
import sys

PROG = "check_facets.py"
MAX_U64 = 2**64 - 1
MAX_YEAR = 9999
VALUE_COLUMNS = ("school", "employer")


class InputError(Exception):
    pass


def open_text(path):
    try:
        with open(path, "rb") as probe:
            magic = probe.read(2)
        if magic == b"\x1f\x8b":
            return gzip.open(path, "rt", encoding="utf-8", newline="")
        return open(path, "rt", encoding="utf-8", newline="")
    except OSError as e:
        raise InputError(f"{path}: cannot open: {e.strerror}") from None


def lines_of(path, counts):
    """Yield (line_number, text) for each line that is not blank or a comment."""
    f = open_text(path)
    try:
        with f:
            for n, line in enumerate(f, 1):
                if line.endswith("\r\n"):
                    counts["crlf_lines"] += 1
                text = line.rstrip("\r\n")
                stripped = text.strip(" \t")
                if not stripped:
                    counts["blank_lines"] += 1
                    continue
                if stripped.startswith("#"):
                    counts["comment_lines"] += 1
                    continue
                yield n, text
    except (UnicodeDecodeError, EOFError, OSError, gzip.BadGzipFile) as e:
        raise InputError(f"{path}: cannot read: {e}") from None


def split_fields(text, counts):
    fields = text.split(",")
    trimmed = [f.strip(" \t") for f in fields]
    if trimmed != fields:
        counts["padded_lines"] += 1
    return trimmed


def parse_id(text, what, path, line_no):
    if not text.isascii() or not text.isdigit():
        raise InputError(f"{path}:{line_no}: {what} id {text!r} is not a non-negative integer")
    value = int(text)
    if value > MAX_U64:
        raise InputError(f"{path}:{line_no}: {what} id {text!r} is out of range (max {MAX_U64})")
    return value


def parse_year(text, what, path, line_no):
    if text == "":
        return None
    if not text.isascii() or not text.isdigit() or int(text) > MAX_YEAR:
        raise InputError(f"{path}:{line_no}: {what} {text!r} is not a year (0..{MAX_YEAR}) or empty")
    return int(text)


def read_edge_nodes(path):
    """Endpoints of an edge list as DESIGN section 5 reads it."""
    nodes = set()
    header_allowed = True
    f = open_text(path)
    try:
        with f:
            for n, line in enumerate(f, 1):
                stripped = line.strip()
                if not stripped or stripped[0] in "#%":
                    continue
                parts = stripped.replace(",", " ").split()
                if len(parts) < 2 or not all(p.isascii() and p.isdigit() for p in parts[:2]):
                    if header_allowed:
                        header_allowed = False
                        continue
                    raise InputError(f"{path}:{n}: expected two member ids, found {stripped[:80]!r}")
                header_allowed = False
                nodes.add(int(parts[0]))
                nodes.add(int(parts[1]))
    except (UnicodeDecodeError, EOFError, OSError, gzip.BadGzipFile) as e:
        raise InputError(f"{path}: cannot read: {e}") from None
    return nodes


def check(path, kind, edge_nodes):
    counts = {"crlf_lines": 0, "blank_lines": 0, "comment_lines": 0, "padded_lines": 0}
    lines = lines_of(path, counts)
    first = next(lines, None)
    kinds = VALUE_COLUMNS if kind == "auto" else (kind,)
    expected = " or ".join(f"'member,{k}[,start_year,end_year]'" for k in kinds)
    if first is None:
        raise InputError(f"{path}:1: expected header {expected}, found end of file")
    header_line, header_text = first
    header = split_fields(header_text, counts)
    if not (len(header) in (2, 4) and header[0] == "member" and header[1] in kinds
            and (len(header) == 2 or header[2:] == ["start_year", "end_year"])):
        raise InputError(f"{path}:{header_line}: expected header {expected}, found {header_text[:120]!r}")
    column = header[1]
    width = len(header)

    rows = rows_with_years = both_years = duplicates = 0
    members, values, seen = set(), set(), set()
    for line_no, text in lines:
        fields = split_fields(text, counts)
        if len(fields) != width:
            raise InputError(f"{path}:{line_no}: expected {width} fields ({','.join(header)}), found {len(fields)}")
        member = parse_id(fields[0], "member", path, line_no)
        value = parse_id(fields[1], column, path, line_no)
        start = end = None
        if width == 4:
            start = parse_year(fields[2], "start_year", path, line_no)
            end = parse_year(fields[3], "end_year", path, line_no)
            if start is not None and end is not None and start > end:
                raise InputError(f"{path}:{line_no}: start_year {start} is after end_year {end}")
        rows += 1
        members.add(member)
        values.add(value)
        if start is not None or end is not None:
            rows_with_years += 1
        if start is not None and end is not None:
            both_years += 1
        key = (member, value, start, end)
        if key in seen:
            duplicates += 1
        else:
            seen.add(key)
    result = {"file": path, "column": column, "columns": width, "rows": rows, "members": len(members),
              "values": len(values), "rows_with_years": rows_with_years, "both_years": both_years,
              "duplicates": duplicates}
    if edge_nodes is not None:
        result["not_in_edges"] = len(members - edge_nodes)
    result.update({k: v for k, v in counts.items() if v})
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Check schools/employers CSV files against DESIGN section 5 (header "
                    "member,school|employer[,start_year,end_year]; integer ids; years empty or 0..9999; "
                    "start_year <= end_year) and print counts: rows, members, distinct values, rows with years.",
        epilog="Exit status: 0 all files valid, 2 some file invalid or bad usage (errors name file:line), "
               "1 runtime failure.")
    parser.add_argument("files", nargs="+", metavar="FILE", help="facets files (plain or gzip)")
    parser.add_argument("--kind", choices=["auto", *VALUE_COLUMNS], default="auto",
                        help="required value column (default auto: school or employer)")
    parser.add_argument("--edges", help="also count members that are not endpoints of this edge list")
    parser.add_argument("--json", action="store_true", help="one JSON object per file on stdout")
    args = parser.parse_args(argv)

    edge_nodes = None
    if args.edges:
        try:
            edge_nodes = read_edge_nodes(args.edges)
        except InputError as e:
            print(f"{PROG}: error: {e}", file=sys.stderr)
            return 2
    status = 0
    for path in args.files:
        try:
            r = check(path, args.kind, edge_nodes)
        except InputError as e:
            print(f"{PROG}: error: {e}", file=sys.stderr)
            status = 2
            continue
        if args.json:
            print(json.dumps(r, sort_keys=False))
        else:
            extra = "".join(f", {k} {r[k]}" for k in ("not_in_edges", "crlf_lines", "blank_lines", "comment_lines",
                                                      "padded_lines") if k in r)
            print(f"{path}: ok ({r['column']}, {r['columns']} columns): {r['rows']} rows, {r['members']} members, "
                  f"{r['values']} distinct {r['column']}s, {r['rows_with_years']} rows with years "
                  f"({r['both_years']} with both), {r['duplicates']} duplicate rows{extra}")
    return status


if __name__ == "__main__":
    sys.exit(main())
