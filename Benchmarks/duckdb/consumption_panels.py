"""The peer of the consumption panels benchmark: DuckDB computes the province panels (61, this year) from the sales
ledger, the same rows Xiezuo holds, exported from its SQLite file. Prints the figures and the median time of the
panels' queries.

    pip install duckdb
    python3 Benchmarks/duckdb/consumption_panels.py /tmp/xiezuo-sales.sqlite
"""
import csv
import datetime
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time

import duckdb


def main():
    sqlite_path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    year = datetime.date.today().year
    con = duckdb.connect()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        # The sqlite extension would need a download; the rows go through a CSV file instead.
        path = os.path.join(folder, "sales.csv")
        source = sqlite3.connect(sqlite_path)
        with open(path, "w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["month", "channel", "product_key", "product_name", "county_code", "amount", "quantity"])
            cursor = source.execute("SELECT month, channel, hex(product_id), product_name, county_code, amount, quantity FROM sales")
            while rows := cursor.fetchmany(100_000):
                writer.writerows(rows)
        source.close()
        con.execute(f"""CREATE TABLE sales AS SELECT * FROM read_csv('{path}', header=true,
                        types={{'product_key': 'VARCHAR', 'county_code': 'VARCHAR', 'channel': 'VARCHAR', 'product_name': 'VARCHAR'}})""")
    load_s = time.perf_counter() - start
    low, high = year * 100 + 1, year * 100 + 12
    queries = {
        "by_channel": f"SELECT channel, SUM(amount) FROM sales WHERE county_code LIKE '61%' AND month BETWEEN {low} AND {high} GROUP BY channel ORDER BY channel",
        "by_city": f"SELECT substr(county_code, 1, 4) AS city, SUM(amount) FROM sales WHERE county_code LIKE '61%' AND month BETWEEN {low} AND {high} GROUP BY city ORDER BY city",
        "by_month": f"SELECT month, SUM(amount) FROM sales WHERE county_code LIKE '61%' AND month BETWEEN {low} AND {high} GROUP BY month ORDER BY month",
        "top_products": f"""SELECT product_key, MAX(product_name), SUM(amount) AS amount, SUM(quantity) FROM sales
                            WHERE county_code LIKE '61%' AND month BETWEEN {low} AND {high} GROUP BY product_key ORDER BY amount DESC, product_key LIMIT 10""",
    }
    rows = {name: con.execute(sql).fetchall() for name, sql in queries.items()}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for sql in queries.values():
            con.execute(sql).fetchall()
        times.append((time.perf_counter() - start) * 1000)
    count = con.execute("SELECT COUNT(*) FROM sales").fetchone()[0]
    print(json.dumps({
        "rows": count, "load_seconds": round(load_s, 1), "year": year,
        "total": sum(int(r[1]) for r in rows["by_channel"]),
        "by_channel": {r[0]: int(r[1]) for r in rows["by_channel"]},
        "by_city": {r[0]: int(r[1]) for r in rows["by_city"]},
        "by_month": {int(r[0]): int(r[1]) for r in rows["by_month"]},
        "top_products": [[r[1], int(r[2])] for r in rows["top_products"]],
        "duckdb_version": duckdb.__version__,
        "median_ms": round(statistics.median(times), 3),
        "p90_ms": round(sorted(times)[int(len(times) * 0.9) - 1], 3),
    }, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
