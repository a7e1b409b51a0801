#!/usr/bin/env python3
"""The same intro query as `kith intro`, answered by NetworkX on the edge list kith exports.

Usage: benches/peers/networkx_intro.py EDGES.csv OWNER_ID COMPANY_NODE_NAME [--top 10] [--max-hops 3]

Loads the `knows` edges with weight -ln(strength), links every person who `works_at` the
company to a sink, and takes the best simple paths in order (`shortest_simple_paths`, Yen's
algorithm) until it has TOP paths within MAX_HOPS hops. Prints load and query times.
"""
import argparse
import csv
import math
import sys
import time

try:
    import networkx as nx
except ImportError:  # installed from PyPI on first use
    import subprocess
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "networkx"])
    import networkx as nx


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("edges")
    parser.add_argument("owner")
    parser.add_argument("company")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--max-hops", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    graph = nx.Graph()
    targets = set()
    with open(args.edges, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["kind"] == "knows":
                p = float(row["strength"])
                graph.add_edge(row["source_id"], row["target_id"], w=-math.log(p), p=p)
            elif row["kind"] == "works_at" and row["target_name"] == args.company:
                targets.add(row["source_id"])
    sink = "__sink__"
    for t in targets:
        if t in graph:
            graph.add_edge(t, sink, w=0.0, p=1.0)
    loaded = time.perf_counter()

    paths = []
    if args.owner in graph and sink in graph:
        for path in nx.shortest_simple_paths(graph, args.owner, sink, weight="w"):
            hops = len(path) - 2
            if hops <= args.max_hops and path[-2] != args.owner:
                probability = math.prod(graph[a][b]["p"] for a, b in zip(path[:-2], path[1:-1]))
                paths.append((probability, path[:-1]))
                if len(paths) == args.top:
                    break
    done = time.perf_counter()
    print(f"networkx {nx.__version__}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    print(f"load {loaded - started:.3f} s, query {done - loaded:.3f} s, {len(paths)} paths")
    for probability, path in paths[:3]:
        print(f"  {probability:.3f} {' > '.join(path)}")


if __name__ == "__main__":
    main()
