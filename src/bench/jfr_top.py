#!/usr/bin/env python3
"""Folds the JFR recordings of `bench.py --jfr` into top-frames tables, one per server and measure.

    src/bench/jfr_top.py [target/bench] [--top 30] > docs/profiles/<name>.txt

Reads target/bench/jfr-<server>.jfr (jdk.ExecutionSample events, through the JDK's `jfr print
--json`), jfr-windows.json (when each turn of steps 0-2 ran) and raw-results.json (how many requests
each measure completed), assigns every sample to the measure whose turn it fell in, and prints per
server and measure: samples per 1,000 requests (comparable across servers and measures, since every
sample is 10-20 ms of one thread on a CPU), the frameworks the samples' innermost non-JDK frames
belong to, the top frames by self and by inclusive time, and Gatehouse's own frames by inclusive time.
"""
import argparse
import collections
import datetime
import json
import os
import subprocess
import sys

FRAMEWORKS = [  # longest prefix first wins
    ("org.gatehouse.", "Gatehouse"), ("org.glassfish.jersey.", "Jersey"), ("org.glassfish.grizzly.", "Grizzly"),
    ("org.glassfish.hk2.", "HK2"), ("org.jvnet.hk2.", "HK2"), ("org.jboss.weld.", "Weld"),
    ("org.eclipse.yasson.", "Yasson"), ("org.glassfish.json.", "JSON-P"), ("org.eclipse.parsson.", "JSON-P"),
    ("org.eclipse.persistence.", "EclipseLink"), ("org.hibernate.", "Hibernate"), ("fish.payara.", "Payara"),
    ("com.sun.enterprise.", "Payara"), ("org.glassfish.", "Payara/GlassFish"), ("org.apache.catalina.", "Payara web"),
    ("io.undertow.", "Undertow"), ("org.jboss.resteasy.", "RESTEasy"), ("org.wildfly.", "WildFly"),
    ("org.jboss.", "WildFly/JBoss"), ("org.xnio.", "XNIO"), ("io.smallrye.", "SmallRye"),
    ("org.postgresql.", "PostgreSQL driver"), ("com.hazelcast.", "Hazelcast"),
]


def framework(class_name):
    for prefix, name in FRAMEWORKS:
        if class_name.startswith(prefix):
            return name
    return None


def frame_name(frame):
    """package.Class.method (JFR's JSON spells class names with slashes)."""
    method = frame["method"]
    return f"{method['type']['name'].replace('/', '.')}.{method['name']}"


def instant(text):
    # 2026-12-01T20:30:00.123456789Z -> epoch seconds (microsecond precision is plenty)
    date, _, fraction = text.rstrip("Z").partition(".")
    seconds = datetime.datetime.fromisoformat(date).replace(tzinfo=datetime.timezone.utc).timestamp()
    return seconds + float("0." + (fraction or "0"))


def samples(recording):
    out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", recording],
                         check=True, capture_output=True, text=True).stdout
    for event in json.loads(out)["recording"]["events"]:
        values = event["values"]
        frames = (values.get("stackTrace") or {}).get("frames") or []
        yield instant(values["startTime"]), [frame_name(f) for f in frames]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", nargs="?", default=os.path.join("target", "bench"))
    parser.add_argument("--top", type=int, default=30)
    options = parser.parse_args()
    d = options.directory
    with open(os.path.join(d, "jfr-windows.json")) as f:
        windows = json.load(f)
    with open(os.path.join(d, "raw-results.json")) as f:
        raw = json.load(f)
    measures = windows["measures"]
    turns = sorted((start, end, index) for index, start, end in windows["turns"])
    print(f"# JFR of bench.py --jfr, {raw['date']}, steps 0-2 ({raw['rounds']} turns of each measure, "
          f"{raw['duration_s'] // 4} s each, alternating over the servers)\n")
    for kind in raw["servers"]:
        recording = os.path.join(d, f"jfr-{kind}.jfr")
        if not os.path.exists(recording):
            continue
        per_measure = collections.defaultdict(list)
        for when, stack in samples(recording):
            for start, end, index in turns:
                if start <= when <= end:
                    if measures[index].startswith(kind + " "):
                        per_measure[measures[index]].append(stack)
                    break
        for measure in measures:
            if not measure.startswith(kind + " "):
                continue
            stacks = per_measure[measure]
            requests = raw["servers"][kind][measure.split(" ", 1)[1]]["requests"]
            n = len(stacks)
            print(f"## {measure}: {n} samples, {requests} requests, "
                  f"{1000 * n / requests if requests else 0:.2f} samples per 1,000 requests\n")
            if not n:
                continue
            innermost = collections.Counter()
            self_time = collections.Counter()
            ours = collections.Counter()
            inclusive = collections.Counter()
            for stack in stacks:
                self_time[stack[0] if stack else "(no stack)"] += 1
                innermost[next((framework(f) for f in stack if framework(f)), "JDK only")] += 1
                for name in set(stack):
                    inclusive[name] += 1
                    if name.startswith("org.gatehouse."):
                        ours[name] += 1
            print("innermost framework of each sample:")
            for name, count in innermost.most_common():
                print(f"  {100 * count / n:5.1f} %  {name}")
            print(f"\ntop {options.top} frames, self:")
            for name, count in self_time.most_common(options.top):
                print(f"  {100 * count / n:5.1f} %  {name}")
            print(f"\ntop {options.top} frames, inclusive:")
            for name, count in inclusive.most_common(options.top):
                print(f"  {100 * count / n:5.1f} %  {name}")
            print(f"\nGatehouse's own frames, inclusive (top {options.top}):")
            for name, count in ours.most_common(options.top):
                print(f"  {100 * count / n:5.1f} %  {name}")
            print()


if __name__ == "__main__":
    sys.exit(main())
