"""Writes one BACI-shaped year (t,i,j,k,v,q) plus country_codes and product_codes, seeded.

Country codes are the ISO numeric codes of galeon's countries (so every row resolves, as in real
BACI), products 5,000 six-digit HS92-like codes; values and quantities are log-uniform.
Usage: baci_generate.py COUNTRIES_CSV ROWS OUT_DIR
"""
import csv
import os
import random
import sys

countries_csv, rows, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(out, exist_ok=True)
rng = random.Random(20241)
codes = []
with open(countries_csv) as f, open(os.path.join(out, "country_codes_V202401b.csv"), "w") as w:
    w.write("country_code,country_name,country_iso2,country_iso3\n")
    for r in csv.DictReader(f):
        if r["numeric"]:
            n = int(r["numeric"])
            codes.append(n)
            # `galeon countries --format csv` names its columns code and name_en.
            w.write(f'{n},"{r["name_en"]}",{r["iso2"]},{r["code"]}\n')
products = sorted({rng.randrange(10000, 999999) for _ in range(6000)})[:5000]
with open(os.path.join(out, "product_codes_HS92_V202401b.csv"), "w") as w:
    w.write("code,description\n")
    for p in products:
        w.write(f'{p:06d},"product {p:06d}"\n')
with open(os.path.join(out, "BACI_HS92_Y2000_V202401b.csv"), "w") as w:
    w.write("t,i,j,k,v,q\n")
    chunk = []
    for n in range(rows):
        i, j = rng.choice(codes), rng.choice(codes)
        v = round(10 ** rng.uniform(-3, 6), 3)
        q = round(10 ** rng.uniform(-3, 6), 3) if n % 7 else ""
        chunk.append(f"2000,{i},{j},{rng.choice(products):06d},{v},{q}\n")
        if len(chunk) == 100_000:
            w.write("".join(chunk))
            chunk.clear()
    w.write("".join(chunk))
