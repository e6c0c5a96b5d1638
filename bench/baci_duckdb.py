"""The named peer for BACI ingest: DuckDB reads BACI's year files, joins exporter and importer
codes through country_codes_V*.csv, and writes Parquet — what a user would reach for instead of
galeon. Same input files as galeon, same output rows (reporter, partner, product padded to six
digits, year, value in USD, quantity), one Parquet file.
Usage: baci_duckdb.py BACI_FOLDER OUT_PARQUET
"""
import sys

import duckdb

folder, out = sys.argv[1], sys.argv[2]
duckdb.sql(f"""
COPY (
  SELECT e.country_iso3 AS reporter, m.country_iso3 AS partner,
         lpad(CAST(b.k AS VARCHAR), 6, '0') AS product, 'HS92' AS nomenclature, 6 AS level,
         'export' AS flow, b.t AS year, round(b.v * 1000) AS value_usd, b.q AS quantity,
         'reporter' AS reported_by
  FROM read_csv('{folder}/BACI_*.csv', header = true) b
  JOIN read_csv('{folder}/country_codes_*.csv', header = true) e ON b.i = e.country_code
  JOIN read_csv('{folder}/country_codes_*.csv', header = true) m ON b.j = m.country_code
) TO '{out}' (FORMAT parquet)
""")
rows = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}')").fetchall()[0][0]
print(f"duckdb wrote {rows} rows")
