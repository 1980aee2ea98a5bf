import type { ResourceQuotaStatus } from '../../api/kinds/resourcequota.ts';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

/** printResourceQuota: `name: used/hard` pairs, limits.* in LIMIT and everything else in REQUEST. */
registerTableHandler({
  kind: 'ResourceQuota',
  columns: [{ name: 'Name', isName: true }, { name: 'Age' }, { name: 'Request' }, { name: 'Limit' }],
  row: (o, ctx) => {
    const st = (o.status ?? {}) as ResourceQuotaStatus;
    const request: string[] = [];
    const limit: string[] = [];
    for (const r of Object.keys(st.hard ?? {}).sort()) {
      const pieces = r.split('.');
      const target = pieces.length > 1 && pieces[0] === 'limits' ? limit : request;
      target.push(`${r}: ${st.used?.[r] ?? '0'}/${st.hard![r]}`);
    }
    return [o.metadata.name ?? '', age(o.metadata.creationTimestamp, ctx), request.join(', '), limit.join(', ')];
  },
});
