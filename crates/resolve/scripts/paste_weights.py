#!/usr/bin/env python3
"""Paste the weight blocks printed by the fit_weights example into src/weights.rs (reads the example's output on stdin)."""
import os
import re
import sys

out = sys.stdin.read()
p = os.path.join(os.path.dirname(__file__), "../src/weights.rs")
s = open(p).read()
blocks = []
for label, doc in [("ORG", "organisations"), ("PERSON", "persons")]:
    head = re.search(r"^// %s:.*$" % label, out, re.M).group(0)
    body = re.search(r"pub const %s: Weights = Weights \{.*?\n\};" % label, out, re.S).group(0)
    blocks.append("/// Weights for %s.\n%s\n%s\n" % (doc, head, body))
start = s.index("/// Weights for organisations.")
end = s.index("/// The weights for a kind")
s = s[:start] + "\n".join(blocks) + "\n" + s[end:]
open(p, "w").write(s)
