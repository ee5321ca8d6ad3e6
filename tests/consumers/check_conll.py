#!/usr/bin/env python3
"""Reads a Biaozhu CoNLL export with NLTK's ConllCorpusReader and checks it against the texts.

usage: check_conll.py EXPECTED.json FILE.conll [FILE.conll ...]

EXPECTED.json: {"scheme": "bio" | "bioes",
                "documents": [{"text": str, "spans": [{"start": cp, "end": cp, "label": str}]}]}
with the documents in file order and the spans the export kept (code points, end exclusive).

Checks: every token is one non-whitespace character; the tokens, in order, are exactly the
documents' characters without whitespace; tags follow the scheme; the entities read from the
tags are exactly the expected spans' characters and labels. Exit status 1 on any mismatch.
"""
import json
import os
import sys
from collections import Counter

from nltk.corpus.reader.conll import ConllCorpusReader


def is_skipped(char):
    # Biaozhu skips what JavaScript's \s or Python's str.isspace() call whitespace.
    return char.isspace() or char == "\ufeff"


def entities(sentence, scheme, errors, where):
    """(label, characters) of every entity, checking the tag sequence."""
    found = []
    current = None  # [label, chars]
    for index, (char, tag) in enumerate(sentence):
        if tag == "O":
            if current and scheme == "bioes":
                errors.append(f"{where}: entity {current[1]!r} ends without E-")
            current = None
            continue
        prefix, _, label = tag.partition("-")
        allowed = "BI" if scheme == "bio" else "BIES"
        if prefix not in allowed or not label:
            errors.append(f"{where}: tag {tag!r} is not {scheme.upper()}")
            continue
        if prefix in "BS":
            if current and scheme == "bioes":
                errors.append(f"{where}: entity {current[1]!r} ends without E-")
            current = [label, char]
            found.append(current)
        else:
            if not current or current[0] != label:
                errors.append(f"{where}: {tag} at token {index} does not continue an entity")
                current = [label, ""]
                found.append(current)
            current[1] += char
        if prefix in "ES":
            current = None
    if current and scheme == "bioes":
        errors.append(f"{where}: entity {current[1]!r} ends without E-")
    return [tuple(e) for e in found]


def main():
    expected_path, *files = sys.argv[1:]
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    scheme = expected["scheme"]
    root = os.path.dirname(os.path.abspath(files[0]))
    reader = ConllCorpusReader(root, [os.path.basename(p) for p in files], columntypes=("words", "pos"), encoding="utf-8")
    errors = []
    tokens = []
    found = []
    for number, sentence in enumerate(reader.tagged_sents()):
        if not sentence:  # the block holding only -DOCSTART-
            continue
        for char, _ in sentence:
            if len(char) != 1 or is_skipped(char):
                errors.append(f"sentence {number}: token {char!r} is not one visible character")
        tokens.extend(char for char, _ in sentence)
        found.extend(entities(sentence, scheme, errors, f"sentence {number}"))
    visible = [c for doc in expected["documents"] for c in doc["text"] if not is_skipped(c)]
    if tokens != visible:
        errors.append(f"read {len(tokens)} characters, the texts have {len(visible)} visible characters (or they differ)")
    want = Counter(
        (s["label"], "".join(c for c in doc["text"][s["start"]:s["end"]] if not is_skipped(c)))
        for doc in expected["documents"]
        for s in doc["spans"]
    )
    if Counter(found) != want:
        errors.append(f"entities differ: missing {dict(want - Counter(found))}, unexpected {dict(Counter(found) - want)}")
    for e in errors:
        print(e, file=sys.stderr)
    print(f"check_conll: {len(tokens)} characters, {len(found)} entities, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
