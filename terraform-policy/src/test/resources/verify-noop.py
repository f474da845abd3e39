"""Stands in for examples/reference-client/verify.py where a test checks what smoke-cloud does after
it (the persistence check): takes the same flags, checks nothing, writes an empty report."""
import argparse
import json

parser = argparse.ArgumentParser()
for flag in ("--base-url", "--mode", "--token-cmd", "--json"):
    parser.add_argument(flag, required=True)
args = parser.parse_args()
with open(args.json, "w") as out:
    json.dump({"base_url": args.base_url, "checks": []}, out)
