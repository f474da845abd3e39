"""Stands in for examples/reference-client/verify.py in the smoke-cloud test: takes the same
flags, asks --token-cmd for tokens the way verify.py does ({user} {tenant} {role} placeholders),
and reports each token's claims (never the token) to --json."""
import argparse
import base64
import json
import shlex
import subprocess
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--base-url", required=True)
parser.add_argument("--mode", required=True)
parser.add_argument("--token-cmd", required=True)
parser.add_argument("--json", required=True)
args = parser.parse_args()

report = {"base_url": args.base_url, "mode": args.mode, "principals": {}}
# One principal without a demo user of its name (the (tenant, role) match is used) and one with.
for user, tenant, role in [("demo", "tenant-a", "intern"), ("demo-analyst-b", "tenant-b", "analyst")]:
    command = [part.format(user=user, tenant=tenant, role=role) for part in shlex.split(args.token_cmd)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        sys.exit("token command failed for %s|%s|%s" % (user, tenant, role))
    token = done.stdout.strip()
    payload = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    report["principals"]["%s|%s|%s" % (user, tenant, role)] = {
        k: claims.get(k) for k in ("custom:tenant", "custom:role", "cognito:username", "aud", "token_use")}
with open(args.json, "w") as out:
    json.dump(report, out)
print("verify-stub: %d principals" % len(report["principals"]))
