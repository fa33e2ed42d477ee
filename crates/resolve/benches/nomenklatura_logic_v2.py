"""Times nomenklatura's logic-v2 matcher on the same labelled name pairs as benches/score.rs, one pair at a time; prints median and p99 in microseconds.

Run by benches/score.rs through the Python of a virtual environment that has `pip install nomenklatura`; it is never part of the Rust build.
"""

import csv
import statistics
import sys
import time

from followthemoney import model
from nomenklatura.matching import LogicV2
from nomenklatura.matching.types import ScoringConfig


def entity(schema: str, name: str, i: int):
    proxy = model.make_entity(schema)
    proxy.id = f"e{i}"
    proxy.add("name", name)
    return proxy


def main() -> None:
    path = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    pairs = []
    for i, r in enumerate(rows):
        schema = r["schema"] if r["schema"] in ("Person", "Company", "Organization", "LegalEntity") else "LegalEntity"
        pairs.append((entity(schema, r["name1"], 2 * i), entity(schema, r["name2"], 2 * i + 1), r["is_match"].lower() == "true"))
    config = ScoringConfig.defaults()
    lat = []
    tp = fp = fn = 0
    start = time.perf_counter()
    for k in range(rounds):
        for a, b, truth in pairs:
            t = time.perf_counter()
            res = LogicV2.compare(a, b, config)
            lat.append((time.perf_counter() - t) * 1e6)
            if k == 0:
                pred = res.score >= 0.7
                tp += pred and truth
                fp += pred and not truth
                fn += (not pred) and truth
    total = time.perf_counter() - start
    lat.sort()
    p50 = statistics.median(lat)
    p99 = lat[int((len(lat) - 1) * 0.99)]
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    print(
        f"{'nomenklatura logic-v2 (Python)':<34} pairs={len(lat):<6} median={p50:>7.2f} µs  p99={p99:>7.2f} µs  throughput={len(lat) / total:>9.0f} pairs/s  (F1 at 0.7: {f1:.3f})"
    )


if __name__ == "__main__":
    main()
