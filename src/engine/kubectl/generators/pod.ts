import type { KubeObject } from '../../api/types.ts';
import { KubectlError } from '../errors.ts';
import { objectMeta } from './meta.ts';

export interface PodParams {
  name: string;
  namespace?: string;
  image: string;
  labels: string;
  annotations: string[];
  env: string[];
  port: string;
  restart: string;
  /** Positional args after `--`: command with --command, else args. */
  argv: string[];
  command: boolean;
  imagePullPolicy: string;
  stdin: boolean;
  tty: boolean;
}

/** `--labels a=b,c=d` as kubectl run parses it. */
export function parseLabelSpec(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2 || kv[0] === '') throw new KubectlError(`unexpected label spec: ${part}`);
    out[kv[0]] = kv[1];
  }
  return out;
}

/** `kubectl run` (run.go generatePod / generators.BasicPod), in Go field order. */
export function buildPod(p: PodParams): KubeObject {
  const labels = p.labels ? parseLabelSpec(p.labels) : { run: p.name };
  const annotations: Record<string, string> = {};
  for (const a of p.annotations) {
    const i = a.indexOf('=');
    if (i <= 0) throw new KubectlError(`invalid annotation spec: ${a}`);
    annotations[a.slice(0, i)] = a.slice(i + 1);
  }
  const c: Record<string, unknown> = { name: p.name, image: p.image };
  if (p.argv.length > 0) {
    if (p.command) c.command = [...p.argv];
    else c.args = [...p.argv];
  }
  if (p.port !== '' && p.port !== '-1') {
    if (!/^\d+$/.test(p.port)) throw new KubectlError(`strconv.Atoi: parsing ${JSON.stringify(p.port)}: invalid syntax`);
    c.ports = [{ containerPort: parseInt(p.port, 10) }];
  }
  if (p.env.length > 0) {
    c.env = p.env.map((e) => {
      const i = e.indexOf('=');
      if (i <= 0) throw new KubectlError(`invalid env: ${e}`);
      return { name: e.slice(0, i), value: e.slice(i + 1) };
    });
  }
  c.resources = {};
  if (p.imagePullPolicy) c.imagePullPolicy = p.imagePullPolicy;
  if (p.stdin) {
    c.stdin = true;
    c.stdinOnce = true;
  }
  if (p.tty) c.tty = true;
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: objectMeta(p.name, p.namespace, labels, annotations),
    spec: { containers: [c], restartPolicy: p.restart, dnsPolicy: 'ClusterFirst' },
    status: {},
  } as unknown as KubeObject;
}
