#!/usr/bin/env python3
"""Derive the compact run-time tables in crates/resolve/data/ from the staged permissive sources.

Run from the repository root with ../shared/data beside it:
    python3 crates/resolve/scripts/gen_data.py
Inputs (never copied into the repository, only distilled):
  - opensanctions/rigour resources/names/org_types.yml (MIT) -> data/legal_forms_rigour.tsv
  - iuliia schemas (MIT, Anton Zhiyanov) -> data/cyrillic.tsv
  - Unihan 15.0 kMandarin + kTraditionalVariant (Unicode License) -> data/han_pinyin.tsv
The Han set is GB 2312 level 1 (the 3,755 most common simplified characters), plus the traditional
forms of those characters, so the table stays small.
"""
import json
import os
import sys
import unicodedata

import yaml

SHARED = os.path.join(os.path.dirname(__file__), "../../../../shared/data")
OUT = os.path.join(os.path.dirname(__file__), "../data")

# Aliases in the rigour table that are also ordinary words or too short to strip safely.
SKIP_ALIASES = {"in", "LL", "LC", "Lt", "Lt.", "ad", "ao", "пр", "ет", "ед", "од", "гп", "уп", "нп", "РО", "сд"}


def legal_forms():
    types = yaml.safe_load(open(os.path.join(SHARED, "legal-forms/rigour_org_types.yml")))["types"]
    rows = []
    for t in types:
        cls = (t.get("generic") or "other").lower()
        compare = t.get("compare") or t.get("display") or (t.get("aliases") or [""])[0]
        for a in t.get("aliases") or []:
            a = str(a).strip()
            if not a or a in SKIP_ALIASES:
                continue
            rows.append(f"{a}\t{cls}\t{compare}")
    with open(os.path.join(OUT, "legal_forms_rigour.tsv"), "w") as f:
        f.write("# Legal-form aliases: alias<TAB>class<TAB>compare form.\n")
        f.write("# Derived by scripts/gen_data.py from opensanctions/rigour resources/names/org_types.yml.\n")
        f.write("# Copyright (c) OpenSanctions, MIT License; a few ambiguous short aliases were dropped.\n")
        for r in sorted(set(rows)):
            f.write(r + "\n")


SCHEMES = {
    "gost779": "gost_779_alt",
    "icao": "icao_doc_9303",
    "bgn": "bgn_pcgn",
    "mvd310": "mvd_310",
    "mvd782": "mvd_782",
}


def fold(s):
    s = s.replace("·", "")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def cyrillic():
    with open(os.path.join(OUT, "cyrillic.tsv"), "w") as f:
        f.write("# Cyrillic -> Latin schemes: scheme<TAB>kind(map|prev|next|end)<TAB>key<TAB>value.\n")
        f.write("# Derived by scripts/gen_data.py from the iuliia schemas (MIT, (c) Anton Zhiyanov).\n")
        f.write("# Diacritics and middle dots were folded to ASCII; lowercase keys only.\n")
        for ours, theirs in SCHEMES.items():
            d = json.load(open(os.path.join(SHARED, "transliteration/iuliia_schemas", theirs + ".json")))
            for kind, field in [("map", "mapping"), ("prev", "prev_mapping"), ("next", "next_mapping"), ("end", "ending_mapping")]:
                for k, v in sorted((d.get(field) or {}).items()):
                    if k != k.lower():
                        continue
                    f.write(f"{ours}\t{kind}\t{k}\t{fold(v)}\n")


def strip_tone(p):
    p = p.replace("ü", "v").replace("Ü", "v")
    return fold(p).replace("v", "u").upper()


def han():
    chars = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            if hi == 0xD7 and lo > 0xF9:
                break
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    # Level-2 characters common in company and place names, and every character of our own word tables.
    extra = "圳鑫琦浙沪闽赣粤冀豫晋皖渝黔滇甬邯邢鄂湘淄烨昊晟泓淼垚焱骏宸楠铭钰瑞霖熠珑琪祺璟翊禾颐臻睿炜炫硕蔚沅澜汇"
    for line in open(os.path.join(OUT, "han_words.tsv")):
        if not line.startswith("#"):
            extra += line.split("\t")[0]
    for c in extra:
        if "\u4e00" <= c <= "\u9fff" and c not in chars:
            chars.append(c)
    wanted = set(chars)
    reading = {}
    for line in open(os.path.join(SHARED, "transliteration/unihan_mandarin.tsv")):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3 or parts[1] not in wanted or not parts[2]:
            continue
        reading[parts[1]] = strip_tone(parts[2].split()[0])
    trad = {}
    for line in open(os.path.join(SHARED, "transliteration/unihan_simplified_traditional.tsv")):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 5 or parts[2] != "kTraditionalVariant" or parts[1] not in reading:
            continue
        for t in parts[4].split():
            if t != parts[1] and t not in wanted:
                trad.setdefault(t, parts[1])
    with open(os.path.join(OUT, "han_pinyin.tsv"), "w") as f:
        f.write("# Han character -> toneless pinyin (uppercase); traditional forms point at their simplified character.\n")
        f.write("# Modified extract of Unihan 15.0.0 (kMandarin, kTraditionalVariant), (c) 2022 Unicode, Inc.\n")
        f.write("# Unicode License v3: free use with this notice; this file is a modified extract made by scripts/gen_data.py.\n")
        f.write("# Set: GB 2312 level 1 (3,755 most common simplified characters) and their traditional variants.\n")
        for c in chars:
            if c in reading:
                f.write(f"{c}\t{reading[c]}\n")
        for t, s in sorted(trad.items()):
            f.write(f"{t}\t={s}\n")
    print(len(reading), "readings,", len(trad), "traditional", file=sys.stderr)


if __name__ == "__main__":
    legal_forms()
    cyrillic()
    han()
