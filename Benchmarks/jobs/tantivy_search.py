"""The peer of the job search benchmark: tantivy (Rust, via its Python binding) indexes the open postings of an
exported job_postings SQLite file with our engine's terms, then answers the queries of a TSV (query<TAB>region):
all query terms (AND) in title or description, within a region prefix, top 20 by relevance (BM25).
Prints the rows indexed, the build time, the median / p90 query latency and each query's total hit count, so the
counts can be checked against ours.

    pip install --break-system-packages tantivy      # the only package needed (tested with tantivy 0.27)
    python3 Benchmarks/jobs/tantivy_search.py /tmp/jobs.sqlite [Benchmarks/jobs/queries.tsv] [--rounds 200]

Terms are made here in Python, exactly as our engine makes them (see `terms`), joined by spaces and indexed with
tantivy's whitespace tokenizer, so tantivy neither re-splits nor merges them. The region field holds the 2-, 4- and
6-digit prefixes of the county code ('32 3201 320118') as separate terms. wage_max is a fast integer field.
A query's latency covers making its terms, building the tantivy query and the search (top 20 addresses and the
total count); documents are not fetched.
"""
import argparse
import importlib.metadata
import os
import re
import sqlite3
import statistics
import sys
import tempfile
import time
import unicodedata

import tantivy

# CJK ideographs: Ext A, the URO, compatibility ideographs, and the supplementary-plane extensions (B onwards).
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
RUNS = re.compile(f"([{CJK}]+)|([a-z0-9]+)")


def runs(text):
    """NFKC + lower-case, then yield ('cjk', run) or ('word', word) for each run of CJK ideographs / ASCII letters+digits."""
    for m in RUNS.finditer(unicodedata.normalize("NFKC", text).lower()):
        yield ("cjk", m.group(1)) if m.group(1) else ("word", m.group(2))


def terms(text):
    """Index terms of a text: for each CJK run its single characters and its overlapping bigrams; each ASCII word."""
    out = []
    for kind, run in runs(text or ""):
        if kind == "word":
            out.append(run)
        else:
            out.extend(run)
            out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return out


def query_terms(text):
    """Query terms, all required: a lone CJK character is itself; a CJK run of 2+ gives its bigrams; words as is."""
    out = []
    for kind, run in runs(text):
        if kind == "word" or len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return list(dict.fromkeys(out))  # de-duplicated, order kept


def region_terms(county_code):
    """The region prefixes a county code matches: '320118' -> '32 3201 320118'."""
    code = (county_code or "").strip()
    return " ".join(code[:n] for n in (2, 4, 6) if len(code) >= n)


def build(db_path, folder, threads, heap_mb):
    """Stream the open postings from SQLite into a tantivy index in `folder`; return (index, rows, timings)."""
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("title", tokenizer_name="terms", index_option="freq")
    sb.add_text_field("description", tokenizer_name="terms", index_option="freq")
    sb.add_text_field("region", tokenizer_name="terms", index_option="basic")
    sb.add_integer_field("wage_max", fast=True)
    schema = sb.build()
    index = tantivy.Index(schema, path=folder)
    # Whitespace only: our terms are already made, and CJK terms must stay whole.
    index.register_tokenizer("terms", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
    writer = index.writer(heap_size=heap_mb * 1_000_000, num_threads=threads)

    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    cursor = source.execute("SELECT title, description, county_code, wage_max FROM job_postings WHERE status = 'open'")
    rows = 0
    split_ns = add_ns = 0
    start = time.perf_counter_ns()
    while True:
        t0 = time.perf_counter_ns()
        batch = cursor.fetchmany(2000)  # streamed: only one batch of raw text is alive at a time
        if not batch:
            break
        docs = []
        for title, description, county_code, wage_max in batch:
            doc = tantivy.Document()
            doc.add_text("title", " ".join(terms(title)))
            doc.add_text("description", " ".join(terms(description)))
            doc.add_text("region", region_terms(county_code))
            if wage_max is not None:
                doc.add_integer("wage_max", wage_max)
            docs.append(doc)
        t1 = time.perf_counter_ns()
        for doc in docs:
            writer.add_document(doc)
        t2 = time.perf_counter_ns()
        split_ns += t1 - t0
        add_ns += t2 - t1
        rows += len(batch)
    source.close()
    t0 = time.perf_counter_ns()
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    commit_ns = time.perf_counter_ns() - t0
    total_ns = time.perf_counter_ns() - start
    return index, rows, {"total": total_ns, "read+terms": split_ns, "add": add_ns, "commit+merge": commit_ns}


def make_query(schema, text, region):
    """All query terms (each in title, boosted x2, or description) AND the region prefix (a filter: no score)."""
    clauses = []
    for term in query_terms(text):
        either = tantivy.Query.boolean_query([
            (tantivy.Occur.Should, tantivy.Query.boost_query(tantivy.Query.term_query(schema, "title", term), 2.0)),
            (tantivy.Occur.Should, tantivy.Query.term_query(schema, "description", term)),
        ])
        clauses.append((tantivy.Occur.Must, either))
    if region:
        region_q = tantivy.Query.term_query(schema, "region", region, index_option="basic")
        clauses.append((tantivy.Occur.Must, tantivy.Query.const_score_query(region_q, 0.0)))
    return tantivy.Query.boolean_query(clauses)


def read_queries(path):
    """(query, region) pairs of a TSV; blank lines and lines starting with '#' are skipped."""
    pairs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            query, _, region = line.partition("\t")
            if not query_terms(query):
                print(f"skipping {query!r}: no terms", file=sys.stderr)
                continue
            pairs.append((query, region.strip()))
    return pairs


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    k = max(0, min(len(sorted_values) - 1, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[k]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("db")
    ap.add_argument("queries", nargs="?", default=os.path.join(here, "queries.tsv"))
    ap.add_argument("--rounds", type=int, default=200, help="timed rounds over the query list (default 200)")
    ap.add_argument("--warmup", type=int, default=5, help="untimed rounds first (default 5)")
    ap.add_argument("--threads", type=int, default=0, help="indexing threads, 0 = tantivy's choice (default)")
    ap.add_argument("--heap-mb", type=int, default=256, help="indexing heap in MB, split between threads (default 256)")
    args = ap.parse_args()

    pairs = read_queries(args.queries)
    with tempfile.TemporaryDirectory(prefix="tantivy-jobs-") as folder:
        index, rows, t = build(args.db, folder, args.threads, args.heap_mb)
        size = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))
        searcher = index.searcher()
        schema = index.schema
        print(f"tantivy {importlib.metadata.version('tantivy')} ({tantivy.__version__}): indexed {rows} open postings in {t['total'] / 1e9:.2f} s "
              f"(sqlite read + Python terms {t['read+terms'] / 1e9:.2f} s, add_document {t['add'] / 1e9:.2f} s, "
              f"commit + merge {t['commit+merge'] / 1e9:.2f} s); {searcher.num_segments} segment(s), {size / 1e6:.1f} MB")

        def run(query, region):
            return searcher.search(make_query(schema, query, region), limit=20, count=True)

        for _ in range(args.warmup):
            for query, region in pairs:
                run(query, region)
        per_query = {pair: [] for pair in pairs}
        for _ in range(args.rounds):
            for pair in pairs:
                t0 = time.perf_counter_ns()
                run(*pair)
                per_query[pair].append(time.perf_counter_ns() - t0)

        print(f"\n{'query':<10}{'region':<8}{'terms':<22}{'hits':>9}{'median ms':>11}{'p90 ms':>9}")
        for (query, region), times in per_query.items():
            times.sort()
            hits = run(query, region).count
            # Pad by display width: a CJK character takes two columns.
            q_pad = 10 - sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in query)
            term_list = " ".join(query_terms(query))
            t_pad = 22 - sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in term_list)
            print(f"{query}{' ' * max(q_pad, 1)}{region:<8}{term_list}{' ' * max(t_pad, 1)}{hits:>9}"
                  f"{statistics.median(times) / 1e6:>11.3f}{percentile(times, 90) / 1e6:>9.3f}")
        every = sorted(x for times in per_query.values() for x in times)
        print(f"\nall {len(every)} queries ({args.rounds} rounds x {len(pairs)}, after {args.warmup} warm-up rounds): "
              f"median {statistics.median(every) / 1e6:.3f} ms, p90 {percentile(every, 90) / 1e6:.3f} ms")


if __name__ == "__main__":
    main()
