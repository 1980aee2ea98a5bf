import type { KubeObject } from '../../api/types.ts';
import { goJsonString } from '../output/yaml.ts';
import { objectMeta, sortedMap } from './meta.ts';

/** `kubectl create namespace`. */
export function buildNamespace(name: string): KubeObject {
  return { kind: 'Namespace', apiVersion: 'v1', metadata: objectMeta(name, undefined), spec: {}, status: {} } as unknown as KubeObject;
}

/** `kubectl create serviceaccount`. */
export function buildServiceAccount(name: string, namespace?: string): KubeObject {
  return { kind: 'ServiceAccount', apiVersion: 'v1', metadata: objectMeta(name, namespace) };
}

/** `kubectl create configmap`. */
export function buildConfigMap(name: string, namespace: string | undefined, data: Map<string, string>): KubeObject {
  const o: KubeObject = { kind: 'ConfigMap', apiVersion: 'v1', metadata: objectMeta(name, namespace) };
  if (data.size > 0) o.data = sortedMap(data);
  return o;
}

/** Standard base64 of the UTF-8 bytes of a string (Go encodes []byte values this way). */
export function base64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** `kubectl create secret generic` (data base64-encoded; `type` only when --type was given). */
export function buildSecret(name: string, namespace: string | undefined, data: Map<string, string>, type: string): KubeObject {
  const o: KubeObject = { kind: 'Secret', apiVersion: 'v1', metadata: objectMeta(name, namespace) };
  if (data.size > 0) o.data = sortedMap(new Map([...data].map(([k, v]) => [k, base64(v)])));
  if (type) o.type = type;
  return o;
}

/** `kubectl create secret docker-registry`: a .dockerconfigjson with one registry's credentials. */
export function buildDockerRegistrySecret(
  name: string,
  namespace: string | undefined,
  p: { server: string; username: string; password: string; email: string },
): KubeObject {
  const entry: Record<string, string> = { username: p.username, password: p.password };
  if (p.email) entry.email = p.email;
  entry.auth = base64(`${p.username}:${p.password}`);
  // Go's json.Marshal of the DockerConfigJSON struct: field order kept, HTML-safe escaping.
  const fields = Object.entries(entry).map(([k, v]) => `${goJsonString(k)}:${goJsonString(v)}`).join(',');
  const json = `{"auths":{${goJsonString(p.server)}:{${fields}}}}`;
  return {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: objectMeta(name, namespace),
    data: { '.dockerconfigjson': base64(json) },
    type: 'kubernetes.io/dockerconfigjson',
  };
}
