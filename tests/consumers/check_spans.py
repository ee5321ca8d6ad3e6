#!/usr/bin/env python3
"""Checks that Python reads Biaozhu exports' offsets as code points, the way Biaozhu documents.

usage: check_spans.py KIND PATH [TEXTS.json]
  brat DIR            every T line: fragments txt[start:end] joined by ' ' equal the text field,
                      and no fragment holds a line break (.txt read with newline='')
  cluener FILE        every mention equals text[start:end + 1] (inclusive end)
  doccano FILE MENTIONS.json
                      text[start:end] (end exclusive) of every record's [start, end, label] gives
                      the [label, mention] pairs MENTIONS.json lists for that record
  label-studio FILE   every labels result: data.text[start:end] == value.text
  csv FILE TEXTS      every row: text[start:end] == mention, contexts are the 20 characters
                      either side; TEXTS.json maps document_id to the document's text
Exit status 1 on any mismatch.
"""
import csv
import json
import os
import sys

errors = []
checked = 0


def expect(ok, message):
    global checked
    checked += 1
    if not ok:
        errors.append(message)


def check_brat(folder):
    for base, _, names in os.walk(folder):
        for name in sorted(n for n in names if n.endswith(".ann")):
            with open(os.path.join(base, name[:-4] + ".txt"), encoding="utf-8", newline="") as f:
                text = f.read()
            with open(os.path.join(base, name), encoding="utf-8", newline="") as f:
                for number, line in enumerate(f.read().split("\n"), 1):
                    if not line.startswith("T"):
                        continue
                    ident, type_offsets, mention = line.split("\t", 2)
                    fragments = [tuple(map(int, part.split())) for part in type_offsets.split(" ", 1)[1].split(";")]
                    pieces = [text[s:e] for s, e in fragments]
                    expect(" ".join(pieces) == mention, f"{name}:{number} {ident}: {pieces!r} != {mention!r}")
                    expect(not any(c in p for p in pieces for c in "\r\n"), f"{name}:{number} {ident}: line break inside a fragment")


def json_lines(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def check_cluener(path):
    for record in json_lines(path):
        text = record["text"]
        for label, mentions in record["label"].items():
            for mention, ranges in mentions.items():
                for start, end in ranges:
                    expect(text[start:end + 1] == mention, f"{label} {start}-{end}: {text[start:end + 1]!r} != {mention!r}")


def check_doccano(path, mentions_path):
    with open(mentions_path, encoding="utf-8") as f:
        wanted = json.load(f)
    for number, record in enumerate(json_lines(path)):
        text = record["text"]
        got = sorted([label, text[start:end]] for start, end, label in record["label"])
        expect(got == sorted(wanted[number]), f"record {number}: {got!r} != {sorted(wanted[number])!r}")


def check_label_studio(path):
    with open(path, encoding="utf-8") as f:
        tasks = json.load(f)
    for task in tasks:
        text = task["data"]["text"]
        for annotation in task["annotations"]:
            regions = {r["id"]: r["value"] for r in annotation["result"] if r["type"] == "labels"}
            for result in annotation["result"]:
                value = result["value"]
                if result["type"] == "labels":
                    got = text[value["start"]:value["end"]]
                    expect(got == value["text"], f"task {task['id']} {result['id']}: {got!r} != {value['text']!r}")
                else:
                    region = regions.get(result["id"], {})
                    expect((region.get("start"), region.get("end")) == (value["start"], value["end"]),
                           f"task {task['id']} {result['id']}: {result['from_name']} is not on its region")


def check_csv(path, texts_path):
    with open(texts_path, encoding="utf-8") as f:
        texts = json.load(f)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        text = texts[row["document_id"]]
        start, end = int(row["start"]), int(row["end"])
        expect(text[start:end] == row["mention"], f"row {row['document_id']} {start}-{end}: {text[start:end]!r} != {row['mention']!r}")
        expect(text[max(0, start - 20):start] == row["left_context"], f"row {start}: left context differs")
        expect(text[end:end + 20] == row["right_context"], f"row {start}: right context differs")
        expect(isinstance(json.loads(row["attributes"]), dict), f"row {start}: attributes are not a JSON object")


def main():
    kind, path, *rest = sys.argv[1:]
    {"brat": check_brat, "cluener": check_cluener, "doccano": lambda p: check_doccano(p, rest[0]),
     "label-studio": check_label_studio,
     "csv": lambda p: check_csv(p, rest[0])}[kind](path)
    for e in errors:
        print(e, file=sys.stderr)
    print(f"check_spans {kind}: {checked} checks, {len(errors)} errors")
    if checked == 0:
        print("nothing was checked", file=sys.stderr)
        return 1
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
