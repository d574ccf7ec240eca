#!/usr/bin/env python3
"""Prints where a JFR recording spent its CPU samples: top frames (self) and frames on the stack (total).

    jfr-hot.py RECORDING.jfr [THREAD-SUBSTRING] [N]
"""
import collections
import subprocess
import sys


def samples(recording, thread_filter):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", recording],
                         capture_output=True, text=True, check=True).stdout
    for block in out.split("jdk.ExecutionSample")[1:]:
        thread = ""
        frames = []
        in_stack = False
        for line in block.splitlines():
            s = line.strip()
            if s.startswith("sampledThread"):
                thread = s
            elif s.startswith("stackTrace = ["):
                in_stack = True
            elif in_stack:
                if s.startswith("]") or s.startswith("..."):
                    in_stack = False
                elif s:
                    frames.append(s.split(" line:")[0])
        if thread_filter and thread_filter not in thread:
            continue
        yield frames


def main():
    recording = sys.argv[1]
    thread_filter = sys.argv[2] if len(sys.argv) > 2 else ""
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 25
    self_counts = collections.Counter()
    total_counts = collections.Counter()
    count = 0
    for frames in samples(recording, thread_filter):
        if not frames:
            continue
        count += 1
        self_counts[frames[0]] += 1
        for f in set(frames):
            total_counts[f] += 1
    print(f"{count} samples")
    print("-- self (top frame)")
    for f, c in self_counts.most_common(n):
        print(f"{100.0 * c / count:5.1f}%  {f}")
    print("-- total (on the stack)")
    for f, c in total_counts.most_common(n):
        print(f"{100.0 * c / count:5.1f}%  {f}")


if __name__ == "__main__":
    main()
