// crypto/tls parsePrivateKey: PKCS#1 RSA, then PKCS#8 (RSA, ECDSA, Ed25519), then SEC 1 EC keys. Only the
// structure is checked; the numbers of an RSA key are not verified against each other.
import { Der, TAG, hex, type Element } from './der.ts';
import { OID, curves } from './x509.ts';

export type PrivateKey =
  | { type: 'rsa'; n: bigint }
  | { type: 'ecdsa'; curve: string; point?: Uint8Array }
  | { type: 'ed25519'; publicKey?: Uint8Array };

/** The single top-level SEQUENCE's reader (Go's asn1 allows extra fields at its end). */
function sequence(der: Uint8Array): Der | undefined {
  const top = new Der(der);
  const seq = top.read(TAG.SEQUENCE);
  return seq && top.empty() ? new Der(seq.body) : undefined;
}

function pkcs1(der: Uint8Array): PrivateKey | undefined {
  const d = sequence(der);
  if (!d) return undefined;
  const ints: bigint[] = [];
  for (let i = 0; i < 6; i++) {
    const v = d.readInteger();
    if (v === undefined) return undefined;
    ints.push(v);
  }
  const [version, n, , priv, p, q] = ints;
  if (version > 1n || n <= 0n || priv <= 0n || p <= 0n || q <= 0n) return undefined;
  return { type: 'rsa', n };
}

/** SEC 1 ECPrivateKey; `curveOID` from a PKCS#8 wrapper wins over the key's own parameters. */
function sec1(der: Uint8Array, curveOID?: string): PrivateKey | undefined {
  const d = sequence(der);
  if (!d) return undefined;
  if (d.readInteger() !== 1n) return undefined;
  const key = d.read(TAG.OCTET_STRING);
  if (!key) return undefined;
  const params = d.readOptional(TAG.context(0, true));
  const pub = d.readOptional(TAG.context(1, true));
  if (!params.ok || !pub.ok) return undefined;
  let curve = curveOID;
  if (curve === undefined && params.el) {
    const oid = new Der(params.el.body).read(TAG.OID);
    curve = oid ? hex(oid.body) : undefined;
  }
  const size = curve ? curves[curve] : undefined;
  if (!curve || !size) return undefined;
  let k = key.body;
  while (k.length > size) {
    if (k[0] !== 0) return undefined;
    k = k.subarray(1);
  }
  const point = pub.el ? new Der(pub.el.body).readBitString() : undefined;
  return point ? { type: 'ecdsa', curve, point } : { type: 'ecdsa', curve };
}

/** PKCS#8: undefined when not PKCS#8 or its key is bad; 'unknown' for an algorithm TLS cannot use. */
function pkcs8(der: Uint8Array): PrivateKey | 'unknown' | undefined {
  const d = sequence(der);
  if (!d || d.readInteger() === undefined) return undefined;
  const algSeq = d.read(TAG.SEQUENCE);
  const key = d.read(TAG.OCTET_STRING);
  if (!algSeq || !key) return undefined;
  const alg = new Der(algSeq.body);
  const oidEl = alg.read(TAG.OID);
  if (!oidEl) return undefined;
  const params: Element | undefined = alg.empty() ? undefined : alg.readAny();
  switch (hex(oidEl.body)) {
    case OID.rsa:
      return pkcs1(key.body);
    case OID.ecdsa: {
      const curve = params && params.tag === TAG.OID ? hex(params.body) : undefined;
      return sec1(key.body, curve);
    }
    case OID.ed25519: {
      if (params) return undefined;
      const inner = new Der(key.body);
      const seed = inner.read(TAG.OCTET_STRING);
      if (!seed || !inner.empty() || seed.body.length !== 32) return undefined;
      // OneAsymmetricKey (RFC 8410) may carry the public key as [1].
      d.readOptional(TAG.context(0, true));
      const pubEl = d.readOptional(TAG.context(1, false));
      const publicKey = pubEl.el && pubEl.el.body.length === 33 && pubEl.el.body[0] === 0 ? pubEl.el.body.subarray(1) : undefined;
      return publicKey ? { type: 'ed25519', publicKey } : { type: 'ed25519' };
    }
    case OID.x25519:
      return 'unknown';
    default:
      return undefined;
  }
}

/** The private key, or Go's error text. */
export function parsePrivateKey(der: Uint8Array): PrivateKey | string {
  const rsa = pkcs1(der);
  if (rsa) return rsa;
  const p8 = pkcs8(der);
  if (p8 === 'unknown') return 'tls: found unknown private key type in PKCS#8 wrapping';
  if (p8) return p8;
  return sec1(der) ?? 'tls: failed to parse private key';
}
