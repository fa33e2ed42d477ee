"""A yente client and an OpenRefine-style reconciliation client against `tradetrail serve`.

Usage: screen_client.py BASE_URL LISTED_NAME ENTRY_ID
Exits non-zero (with the reason) when a response does not have the shape or content the clients rely on.
"""
import json
import sys

import requests

base, listed_name, entry_id = sys.argv[1], sys.argv[2], sys.argv[3]

# 1. yente's /match: the request shape yente's own clients and examples send.
body = {
    "queries": {
        "listed": {"schema": "Company", "properties": {"name": [listed_name]}},
        "innocent": {"schema": "Company", "properties": {"name": ["Zhejiang Qingfeng Bamboo Products Co Ltd"], "jurisdiction": ["cn"]}},
    }
}
r = requests.post(f"{base}/match/default", json=body, params={"limit": 3, "algorithm": "best"}, timeout=30)
assert r.status_code == 200, (r.status_code, r.text)
data = r.json()
assert set(data["responses"]) == {"listed", "innocent"}, data
listed = data["responses"]["listed"]
assert listed["status"] == 200 and listed["query"]["schema"] == "Company", listed
top = listed["results"][0]
assert top["id"] == entry_id, (top["id"], entry_id, [x["id"] for x in listed["results"]])
assert top["match"] is True and 0.0 <= top["score"] <= 1.0, top
assert top["schema"] in ("Company", "Organization", "LegalEntity"), top["schema"]
assert "name" in top["properties"] and top["datasets"], top
assert isinstance(top["features"], dict) and top["features"], top
assert all(r["match"] is False for r in data["responses"]["innocent"]["results"]), data["responses"]["innocent"]

# A malformed query gets a 400 that says what is wrong.
bad = requests.post(f"{base}/match/default", json={"queries": {"x": {"schema": "Banana", "properties": {}}}}, timeout=30)
assert bad.status_code == 400 and "schema" in bad.json()["detail"], (bad.status_code, bad.text)

# 2. Entity fetch and search.
e = requests.get(f"{base}/entities/{entry_id}", timeout=30)
assert e.status_code == 200 and e.json()["id"] == entry_id, e.text
s = requests.get(f"{base}/search", params={"q": listed_name}, timeout=30)
assert s.status_code == 200 and s.json()["results"][0]["id"] == entry_id, s.text

# 3. OpenRefine: the manifest, then a batch of queries POSTed as the form field `queries`.
m = requests.get(f"{base}/reconcile/default", timeout=30).json()
assert "0.2" in m["versions"] and m["identifierSpace"] and m["defaultTypes"], m
queries = {
    "q0": {"query": listed_name, "type": "LegalEntity", "limit": 3},
    "q1": {"query": "Zhejiang Qingfeng Bamboo Products Co Ltd", "type": "Company", "properties": [{"pid": "country", "v": "CN"}]},
}
rc = requests.post(f"{base}/reconcile/default", data={"queries": json.dumps(queries)}, timeout=30)
assert rc.status_code == 200, rc.text
res = rc.json()
assert res["q0"]["result"][0]["id"] == entry_id and res["q0"]["result"][0]["match"] is True, res["q0"]
assert all(not x["match"] for x in res["q1"]["result"]), res["q1"]
assert all(k in res["q0"]["result"][0] for k in ("id", "name", "score", "type")), res["q0"]
print("ok", top["id"], round(top["score"], 3))
