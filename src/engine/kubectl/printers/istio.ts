import type { KubeObject } from '../../api/types.ts';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';
import type { Cell } from './types.ts';

/**
 * Istio's CRD additionalPrinterColumns (Istio 1.24 crd-all.gen.yaml). Columns of type string print a JSONPath
 * result: arrays as JSON (`["reviews"]`); missing values as an empty cell.
 */
function path(o: KubeObject, ...keys: string[]): Cell {
  let v: unknown = o;
  for (const k of keys) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  if (v === undefined || v === null) return null;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

const columns: Record<string, string[][]> = {
  VirtualService: [['spec', 'gateways'], ['spec', 'hosts']],
  DestinationRule: [['spec', 'host']],
  Gateway: [],
  ServiceEntry: [['spec', 'hosts'], ['spec', 'location'], ['spec', 'resolution']],
  Sidecar: [],
  PeerAuthentication: [['spec', 'mtls', 'mode']],
  AuthorizationPolicy: [['spec', 'action']],
};

const names: Record<string, string> = { gateways: 'Gateways', hosts: 'Hosts', host: 'Host', location: 'Location', resolution: 'Resolution', mode: 'Mode', action: 'Action' };

for (const [kind, cols] of Object.entries(columns)) {
  registerTableHandler({
    kind,
    columns: [{ name: 'Name', isName: true }, ...cols.map((c) => ({ name: names[c[c.length - 1]] })), { name: 'Age' }],
    row: (o, ctx) => [o.metadata.name ?? '', ...cols.map((c) => path(o, ...c)), age(o.metadata.creationTimestamp, ctx)],
  });
}
