"""The participant list's order on SQLite with 20,600 people: the Polish collation (kis.collation,
a Python comparison SQLite calls) against SQLite's binary one, each with the model's
(last_name, first_name) index. Prints the median time of the list's first 15 pages (25 rows each,
ORDER BY surname, first name, id), of a whole sort of every name, and the query plan.

    .venv/bin/python bench/collation_order.py
"""

import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from demo.data.scale_names import FEMALE_NAME_CHOICES, MALE_NAME_CHOICES, SURNAME_CHOICES  # noqa: E402
from kis.collation import POLISH, compare  # noqa: E402

PEOPLE = 20_600
PAGE = "SELECT id, last_name, first_name FROM p ORDER BY last_name, first_name, id LIMIT 25 OFFSET ?"
WHOLE = "SELECT last_name, first_name FROM p ORDER BY last_name || ' ' || first_name"


def people() -> list[tuple[str, str]]:
    rng = random.Random(1)
    first = MALE_NAME_CHOICES[0] + FEMALE_NAME_CHOICES[0]
    return [(rng.choice(first), rng.choices(*SURNAME_CHOICES)[0]) for _ in range(PEOPLE)]


def measure(collation: str | None, rows) -> dict:
    db = sqlite3.connect(":memory:")
    db.create_collation(POLISH, compare)
    declared = f" COLLATE {collation}" if collation else ""
    db.execute(f"CREATE TABLE p (id INTEGER PRIMARY KEY, first_name TEXT{declared}, last_name TEXT{declared})")
    db.executemany("INSERT INTO p (first_name, last_name) VALUES (?, ?)", rows)
    started = time.perf_counter()
    db.execute("CREATE INDEX p_names ON p (last_name, first_name)")
    index_ms = (time.perf_counter() - started) * 1000
    pages = []
    for page in range(15):
        started = time.perf_counter()
        db.execute(PAGE, (page * 25,)).fetchall()
        pages.append(time.perf_counter() - started)
    whole = []
    for _run in range(5):
        started = time.perf_counter()
        order = WHOLE + (f" COLLATE {collation}" if collation else "")
        db.execute(order).fetchall()
        whole.append(time.perf_counter() - started)
    plan = db.execute("EXPLAIN QUERY PLAN " + PAGE, (0,)).fetchall()[0][3]
    return {
        "page_ms": statistics.median(pages) * 1000,
        "whole_sort_ms": statistics.median(whole) * 1000,
        "index_ms": index_ms,
        "plan": plan,
    }


if __name__ == "__main__":
    rows = people()
    distinct = len(set(rows))
    print(f"{PEOPLE} people, {distinct} distinct names, SQLite {sqlite3.sqlite_version}")
    for collation in (None, POLISH):
        result = measure(collation, rows)
        print(
            f"{collation or 'binary':>10}: a page {result['page_ms']:.3f} ms, every name sorted "
            f"{result['whole_sort_ms']:.0f} ms, the index built in {result['index_ms']:.0f} ms; {result['plan']}"
        )
