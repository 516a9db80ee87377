"""`likeness dupes` against fastdup on the same files, in one run: wall time, peak memory and pair
precision, recall and F1 of the groups each tool reports.

The set is a folder per source photo (every version of one photo is a duplicate of every other,
as `likeness bench robustness --export` writes them) plus, optionally, a folder of distractors
that duplicate nothing (each file is its own class). Both tools read the same root.

Runs, in this order, each as the user would start it (a fresh process, timed whole):
  1. likeness dupes ROOT --catalog FRESH --json      (scan, embed, group on an empty catalog)
  2. the same command again                           (everything already stored)
  3. with --floor: likeness embed ROOT --catalog FRESH2 (the scan, one decode and the model:
     the least a fresh `dupes` with that model does, before any confirmation or keeper)
  4. fastdup: fastdup.create(work_dir, input_dir=ROOT).run(overwrite=True), its defaults
These alternate --rounds times; medians are reported.

fastdup's groups are its connected components at its default cc_threshold (0.96); also shown at
the threshold that maximises its F1 on this very set (which flatters it), from the same-run
similarity table.

Usage:
  python bench/dupes_peer.py ROOT --photos photos --distractors garments \
      --likeness .build/release/likeness --fastdup-python ~/.cache/likeness/venv-fastdup/bin/python
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

FASTDUP_RUN = r"""
import json, sys, fastdup
root, work = sys.argv[1], sys.argv[2]
fd = fastdup.create(work_dir=work, input_dir=root)
fd.run(overwrite=True)
cc = fd.connected_components()
frame = cc[0] if isinstance(cc, tuple) else cc
groups = {}
for name, component, count in zip(frame["filename"], frame["component_id"], frame["count"]):
    if count > 1:
        groups.setdefault(int(component), []).append(name)
similar = fd.similarity()
edges = [[a, b, float(d)] for a, b, d in zip(similar["filename_from"], similar["filename_to"], similar["distance"])]
json.dump({"groups": list(groups.values()), "edges": edges}, open(sys.argv[3], "w"))
"""


def timed(command, env=None):
    """Runs a command under /usr/bin/time; returns (seconds, peak RSS in MB, stdout, CPU seconds:
    user + system, which other work on the machine inflates less than the wall time)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        done = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", "-o", report.name] + command,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        if done.returncode != 0:
            sys.exit(f"{command[0]} failed ({done.returncode}):\n{done.stderr[-3000:]}")
        seconds, kilobytes, user, system = report.read().split()[-4:]
    return float(seconds), int(kilobytes) / 1024, done.stdout, float(user) + float(system)


def label_of(path, root, photos):
    """The class of a file: its photo's folder, or the file itself for a distractor."""
    relative = os.path.relpath(os.path.realpath(path), os.path.realpath(root))
    parts = relative.split(os.sep)
    if parts[0] == photos and len(parts) >= 3:
        return "photo:" + parts[1]
    return "file:" + relative


def truth_pairs(files, root, photos):
    classes = {}
    for path in files:
        classes.setdefault(label_of(path, root, photos), []).append(path)
    return sum(len(members) * (len(members) - 1) // 2 for members in classes.values())


def scored(groups, root, photos, positives):
    """Pair precision, recall and F1 of a grouping (every pair inside a group is predicted)."""
    predicted = correct = 0
    for members in groups:
        labels = [label_of(path, root, photos) for path in members]
        predicted += len(labels) * (len(labels) - 1) // 2
        counts = {}
        for label in labels:
            counts[label] = counts.get(label, 0) + 1
        correct += sum(n * (n - 1) // 2 for n in counts.values())
    precision = correct / predicted if predicted else 1.0
    recall = correct / positives if positives else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def components(edges, threshold):
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, similarity in edges:
        if similarity >= threshold:
            parent[find(a)] = find(b)
    groups = {}
    for x in list(parent):
        groups.setdefault(find(x), []).append(x)
    return [g for g in groups.values() if len(g) > 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", help="folder holding the photos folder and the distractors folder")
    parser.add_argument("--photos", default="photos", help="sub-folder with a folder per source photo")
    parser.add_argument("--likeness", default=".build/release/likeness")
    parser.add_argument("--fastdup-python", default=os.path.expanduser("~/.cache/likeness/venv-fastdup/bin/python"))
    parser.add_argument("--rounds", type=int, default=1, help="alternating fresh runs of each tool")
    parser.add_argument("--json", help="also write the figures here")
    parser.add_argument("--floor", action="store_true",
                        help="also time `likeness embed` on a fresh catalog: the scan, one decode and the model, "
                             "the least any `dupes` run with that model does")
    parser.add_argument("--model", help="passed to likeness as --model (default: its default model)")
    args = parser.parse_args()

    files = [os.path.join(d, f) for d, _, names in os.walk(args.root) for f in names
             if f.lower().endswith((".png", ".jpg", ".jpeg"))]
    positives = truth_pairs(files, args.root, args.photos)
    print(f"{len(files)} files under {args.root}, {positives} duplicate pairs", file=sys.stderr)

    work = tempfile.mkdtemp(prefix="dupes-peer-")
    ours_fresh, ours_again, peer, floor = [], [], [], []
    model = ["--model", args.model] if args.model else []
    try:
        for round_number in range(args.rounds):
            catalog = os.path.join(work, f"catalog-{round_number}.sqlite")
            command = [args.likeness, "dupes", args.root, "--catalog", catalog, "--json"] + model
            ours_fresh.append(timed(command))
            ours_again.append(timed(command))
            if args.floor:
                floor_catalog = os.path.join(work, f"floor-{round_number}.sqlite")
                floor.append(timed([args.likeness, "embed", args.root, "--catalog", floor_catalog] + model))
            out = os.path.join(work, f"fastdup-{round_number}.json")
            fd_work = os.path.join(work, f"fastdup-{round_number}")
            seconds, memory, _, cpu = timed([args.fastdup_python, "-c", FASTDUP_RUN, args.root, fd_work, out])
            peer.append((seconds, memory, out, cpu))
            print(f"round {round_number + 1}: likeness fresh {ours_fresh[-1][0]:.1f} s, again {ours_again[-1][0]:.1f} s, "
                  f"fastdup {seconds:.1f} s", file=sys.stderr)

        ours = json.loads(ours_fresh[-1][2])
        our_groups = [[m["path"] for m in g["members"]] for g in ours["groups"]]
        again = json.loads(ours_again[-1][2])
        same = our_groups == [[m["path"] for m in g["members"]] for g in again["groups"]]
        fd = json.load(open(peer[-1][2]))
        fd_default = scored(fd["groups"], args.root, args.photos, positives)
        best = max(((t, scored(components(fd["edges"], t), args.root, args.photos, positives))
                    for t in [0.90 + 0.005 * i for i in range(20)]), key=lambda item: item[1][2])
    finally:
        shutil.rmtree(work, ignore_errors=True)

    median = lambda runs, i: statistics.median(r[i] for r in runs)
    rows = [
        ("likeness dupes, fresh catalog", median(ours_fresh, 0), median(ours_fresh, 1), median(ours_fresh, 3),
         scored(our_groups, args.root, args.photos, positives)),
        ("likeness dupes, second run", median(ours_again, 0), median(ours_again, 1), median(ours_again, 3), None),
        ("fastdup 2.54 default run", median(peer, 0), median(peer, 1), median(peer, 3), fd_default),
        (f"fastdup at its best threshold ({best[0]:.3f})", None, None, None, best[1]),
    ]
    if floor:
        rows.insert(2, ("likeness embed alone (scan, decode, model), fresh catalog", median(floor, 0), median(floor, 1),
                        median(floor, 3), None))
    print("| run | wall | CPU (user + system) | peak RSS | precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, seconds, memory, cpu, score in rows:
        time_text = f"{seconds:.1f} s" if seconds is not None else ""
        cpu_text = f"{cpu:.1f} s" if cpu is not None else ""
        memory_text = f"{memory:.0f} MB" if memory is not None else ""
        score_text = " | ".join(f"{x:.3f}" for x in score) if score else " | | "
        print(f"| {name} | {time_text} | {cpu_text} | {memory_text} | {score_text} |")
    fastdup_row = next(row for row in rows if row[0].startswith("fastdup 2.54"))
    fresh, second, fastdup_time = rows[0][1], rows[1][1], fastdup_row[1]
    print(f"\nfastdup / likeness fresh: {fastdup_time / fresh:.2f}× wall, {fastdup_row[3] / rows[0][3]:.2f}× CPU (above 1: likeness is faster)")
    if floor:
        print(f"fastdup / likeness embed alone: {fastdup_time / rows[2][1]:.2f}× wall, {fastdup_row[3] / rows[2][3]:.2f}× CPU")
    print(f"second run / fresh run: {100 * second / fresh:.1f} %; same groups both runs: {same}")
    if args.json:
        json.dump({"rows": rows, "files": len(files), "positives": positives}, open(args.json, "w"), indent=1)


if __name__ == "__main__":
    main()
