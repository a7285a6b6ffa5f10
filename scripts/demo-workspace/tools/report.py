"""Summarises a CSV of orders: revenue per day and the best-selling item."""
import csv
from collections import Counter, defaultdict


def summarise(path):
    revenue = defaultdict(float)
    items = Counter()
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            revenue[row["date"]] += float(row["price"]) * int(row["quantity"])
            items[row["sku"]] += int(row["quantity"])
    best = items.most_common(1)[0][0] if items else None
    return dict(revenue), best


if __name__ == "__main__":
    import sys

    per_day, best_seller = summarise(sys.argv[1])
    for day, amount in sorted(per_day.items()):
        print(f"{day}: {amount:.2f}")
    print("best seller:", best_seller)
