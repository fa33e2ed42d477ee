"""Scores each benchmark query against the same candidate entries tradetrail's index generated, with nomenklatura's logic-v2, one query at a time; prints p50/p99 per query and queries/s.

Run by benches/screen.rs through a Python that has `pip install nomenklatura`; never part of the Rust build.
"""

import json
import statistics
import sys
import time

from followthemoney import model
from nomenklatura.matching import LogicV2
from nomenklatura.matching.types import ScoringConfig


def main() -> None:
    rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    cache = {}
    queries = []
    for i, r in enumerate(rows):
        q = model.make_entity("Company")
        q.id = f"q{i}"
        q.add("name", r["name"])
        cands = []
        for c in r["candidates"]:
            if c["id"] not in cache:
                schema = c["schema"] if c["schema"] in ("Person", "Company", "Organization", "LegalEntity", "Vessel", "Airplane") else "LegalEntity"
                e = model.make_entity(schema)
                e.id = c["id"].replace(":", "-").replace("/", "-").replace(" ", "-")[:100] or "x"
                e.add("name", c["names"])
                cache[c["id"]] = e
            cands.append(cache[c["id"]])
        queries.append((q, cands))
    config = ScoringConfig.defaults()
    lat = []
    hits = 0
    start = time.perf_counter()
    for q, cands in queries:
        t = time.perf_counter()
        best = 0.0
        for c in cands:
            if not q.schema.can_match(c.schema):
                continue
            best = max(best, LogicV2.compare(q, c, config).score)
        lat.append((time.perf_counter() - t) * 1e3)
        hits += best >= 0.7
    total = time.perf_counter() - start
    lat.sort()
    print(
        f"nomenklatura logic-v2 (Python), one thread: {len(lat)} queries over the same candidates, p50 {statistics.median(lat):.3f} ms, "
        f"p99 {lat[int((len(lat) - 1) * 0.99)]:.3f} ms, {len(lat) / total:.0f} queries/s per core ({hits} with a hit at 0.7)"
    )


if __name__ == "__main__":
    main()
