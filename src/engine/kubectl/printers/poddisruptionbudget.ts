import type { PDBSpec, PDBStatus } from '../../api/kinds/poddisruptionbudget.ts';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

registerTableHandler({
  kind: 'PodDisruptionBudget',
  columns: [{ name: 'Name', isName: true }, { name: 'Min Available' }, { name: 'Max Unavailable' }, { name: 'Allowed Disruptions' }, { name: 'Age' }],
  row: (o, ctx) => {
    const spec = (o.spec ?? {}) as PDBSpec;
    const st = (o.status ?? {}) as PDBStatus;
    const text = (v: number | string | undefined) => (v === undefined ? 'N/A' : String(v));
    return [o.metadata.name ?? '', text(spec.minAvailable), text(spec.maxUnavailable), st.disruptionsAllowed ?? 0, age(o.metadata.creationTimestamp, ctx)];
  },
});
