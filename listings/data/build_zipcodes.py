"""Rebuild zipcodes.tsv.gz, the board's compact table of US ZIP codes, from the `zipcodes`
package (a development dependency): python listings/data/build_zipcodes.py

Why a table of our own: the package's index takes about 40 MB in every process that asks
it anything; these few columns, read into arrays, take about 2 MB.
"""

import gzip
from pathlib import Path

import zipcodes

OUT = Path(__file__).with_name("zipcodes.tsv.gz")


def main() -> None:
    rows = sorted(
        (r["zip_code"], r["city"], r["state"], r["lat"], r["long"])
        for r in zipcodes.list_all()
        if r.get("lat") and r.get("long")
    )
    header = f"# ZIP code, city, state, latitude, longitude; from zipcodes {zipcodes.__version__}"
    text = "\n".join([header, *("\t".join(row) for row in rows)]) + "\n"
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(text.encode())
    print(f"Wrote {len(rows):,} ZIP codes to {OUT}")


if __name__ == "__main__":
    main()
