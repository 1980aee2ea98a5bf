import type { KubeObject } from '../../api/types.ts';
import type { Rng } from '../../util/rng.ts';
import { objectMeta } from './meta.ts';

export interface DeploymentParams {
  name: string;
  namespace?: string;
  images: string[];
  replicas: number;
  /** -1 when not given. */
  port: number;
  command: string[];
}

/** The container name kubectl derives from an image: last path segment without tag or digest. */
export function containerNameFromImage(image: string): string {
  let name = image.split('/').pop() ?? image;
  if (name.includes(':')) name = name.split(':')[0];
  if (name.includes('@')) name = name.split('@')[0];
  return name;
}

/** `kubectl create deployment` (create_deployment.go createDeployment/buildPodSpec), in Go field order. */
export function buildDeployment(p: DeploymentParams, rng: Rng): KubeObject {
  const labels = { app: p.name };
  const seen = new Set<string>();
  const containers = p.images.map((image, i) => {
    let name = containerNameFromImage(image).replace(/_/g, '-');
    if (seen.has(name)) name = `${name}-${rng.string(5)}`;
    seen.add(name);
    const c: Record<string, unknown> = { name, image };
    if (p.command.length > 0) c.command = [...p.command];
    if (i === 0 && p.port >= 0) c.ports = [{ containerPort: p.port }];
    c.resources = {};
    return c;
  });
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: objectMeta(p.name, p.namespace, labels),
    spec: {
      replicas: p.replicas,
      selector: { matchLabels: { ...labels } },
      template: {
        metadata: { creationTimestamp: null, labels: { ...labels } },
        spec: { containers },
      },
      strategy: {},
    },
    status: {},
  } as unknown as KubeObject;
}
