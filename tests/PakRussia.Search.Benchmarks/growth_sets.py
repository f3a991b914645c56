"""Passage sets for the growth runs (issue 14): N passages of whole documents drawn from the contract's real passages
in one fixed random order (seed 1), so every size has the same mix of 20 Newsgroups, Reuters and Wikipedia; the largest
set repeats the whole file with new ids ("r1:", "r2:", ...), honest for cost, not for relevance.

    python3 growth_sets.py real.jsonl OUTDIR 64000 200000 638206 2000000
writes OUTDIR/passages-N.jsonl for each N (a size above the file's repeats it; ids stay unique)."""
import json, os, random, sys

src, out, sizes = sys.argv[1], sys.argv[2], [int(n) for n in sys.argv[3:]]
os.makedirs(out, exist_ok=True)
docs, current, key = [], [], None
with open(src, encoding="utf-8") as f:
    for line in f:
        part = json.loads(line)["id"].rpartition(":")[0]
        if part != key and current:
            docs.append(current)
            current = []
        key = part
        current.append(line if line.endswith("\n") else line + "\n")
if current:
    docs.append(current)
order = list(range(len(docs)))
random.Random(1).shuffle(order)
total = sum(len(d) for d in docs)
for n in sizes:
    path = os.path.join(out, f"passages-{n}.jsonl")
    written, copy = 0, 0
    with open(path, "w", encoding="utf-8") as w:
        while written < n:
            for i in order:
                if written >= n:
                    break
                for line in docs[i]:
                    if copy == 0:
                        w.write(line)
                    else:
                        record = json.loads(line)
                        record["id"] = f"r{copy}:{record['id']}"
                        w.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += len(docs[i])
            copy += 1
    print(f"{path}: {written} passages ({len(docs)} documents in the source, {total} passages)", flush=True)
