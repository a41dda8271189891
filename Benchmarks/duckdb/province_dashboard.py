"""The peer of the dashboard benchmark: DuckDB computes the province dashboard's figures (61, 2025) from the
ledgers, the same rows Xiezuo holds, exported from its SQLite file. Prints the figures, the median time of all the dashboard's
queries, and of the money figures alone.

    pip install duckdb
    python3 Benchmarks/duckdb/province_dashboard.py /tmp/xiezuo-bench.sqlite
"""
import csv
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time

import duckdb

FOUR = "('featured_industry','industrial_cluster','consumption_assistance','labor_cooperation')"
APPROVED = "('approved','in_progress','completed','accepted')"


def export(sqlite_path, folder):
    source = sqlite3.connect(sqlite_path)
    for table, columns in (("projects", "id, county_code, pairing_id, year, action_area, status, households, persons, poverty_persons"),
                           ("fund_flows", "project_id, type, source, amount, month")):
        with open(os.path.join(folder, table + ".csv"), "w", newline="") as out:
            writer = csv.writer(out)
            cursor = source.execute(f"SELECT {columns} FROM {table}")
            writer.writerow([d[0] for d in cursor.description])
            # Fluent stores UUIDs in SQLite as 16-byte blobs; write them as hex so the join keys are text.
            writer.writerows([value.hex() if isinstance(value, bytes) else value for value in row] for row in cursor)
    source.close()


QUERIES = {
    "flows": f"""
        SELECT
          SUM(CASE WHEN f.type='commitment' AND f.source='jiangsu_aid' THEN f.amount ELSE 0 END) AS aid_committed,
          SUM(CASE WHEN f.type='commitment' AND f.source='jiangsu_aid' AND p.action_area IN {FOUR} THEN f.amount ELSE 0 END) AS aid_committed_four_actions,
          SUM(CASE WHEN f.type='disbursement' AND f.source='jiangsu_aid' THEN f.amount ELSE 0 END) AS aid_disbursed,
          SUM(CASE WHEN f.type='disbursement' AND f.source='social_donation' THEN f.amount ELSE 0 END) AS social_donations
        FROM fund_flows f JOIN projects p ON p.id = f.project_id
        WHERE p.county_code LIKE '61%' AND f.month BETWEEN 202501 AND 202512""",
    "projects": f"""
        SELECT action_area, COUNT(*) AS projects, SUM(persons) AS persons, SUM(poverty_persons) AS poverty_persons,
               SUM(households) AS households
        FROM projects WHERE county_code LIKE '61%' AND year = 2025 AND status IN {APPROVED} GROUP BY action_area""",
    "trend": """
        SELECT f.month, SUM(f.amount) FROM fund_flows f JOIN projects p ON p.id = f.project_id
        WHERE p.county_code LIKE '61%' AND f.type='disbursement' AND f.source='jiangsu_aid' AND f.month BETWEEN 202501 AND 202512
        GROUP BY f.month ORDER BY f.month""",
    "by_city": """
        SELECT substr(p.county_code, 1, 4) AS city, SUM(f.amount) FROM fund_flows f JOIN projects p ON p.id = f.project_id
        WHERE p.county_code LIKE '61%' AND f.type='commitment' AND f.source='jiangsu_aid' AND f.month BETWEEN 202501 AND 202512
        GROUP BY city ORDER BY city""",
}


def main():
    sqlite_path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    with tempfile.TemporaryDirectory() as folder:
        export(sqlite_path, folder)
        con = duckdb.connect()
        con.execute(f"CREATE TABLE projects AS SELECT * FROM read_csv('{folder}/projects.csv', header=true, types={{'id': 'VARCHAR', 'county_code': 'VARCHAR', 'pairing_id': 'VARCHAR'}})")
        con.execute(f"CREATE TABLE fund_flows AS SELECT * FROM read_csv('{folder}/fund_flows.csv', header=true, types={{'project_id': 'VARCHAR'}})")
        rows = {name: con.execute(sql).fetchall() for name, sql in QUERIES.items()}
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            for sql in QUERIES.values():
                con.execute(sql).fetchall()
            times.append((time.perf_counter() - start) * 1000)
        flow_times = []
        for _ in range(runs):
            start = time.perf_counter()
            con.execute(QUERIES["flows"]).fetchall()
            flow_times.append((time.perf_counter() - start) * 1000)
        counts = con.execute("SELECT (SELECT COUNT(*) FROM projects), (SELECT COUNT(*) FROM fund_flows)").fetchone()
    flows = rows["flows"][0]
    projects = {r[0]: r for r in rows["projects"]}
    print(json.dumps({
        "rows": {"projects": counts[0], "fund_flows": counts[1]},
        "aid_committed": flows[0], "aid_committed_four_actions": flows[1], "aid_disbursed": flows[2], "social_donations": flows[3],
        "projects_total": sum(r[1] for r in projects.values()),
        "beneficiary_persons": sum(r[2] for r in projects.values()),
        "trend": [int(r[1]) for r in rows["trend"]],
        "by_city": {r[0]: int(r[1]) for r in rows["by_city"]},
        "duckdb_version": duckdb.__version__,
        "median_ms": round(statistics.median(times), 3),
        "p90_ms": round(sorted(times)[int(len(times) * 0.9) - 1], 3),
        "money_figures_only_median_ms": round(statistics.median(flow_times), 3),
    }, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
