"""The peer of the sync benchmark: raw sqlite3 bulk insert of the same rows. Reads every row of job_postings from an
exported SQLite file into memory, then inserts them into a fresh temporary SQLite file with the same table (its
CREATE TABLE is copied from the source) plus a UNIQUE (origin_platform, origin_id) index and an index on change_seq
(or, with --all-indexes, the source's own indexes), with one executemany inside one transaction (journal_mode=WAL,
synchronous=NORMAL). Prints rows, seconds, rows/s.

    # no pip packages needed: Python 3 standard library only
    python3 Benchmarks/jobs/sqlite_bulk_insert.py /tmp/jobs.sqlite [--all-indexes] [--cache-mb 64] [--page-size 16384]
                                                  [--commit-every N] [--as-received] [--keep]

The timed part runs from BEGIN to COMMIT (index upkeep included); the read and the schema set-up are not timed.
--all-indexes also copies the source's own indexes on job_postings first, to mirror the app's table exactly;
--cache-mb sets SQLite's page cache (the app uses 64 MB; SQLite's default is 2 MB).
--page-size sets the new file's page size (the app creates files with 16384; SQLite's default is 4096).
--as-received stores the rows as a receiving node does: without the local employer id (a copy has no local employer,
so its employer index entry is NULL), which is what a sync writes.
--commit-every N commits after every N rows instead of once at the end (a sync commits once per feed page).
The temporary file is made in $TMPDIR (default /tmp) and removed afterwards unless --keep is given.
"""
import argparse
import os
import sqlite3
import sys
import tempfile
import time


def read_source(db_path, all_indexes):
    """(CREATE TABLE sql, [CREATE INDEX sql], column names, all rows as tuples) of job_postings."""
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    table_sql = source.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'job_postings'").fetchone()
    if table_sql is None:
        sys.exit(f"{db_path}: no job_postings table")
    index_sql = []
    if all_indexes:  # explicit indexes only: sql is NULL for the automatic ones (PRIMARY KEY / UNIQUE constraints)
        index_sql = [r[0] for r in source.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'job_postings' AND sql IS NOT NULL")]
    columns = [r[1] for r in source.execute("PRAGMA table_info(job_postings)")]
    quoted = ", ".join(f'"{c}"' for c in columns)
    rows = source.execute(f"SELECT {quoted} FROM job_postings").fetchall()
    source.close()
    return table_sql[0], index_sql, columns, rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("db")
    ap.add_argument("--all-indexes", action="store_true", help="also copy the source's own job_postings indexes")
    ap.add_argument("--cache-mb", type=int, help="page cache size in MB (default: SQLite's own, 2 MB)")
    ap.add_argument("--page-size", type=int, help="page size of the new file in bytes (default: SQLite's own, 4096)")
    ap.add_argument("--commit-every", type=int, help="commit after every N rows (default: one transaction)")
    ap.add_argument("--as-received", action="store_true", help="employer_id NULL, as a receiving node stores copies")
    ap.add_argument("--keep", action="store_true", help="keep the temporary SQLite file and print its path")
    args = ap.parse_args()

    t0 = time.perf_counter_ns()
    table_sql, index_sql, columns, rows = read_source(args.db, args.all_indexes)
    read_s = (time.perf_counter_ns() - t0) / 1e9
    print(f"read {len(rows)} rows x {len(columns)} columns into memory in {read_s:.2f} s")
    if args.as_received:
        employer = columns.index("employer_id")
        rows = [row[:employer] + (None,) + row[employer + 1:] for row in rows]

    fd, path = tempfile.mkstemp(prefix="jobs-bulk-", suffix=".sqlite")
    os.close(fd)
    os.remove(path)  # let SQLite create it
    try:
        db = sqlite3.connect(path, isolation_level=None)  # autocommit: we issue BEGIN / COMMIT ourselves
        if args.page_size:
            db.execute(f"PRAGMA page_size={args.page_size}")  # before the file is first written
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        if args.cache_mb:
            db.execute(f"PRAGMA cache_size=-{args.cache_mb * 1024}")
        db.execute(table_sql)
        for sql in index_sql:
            db.execute(sql)
        if not index_sql:  # the source's own indexes already include these two
            db.execute("CREATE UNIQUE INDEX IF NOT EXISTS bench_job_postings_origin ON job_postings(origin_platform, origin_id)")
            db.execute("CREATE INDEX IF NOT EXISTS bench_job_postings_change_seq ON job_postings(change_seq)")
        indexes = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'job_postings'")]

        insert = f"INSERT INTO job_postings ({', '.join(chr(34) + c + chr(34) for c in columns)}) VALUES ({', '.join('?' * len(columns))})"
        t0 = time.perf_counter_ns()
        step = args.commit_every or len(rows)
        for start in range(0, len(rows), step):
            db.execute("BEGIN")
            db.executemany(insert, rows[start:start + step])
            db.execute("COMMIT")
        seconds = (time.perf_counter_ns() - t0) / 1e9
        count = db.execute("SELECT count(*) FROM job_postings").fetchone()[0]
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        db.close()
        assert count == len(rows), (count, len(rows))

        print(f"sqlite {sqlite3.sqlite_version}, cache {args.cache_mb or 2} MB, page {page_size} B, indexes: {', '.join(indexes)}")
        transactions = f"a commit every {args.commit_every} rows" if args.commit_every else "one transaction"
        print(f"inserted {len(rows)} rows in {seconds:.3f} s: {len(rows) / seconds:,.0f} rows/s "
              f"({transactions}, WAL, synchronous=NORMAL)")
        if args.keep:
            print(f"kept {path}")
    finally:
        if not args.keep:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(path + suffix):
                    os.remove(path + suffix)


if __name__ == "__main__":
    main()
