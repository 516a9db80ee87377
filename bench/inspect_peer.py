"""`likeness inspect` against cleanvision on the same folder, in one run: wall times, their ratio,
and how far the two agree on which images have each issue type they share.

Runs, in this order, each as a user would start it (a fresh process, timed whole):
  1. likeness inspect ROOT --catalog FRESH --json   (scan, measure, embed; empty catalog)
  2. the same command again                         (everything read back from the catalog)
  3. cleanvision: Imagelab(data_path=ROOT).find_issues(), its defaults (all its issue types)

Agreement per shared issue type (ours → cleanvision's): dark → dark, bright → light, blurry →
blurry, low-information → low_information, greyscale → grayscale, odd-aspect-ratio →
odd_aspect_ratio, odd-size → odd_size, and, as extras, exact-duplicate → exact_duplicates and
near-duplicate → near_duplicates. For each: images flagged by us, by cleanvision, by both, and
the Jaccard index of the two sets. The rules differ (stated in README, "Dataset health"), so
agreement is a comparison, not a score.

With --quality-only, the quality pass alone instead: `likeness quality ROOT --catalog FRESH --json`
(scan and quality scores, no embeddings), twice, against cleanvision's find_issues limited to its
image-property issue types (dark, light, blurry, low_information, grayscale, odd_aspect_ratio,
odd_size: no duplicate search); times only.

Usage:
  ~/.cache/likeness/venv/bin/python bench/inspect_peer.py ROOT --likeness .build/release/likeness [--quality-only]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

CLEANVISION_RUN = r"""
import json, sys
from cleanvision import Imagelab
lab = Imagelab(data_path=sys.argv[1])
only = sys.argv[3].split(",") if len(sys.argv) > 3 else None
lab.find_issues(issue_types={name: {} for name in only} if only else None, verbose=False)
issues = lab.issues
flagged = {}
for column in issues.columns:
    if column.startswith("is_") and column.endswith("_issue"):
        name = column[3:-6]
        flagged[name] = sorted(str(p) for p in issues.index[issues[column]])
with open(sys.argv[2], "w") as out:
    json.dump({"images": len(issues), "flagged": flagged}, out)
"""

SHARED = [("dark", "dark"), ("bright", "light"), ("blurry", "blurry"), ("low-information", "low_information"),
          ("greyscale", "grayscale"), ("odd-aspect-ratio", "odd_aspect_ratio"), ("odd-size", "odd_size"),
          ("exact-duplicate", "exact_duplicates"), ("near-duplicate", "near_duplicates")]


def timed(command, env=None):
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{command[0]} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds, done.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root")
    parser.add_argument("--likeness", default=".build/release/likeness")
    parser.add_argument("--python", default=sys.executable, help="the Python with cleanvision installed")
    parser.add_argument("--quality-only", action="store_true", help="time the quality pass alone against cleanvision's image properties")
    args = parser.parse_args()
    root = os.path.realpath(args.root)
    if args.quality_only:
        return quality_only(root, args)

    with tempfile.TemporaryDirectory(prefix="inspect-peer-") as work:
        catalog = os.path.join(work, "catalog.sqlite")
        command = [args.likeness, "inspect", root, "--catalog", catalog, "--json"]
        first, output = timed(command)
        second, _ = timed(command)
        ours = json.loads(output)
        found = os.path.join(work, "cleanvision.json")
        theirs_seconds, _ = timed([args.python, "-c", CLEANVISION_RUN, root, found])
        with open(found) as f:
            theirs = json.load(f)

    print(f"folder: {root}")
    print(f"images: likeness {ours['images']}, cleanvision {theirs['images']}")
    print(f"likeness inspect, fresh catalog : {first:8.2f} s")
    print(f"likeness inspect, second run    : {second:8.2f} s  ({100 * second / first:.1f} % of the first)")
    print(f"cleanvision find_issues         : {theirs_seconds:8.2f} s")
    print(f"speed ratio (cleanvision / likeness): fresh {theirs_seconds / first:.2f}x, second run {theirs_seconds / second:.2f}x")
    print()
    findings = {f["issue"]: f for f in ours["findings"]}
    print(f"{'likeness':17} {'cleanvision':17} {'ours':>5} {'theirs':>6} {'both':>5} {'Jaccard':>7}")
    for mine, peer in SHARED:
        a = {os.path.realpath(i["path"]) for i in findings[mine]["images"]}
        b = {os.path.realpath(p) for p in theirs["flagged"].get(peer, [])}
        union = a | b
        jaccard = len(a & b) / len(union) if union else 1.0
        print(f"{mine:17} {peer:17} {len(a):5} {len(b):6} {len(a & b):5} {jaccard:7.3f}")
    print(f"{'outlier':17} {'-':17} {findings['outlier']['count']:5}")


PROPERTIES = ["dark", "light", "blurry", "low_information", "grayscale", "odd_aspect_ratio", "odd_size"]


def quality_only(root, args):
    with tempfile.TemporaryDirectory(prefix="quality-peer-") as work:
        command = [args.likeness, "quality", root, "--catalog", os.path.join(work, "catalog.sqlite"), "--json"]
        first, output = timed(command)
        second, _ = timed(command)
        measured = len(json.loads(output)["images"])
        found = os.path.join(work, "cleanvision.json")
        theirs_seconds, _ = timed([args.python, "-c", CLEANVISION_RUN, root, found, ",".join(PROPERTIES)])
        with open(found) as f:
            theirs = json.load(f)
    print(f"folder: {root}")
    print(f"images: likeness quality {measured}, cleanvision {theirs['images']}")
    print(f"likeness quality, fresh catalog : {first:8.2f} s")
    print(f"likeness quality, second run    : {second:8.2f} s  ({100 * second / first:.1f} % of the first)")
    print(f"cleanvision image properties    : {theirs_seconds:8.2f} s")
    print(f"speed ratio (cleanvision / likeness): fresh {theirs_seconds / first:.2f}x, second run {theirs_seconds / second:.2f}x")


if __name__ == "__main__":
    main()
