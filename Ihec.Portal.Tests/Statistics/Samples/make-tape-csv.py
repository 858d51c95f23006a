#!/usr/bin/env python3
"""Writes the tape-import fixtures tapes-quote-all.csv and tapes-quote-nonnumeric.csv with Python's csv module
(its default dialect: comma, CRLF), as an organisation's script would. Run from this folder: python3 make-tape-csv.py"""
import csv

header = ["stationCode", "registeredVoters", "ballotsCast", "validVotes", "invalidVotes", "e-101", "e-102", "e-117"]
rows = [["110203-04", 450, 212, 205, 7, 88, 61, 56], ["110203-05", None, 212, 205, 7, 88, 61, None]]
for name, quoting in [("tapes-quote-all.csv", csv.QUOTE_ALL), ("tapes-quote-nonnumeric.csv", csv.QUOTE_NONNUMERIC)]:
    with open(name, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, quoting=quoting)
        writer.writerow(header)
        writer.writerows(rows)
