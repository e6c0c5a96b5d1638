"""Reads every IMF DOTS workbook (both sheets) into one long table with pandas + openpyxl.

The peer for bench/dots_ingest.sh: the same input galeon's DOTS connector reads, into the same
long shape (reporter, partner, flow, year, value, estimated flag). Prints the row count.
"""
import glob
import os
import sys

import pandas as pd

folder = sys.argv[1]
frames = []
for path in sorted(glob.glob(os.path.join(folder, "DOTS_*.xlsx"))):
    sheets = pd.read_excel(path, sheet_name=["Exports, FOB", "Imports, CIF"], header=None, engine="openpyxl", dtype=object)
    for sheet, flow in (("Exports, FOB", "export"), ("Imports, CIF", "import")):
        raw = sheets[sheet]
        reporter = raw.iat[3, 1]
        years = raw.iloc[6, 2:].tolist()
        body = raw.iloc[7:, 1:].copy()
        body.columns = ["partner"] + years
        long = body.melt(id_vars="partner", var_name="year", value_name="value").dropna(subset=["value", "partner"])
        text = long["value"].astype(str).str.strip()
        long["estimated"] = text.str.endswith("e")
        long["value"] = pd.to_numeric(text.str.rstrip("e").str.strip(), errors="coerce") * 1e6
        long["reporter"] = reporter
        long["flow"] = flow
        frames.append(long)
table = pd.concat(frames, ignore_index=True)
print(f"pandas+openpyxl: {len(table)} rows")
