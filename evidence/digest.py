"""The one digest the evidence uses: SHA-256 of a file, hex, read in blocks (zips can be large)."""
import hashlib


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
