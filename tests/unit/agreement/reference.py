# Computes agreement with the reference implementations the tests compare against:
# scikit-learn's cohen_kappa_score and NLTK's nltk.metrics.agreement.AnnotationTask
# (kappa: Cohen 1960, averaged over coder pairs; pi: Scott's pi generalised to many coders,
# which is Fleiss' kappa when every coder codes every item; alpha: Krippendorff, binary distance).
# Reads a JSON list of cases {"items": [[code of coder 0, code of coder 1, ...], ...]} and prints
# a JSON list of {"sklearn_kappa", "nltk_kappa", "nltk_pi", "nltk_alpha"} (null where undefined).
import json
import sys

from nltk.metrics.agreement import AnnotationTask
from sklearn.metrics import cohen_kappa_score


def guarded(compute):
    try:
        value = compute()
    except ZeroDivisionError:
        return None
    return None if value != value else value  # NaN


def measure(items):
    coders = len(items[0])
    data = [(str(c), str(i), row[c]) for i, row in enumerate(items) for c in range(coders)]
    task = AnnotationTask(data=data)
    result = {
        "nltk_kappa": guarded(task.kappa),
        "nltk_pi": guarded(task.pi),
        "nltk_alpha": guarded(task.alpha),
        "sklearn_kappa": None,
    }
    if coders == 2:
        result["sklearn_kappa"] = guarded(lambda: float(cohen_kappa_score([r[0] for r in items], [r[1] for r in items])))
    return result


with open(sys.argv[1], encoding="utf-8") as f:
    cases = json.load(f)
print(json.dumps([measure(case["items"]) for case in cases]))
