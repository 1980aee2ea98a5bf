import { registerTableHandler } from './registry.ts';

/** printLimitRange: NAME and CREATED AT (RFC 3339, UTC). */
registerTableHandler({
  kind: 'LimitRange',
  columns: [{ name: 'Name', isName: true }, { name: 'Created At' }],
  row: (o) => {
    const ts = o.metadata.creationTimestamp;
    return [o.metadata.name ?? '', ts ? new Date(Date.parse(ts)).toISOString().replace(/\.\d{3}Z$/, 'Z') : '0001-01-01T00:00:00Z'];
  },
});
