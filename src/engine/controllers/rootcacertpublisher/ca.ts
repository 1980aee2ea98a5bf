import { labelBytes } from '../../util/labelbytes.ts';
/**
 * The lab cluster's root CA certificate, as kubeadm (kind) creates it: a self-signed RSA 2048 certificate with
 * CN=kubernetes, valid ten years, CA:TRUE, keyUsage digitalSignature/keyEncipherment/keyCertSign and the
 * SAN DNS:kubernetes. The DER structure is real (openssl can print it); key and signature bytes are drawn
 * from a fixed hash stream, so the PEM is the same in every lab and no private key exists.
 */

function len(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v >>= 8) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

const tlv = (tag: number, body: number[]): number[] => [tag, ...len(body.length), ...body];
const seq = (...items: number[][]): number[] => tlv(0x30, items.flat());
const set = (...items: number[][]): number[] => tlv(0x31, items.flat());
const int = (bytes: number[]): number[] => tlv(0x02, bytes[0] & 0x80 ? [0, ...bytes] : bytes);
const bits = (bytes: number[], unused = 0): number[] => tlv(0x03, [unused, ...bytes]);
const octets = (bytes: number[]): number[] => tlv(0x04, bytes);
const printable = (s: string): number[] => tlv(0x13, [...s].map((c) => c.charCodeAt(0)));
const ia5 = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const utcTime = (s: string): number[] => tlv(0x17, [...s].map((c) => c.charCodeAt(0)));
const bool = (v: boolean): number[] => [0x01, 0x01, v ? 0xff : 0];
const NULL = [0x05, 0x00];

function oid(dotted: string): number[] {
  const parts = dotted.split('.').map(Number);
  const body = [parts[0] * 40 + parts[1]];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = p >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    body.push(...chunk);
  }
  return tlv(0x06, body);
}

function base64(bytes: number[]): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    out += abc[a >> 2] + abc[((a & 3) << 4) | ((b ?? 0) >> 4)];
    out += b === undefined ? '=' : abc[((b & 15) << 2) | ((c ?? 0) >> 6)];
    out += c === undefined ? '=' : abc[c & 63];
  }
  return out;
}

function buildCA(): string {
  const sha256WithRSA = seq(oid('1.2.840.113549.1.1.11'), NULL);
  const name = seq(set(seq(oid('2.5.4.3'), printable('kubernetes'))));
  const modulus = labelBytes('kubelab-ca-modulus', 256);
  modulus[0] |= 0x80;
  modulus[255] |= 1;
  const spki = seq(seq(oid('1.2.840.113549.1.1.1'), NULL), bits(seq(int(modulus), int([0x01, 0x00, 0x01]))));
  const serial = labelBytes('kubelab-ca-serial', 8);
  serial[0] &= 0x7f;
  const ski = labelBytes('kubelab-ca-ski', 20);
  const extensions = tlv(
    0xa3,
    seq(
      seq(oid('2.5.29.15'), bool(true), octets(bits([0xa4], 2))),
      seq(oid('2.5.29.19'), bool(true), octets(seq(bool(true)))),
      seq(oid('2.5.29.14'), octets(octets(ski))),
      seq(oid('2.5.29.17'), octets(seq(tlv(0x82, ia5('kubernetes'))))),
    ),
  );
  const tbs = seq(
    tlv(0xa0, int([2])),
    int(serial),
    sha256WithRSA,
    name,
    seq(utcTime('241231235500Z'), utcTime('341229235500Z')),
    name,
    spki,
    extensions,
  );
  const der = seq(tbs, sha256WithRSA, bits(labelBytes('kubelab-ca-signature', 256)));
  const b64 = base64(der);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** The cluster CA in PEM, as kube-root-ca.crt publishes it (and /etc/kubernetes/pki/ca.crt holds it). */
export const CLUSTER_CA_PEM = buildCA();
