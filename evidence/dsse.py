"""DSSE envelopes (https://github.com/secure-systems-lab/dsse, protocol v1) over the in-toto Statement.

Signs with an ed25519 or ECDSA P-256 (SHA-256) private key in PEM (PKCS#8 or traditional), given
by EVIDENCE_SIGNING_KEY (the PEM itself) or EVIDENCE_SIGNING_KEY_FILE (its path). The crypto is
`cryptography`'s, which the image ships; the envelope and PAE framing are a few lines of the
protocol written out here because no library in the image implements them.
"""
import base64
import hashlib
import os

PAYLOAD_TYPE = "application/vnd.in-toto+json"


def pae(payload_type, payload):
    """DSSE's pre-authentication encoding: what is actually signed."""
    t = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)


def _crypto():
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519
    return hashes, serialization, ec, ed25519


def load_signing_key():
    pem = os.environ.get("EVIDENCE_SIGNING_KEY")
    path = os.environ.get("EVIDENCE_SIGNING_KEY_FILE")
    if not pem and path:
        with open(path, "rb") as f:
            pem = f.read()
    if not pem:
        return None
    _, serialization, ec, ed25519 = _crypto()
    key = serialization.load_pem_private_key(pem if isinstance(pem, bytes) else pem.encode(), password=None)
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return key
    if isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name == "secp256r1":
        return key
    raise SystemExit("evidence: the signing key must be ed25519 or ECDSA P-256")


def public_pem(public_key):
    _, serialization, _, _ = _crypto()
    return public_key.public_bytes(serialization.Encoding.PEM,
                                   serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def key_id(public_key):
    """SHA-256 of the public key's DER SubjectPublicKeyInfo: names the key, whatever its type."""
    _, serialization, _, _ = _crypto()
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()


def envelope(payload, key):
    hashes, _, ec, ed25519 = _crypto()
    message = pae(PAYLOAD_TYPE, payload)
    if isinstance(key, ed25519.Ed25519PrivateKey):
        signature = key.sign(message)
    else:
        signature = key.sign(message, ec.ECDSA(hashes.SHA256()))
    public = key.public_key()
    return {
        "envelope": {
            "payloadType": PAYLOAD_TYPE,
            "payload": base64.b64encode(payload).decode("ascii"),
            "signatures": [{"keyid": key_id(public), "sig": base64.b64encode(signature).decode("ascii")}],
        },
        "public_pem": public_pem(public),
    }


def verify(env, public_pem_bytes):
    """The envelope's payload when one of its signatures verifies with the key; else None."""
    hashes, serialization, ec, ed25519 = _crypto()
    from cryptography.exceptions import InvalidSignature
    public = serialization.load_pem_public_key(public_pem_bytes)
    payload = base64.b64decode(env["payload"], validate=True)
    message = pae(env["payloadType"], payload)
    for s in env.get("signatures", []):
        signature = base64.b64decode(s["sig"], validate=True)
        try:
            if isinstance(public, ed25519.Ed25519PublicKey):
                public.verify(signature, message)
            elif isinstance(public, ec.EllipticCurvePublicKey) and public.curve.name == "secp256r1":
                public.verify(signature, message, ec.ECDSA(hashes.SHA256()))
            else:
                return None
            return payload
        except InvalidSignature:
            continue
    return None
