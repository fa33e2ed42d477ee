#!/usr/bin/env python3
"""Paste the `pub const ORG/PERSON` blocks printed by the fit_weights example into src/weights.rs (reads stdin)."""
import re, sys, os
out = sys.stdin.read()
p = os.path.join(os.path.dirname(__file__), "../src/weights.rs")
s = open(p).read()
for label in ["ORG", "PERSON"]:
    m = re.search(r"(// %s:.*?\n)(?://.*\n)*pub const %s: Weights = Weights \{.*?\n\};" % (label, label), out, re.S)
    block = re.search(r"pub const %s: Weights = Weights \{.*?\n\};" % label, out, re.S).group(0)
    s = re.sub(r"(///[^\n]*\n)pub const %s: Weights = Weights \{.*?\n\};" % label, lambda mm: mm.group(1) + m.group(1) + block, s, flags=re.S)
    s = re.sub(r"(// %s:[^\n]*\n)(// %s:[^\n]*\n)+" % (label, label), r"\1", s)
open(p, "w").write(s)
