// The part of Go's x509.ParseCertificate that `create secret tls` depends on: the certificate's outer
// structure up to the subject public key, with Go's error texts for each malformed piece.
import { Der, TAG, hex, sameBytes } from './der.ts';

export type PublicKey =
  | { type: 'rsa'; n: bigint }
  | { type: 'ecdsa'; curve: string; point: Uint8Array }
  | { type: 'ed25519'; key: Uint8Array }
  | { type: 'other' };

/** Algorithm OIDs (DER contents, hex). */
export const OID = {
  rsa: '2a864886f70d010101',
  ecdsa: '2a8648ce3d0201',
  ed25519: '2b6570',
  x25519: '2b656e',
  dsa: '2a8648ce380401',
};

/** Named curves: OID → byte size of a coordinate. */
export const curves: Record<string, number> = {
  '2b81040021': 28, // P-224
  '2a8648ce3d030107': 32, // P-256
  '2b81040022': 48, // P-384
  '2b81040023': 66, // P-521
};

/** parseAI: an AlgorithmIdentifier's OID (hex) and raw parameters (undefined when absent). */
export function parseAlgorithm(seq: Uint8Array): { oid: string; params?: Uint8Array } | string {
  const d = new Der(seq);
  const oid = d.read(TAG.OID);
  if (!oid) return 'x509: malformed OID';
  if (d.empty()) return { oid: hex(oid.body) };
  const params = d.readAny();
  if (!params) return 'x509: malformed parameters';
  return { oid: hex(oid.body), params: params.full };
}

const nullBytes = new Uint8Array([0x05, 0x00]);

function rsaPublicKey(params: Uint8Array | undefined, key: Uint8Array): PublicKey | string {
  if (!params || !sameBytes(params, nullBytes)) return 'x509: RSA key missing NULL parameters';
  const outer = new Der(key);
  const seq = outer.read(TAG.SEQUENCE);
  if (!seq || !outer.empty()) return 'x509: invalid RSA public key';
  const d = new Der(seq.body);
  const n = d.readInteger();
  if (n === undefined) return 'x509: invalid RSA modulus';
  const e = d.readInteger();
  if (e === undefined || e > 0x7fffffffn) return 'x509: invalid RSA public exponent';
  if (n <= 0n) return 'x509: RSA modulus is not a positive number';
  if (e <= 0n) return 'x509: RSA public exponent is not a positive number';
  return { type: 'rsa', n };
}

function ecdsaPublicKey(params: Uint8Array | undefined, key: Uint8Array): PublicKey | string {
  const d = new Der(params ?? new Uint8Array());
  const oid = d.read(TAG.OID);
  if (!oid) return 'x509: invalid ECDSA parameters';
  const size = curves[hex(oid.body)];
  if (!size) return 'x509: unsupported elliptic curve';
  if (key.length !== 1 + 2 * size || key[0] !== 4) return 'x509: failed to unmarshal elliptic curve point';
  return { type: 'ecdsa', curve: hex(oid.body), point: key };
}

/** The certificate's public key; undefined for an algorithm Go leaves unparsed; a string on error. */
export function parseCertificatePublicKey(der: Uint8Array): PublicKey | undefined | string {
  const top = new Der(der);
  const certEl = top.read(TAG.SEQUENCE);
  if (!certEl) return 'x509: malformed certificate';
  const input = new Der(certEl.body);
  const tbsEl = input.read(TAG.SEQUENCE);
  if (!tbsEl) return 'x509: malformed tbs certificate';
  const tbs = new Der(tbsEl.body);

  const ver = tbs.readOptional(TAG.context(0, true));
  if (!ver.ok) return 'x509: malformed version';
  let version = 0n;
  if (ver.el) {
    const inner = new Der(ver.el.body);
    const v = inner.readInteger();
    if (v === undefined || !inner.empty()) return 'x509: malformed version';
    version = v;
  }
  if (version < 0n) return 'x509: malformed version';
  if (version + 1n > 3n) return 'x509: invalid version';
  if (tbs.readInteger() === undefined) return 'x509: malformed serial number';
  const sigAI = tbs.read(TAG.SEQUENCE);
  if (!sigAI) return 'x509: malformed signature algorithm identifier';
  const outerAI = input.read(TAG.SEQUENCE);
  if (!outerAI) return 'x509: malformed algorithm identifier';
  if (!sameBytes(outerAI.body, sigAI.body)) return "x509: inner and outer signature algorithm identifiers don't match";
  const sig = parseAlgorithm(sigAI.body);
  if (typeof sig === 'string') return sig;
  if (!tbs.read(TAG.SEQUENCE)) return 'x509: malformed issuer';
  if (!tbs.read(TAG.SEQUENCE)) return 'x509: malformed validity';
  if (!tbs.read(TAG.SEQUENCE)) return 'x509: malformed issuer';
  const spkiEl = tbs.read(TAG.SEQUENCE);
  if (!spkiEl) return 'x509: malformed spki';
  const spki = new Der(spkiEl.body);
  const pkAI = spki.read(TAG.SEQUENCE);
  if (!pkAI) return 'x509: malformed public key algorithm identifier';
  const alg = parseAlgorithm(pkAI.body);
  if (typeof alg === 'string') return alg;
  const key = spki.readBitString();
  if (!key) return 'x509: malformed subjectPublicKey';
  if (!input.readBitString()) return 'x509: malformed signature';
  if (!top.empty()) return 'x509: trailing data';

  switch (alg.oid) {
    case OID.rsa:
      return rsaPublicKey(alg.params, key);
    case OID.ecdsa:
      return ecdsaPublicKey(alg.params, key);
    case OID.ed25519:
      if (alg.params) return 'x509: Ed25519 key encoded with illegal parameters';
      if (key.length !== 32) return 'x509: wrong Ed25519 public key size';
      return { type: 'ed25519', key };
    case OID.x25519:
    case OID.dsa:
      return { type: 'other' };
    default:
      return undefined;
  }
}
