// kubectl's util/hash: the `--append-hash` suffix of `create configmap|secret` — SHA-256 of a small JSON
// encoding of the object, first ten hex digits with vowels and look-alike digits replaced.
import { sha256, toHex } from '../../network/proxy/sha256.ts';
import { goJsonString } from '../output/yaml.ts';
import { base64 } from './simple.ts';

function encodeHash(hexDigest: string): string {
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hexDigest.slice(0, 10)].map((c) => swap[c] ?? c).join('');
}

/** A Go map[string]string (or map[string][]byte, values given already base64-encoded) as json.Marshal writes it. */
function goJsonMap(m: Map<string, string>): string {
  const keys = [...m.keys()].sort();
  return `{${keys.map((k) => `${goJsonString(k)}:${goJsonString(m.get(k)!)}`).join(',')}}`;
}

/** hash.ConfigMapHash for a ConfigMap with text data only. */
export function configMapHash(name: string, data: Map<string, string>): string {
  const json = `{"data":${goJsonMap(data)},"kind":"ConfigMap","name":${goJsonString(name)}}`;
  return encodeHash(toHex(sha256(json)));
}

/** hash.SecretHash; `data` holds the raw (not yet base64-encoded) values. */
export function secretHash(name: string, type: string, data: Map<string, string>): string {
  const encoded = new Map([...data].map(([k, v]) => [k, base64(v)]));
  const json = `{"data":${goJsonMap(encoded)},"kind":"Secret","name":${goJsonString(name)},"type":${goJsonString(type)}}`;
  return encodeHash(toHex(sha256(json)));
}
