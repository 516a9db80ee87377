"""Times the phases of a Likeness command from its progress lines on stderr.

Likeness reports progress as `phase: done/total ...` lines (carriage-return updates). This reads
them from stdin and prints when each phase was first and last seen, in seconds since the start.

Usage: likeness dupes DIR --catalog fresh.sqlite --json 2>&1 >/dev/null | python bench/phase_times.py
"""
import re
import sys
import time


def main():
    started = time.time()
    seen = {}
    order = []
    line = b""
    while True:
        byte = sys.stdin.buffer.read(1)
        if byte in (b"\r", b"\n", b""):
            text = line.decode(errors="replace")
            line = b""
            match = re.match(r"([a-z][\w -]*?): \d+(/\d+)?", text)
            now = time.time() - started
            if match:
                phase = match.group(1)
                if phase not in seen:
                    seen[phase] = [now, now]
                    order.append(phase)
                seen[phase][1] = now
            elif text.strip():
                print(f"{now:7.1f} s  {text}")
            if not byte:
                break
        else:
            line += byte
    total = time.time() - started
    print("| phase | from | to | seconds |")
    print("|---|---:|---:|---:|")
    for phase in order:
        first, last = seen[phase]
        print(f"| {phase} | {first:.1f} | {last:.1f} | {last - first:.1f} |")
    print(f"| (whole run) | 0 | {total:.1f} | {total:.1f} |")


if __name__ == "__main__":
    main()
