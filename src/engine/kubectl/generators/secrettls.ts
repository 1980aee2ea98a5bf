// `kubectl create secret tls NAME --cert=FILE --key=FILE` (create_secret_tls.go createSecretTLS).
import type { KubeObject } from '../../api/types.ts';
import { isDirectory } from '../../shell/fs.ts';
import type { KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { secretHash } from './hash.ts';
import { objectMeta } from './meta.ts';
import { base64 } from './simple.ts';
import { checkX509KeyPair } from './tls/keypair.ts';

/** readFile: os.ReadFile's errors as kubectl wraps them. */
function readFile(ctx: KubectlContext, path: string): string {
  const text = ctx.readFile(path);
  if (text !== undefined) return text;
  const why = isDirectory(ctx.rt, path) ? `read ${path}: is a directory` : `open ${path}: no such file or directory`;
  throw new KubectlError(`Cannot read file ${path}, ${why}`);
}

export interface SecretTLSOptions {
  name: string;
  namespace: string | undefined;
  cert: string;
  key: string;
  appendHash: boolean;
}

/** CreateSecretTLSOptions.Validate. */
export function validateSecretTLSOptions(o: SecretTLSOptions): void {
  if (o.key === '' || o.cert === '') throw new KubectlError('key and cert must be specified');
}

/** The kubernetes.io/tls Secret holding the pair, after Go's X509KeyPair checks. */
export function buildTLSSecret(ctx: KubectlContext, o: SecretTLSOptions): KubeObject {
  const cert = readFile(ctx, o.cert);
  const key = readFile(ctx, o.key);
  checkX509KeyPair(cert, key);
  const type = 'kubernetes.io/tls';
  const name = o.appendHash ? `${o.name}-${secretHash(o.name, type, new Map([['tls.crt', cert], ['tls.key', key]]))}` : o.name;
  return {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: objectMeta(name, o.namespace),
    data: { 'tls.crt': base64(cert), 'tls.key': base64(key) },
    type,
  } as unknown as KubeObject;
}
