#!/usr/bin/env python3
"""Writes the malformed-input corpus: one file per kind of bad input, each next to good rows.

The expected outcome of every file is in expected.toml; crates/ingest/tests/it/corpus.rs checks it.
Run from this folder after changing a case; the files are committed, this script documents how they were made.
"""

HEADER = "id,decl,date,item,sender,country,hs,description,qty,net,value\n"


def row(i, date="01.03.2025", sender="SHENZHEN ACME TECHNOLOGY CO LTD", desc="Квадрокоптер DJI Mavic 3", qty="2", net='"1,8"', value="4400", item="1"):
    return f"R{i},10012020/010325/{i:07d},{date},{item},{sender},CN,8806221000,{desc},{qty},{net},{value}\n"


def write(name, text=None, data=None):
    with open(name, "wb") as f:
        f.write(data if data is not None else text.encode("utf-8"))


good = HEADER + row(1) + row(2) + row(3)

# Truncated files: the last row cut mid-row, mid-quote and mid-character, with no final newline.
write("truncated_mid_row.csv", good + "R4,10012020/010325/0000004,01.03.2025,1,ACME,CN,88062")
write("truncated_mid_quote.csv", good + 'R4,10012020/010325/0000004,01.03.2025,1,"SHENZHEN ACME, LTD')
cut = (good + row(4, desc="Квадрокоптер")).encode("utf-8")
write("truncated_mid_character.csv", data=cut[: cut.rindex("Квадрокоптер".encode("utf-8")) + 5])

# Mixed encodings: a UTF-8 file with one row written in Windows-1251, and one in Latin-1.
text = HEADER + row(1)
data = text.encode("utf-8") + row(2, desc="Запчасти БПЛА").encode("cp1251") + row(3, sender="MÜLLER GMBH", desc="Drohne").encode("latin-1") + row(4).encode("utf-8")
write("mixed_encoding.csv", data=data)

# Broken quotes: a stray quote inside an unquoted cell, a doubled quote inside a quoted one, and a quote that never closes.
write("broken_quotes.csv", HEADER + row(1, sender='ООО "ЛЕГИОН"') + row(2, sender='"ООО ""ЛЕГИОН"""') + row(3, sender='"OOO LEGION') + row(4) + row(5))

# A 1 MB cell between good rows.
write("huge_cell.csv", HEADER + row(1) + row(2, desc="Я" * 524288) + row(3))

# Numbers in every local format a vendor writes (quantity, net weight, value).
nums = [
    ("1234", "1234", "1234.5"),
    ("1 234", "1 234,5", "1 234,56"),
    ("1\u00a0234", "1\u00a0234,5", "1\u00a0234,56"),
    ("1.234", "1.234,5", "1.234,56"),
    ("1,234", "1,234.5", "1,234.56"),
    ("1'234", "1'234.5", "1'234.56"),
    ("12,5", "0,001", "1e3"),
    ("1.5E+2", " 42 ", "3 000 000,00"),
]
write("numbers.csv", HEADER + "".join(row(i + 1, qty=q if "," not in q or q.count(",") > 1 or " " in q else f'"{q}"', net=f'"{n}"', value=f'"{v}"') for i, (q, n, v) in enumerate(nums)))

# Negative and absurd quantities, weights and values.
write("quantities.csv", HEADER + row(1, qty="-5") + row(2, qty="0") + row(3, qty="1e12") + row(4, net="\"-0,5\"") + row(5, value="-100") + row(6, value="1e309") + row(7, value="999999999999999") + row(8, qty="NULL") + row(9))

# Dates before 1990, in the future, impossible and in other formats.
write("dates.csv", HEADER + row(1, date="31.12.1989") + row(2, date="01.01.1990") + row(3, date="2099-01-01") + row(4, date="29.02.2023") + row(5, date="29.02.2024") + row(6, date="2024/13/01") + row(7, date="15/03/24") + row(8, date="2024-03-15T10:20:00") + row(9, date="1899-12-30"))

# Duplicated declarations: an exact copy, a copy with different spacing, and the same declaration item with another value.
write("duplicates.csv", HEADER + row(1) + row(2) + row(1) + row(2).replace(",2,", ",2 ,") + row(1, value="4500") + row(3))

# Formula-injection strings: stored as written (exports neutralise them, ingest keeps the evidence).
write("formula_injection.csv", HEADER + row(1, sender='"=HYPERLINK(""http://evil.example"",""click"")"') + row(2, sender="+7 495 123-45-67") + row(3, sender="@SUM(A1:A9)") + row(4, desc="-2+3 cmd|' /C calc'!A0") + row(5, sender="\tTAB LTD"))

# Unicode confusables: Latin letters inside Cyrillic names and the reverse.
write("confusables.csv", HEADER + row(1, sender="OOO ЛEГИOH") + row(2, sender="ООО ЛЕГИОН") + row(3, sender="LEGIОN LLC") + row(4, sender="ⅬEGION LLC"))

# Right-to-left marks and bidi overrides in names and descriptions.
write("bidi_marks.csv", HEADER + row(1, sender="\u200fشركة الامارات\u200f") + row(2, sender="ACME\u202eDTL\u202c LLC") + row(3, desc="\u2067drone\u2069 parts") + row(4))

# An empty file, a header only, and blank lines between rows.
write("empty.csv", "")
write("header_only.csv", HEADER)
write("blank_lines.csv", HEADER + row(1) + "\n\n" + row(2) + ",,,,,,,,,,\n" + row(3))
