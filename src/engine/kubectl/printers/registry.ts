import type { KubeObject } from '../../api/types.ts';
import { age } from './common.ts';
import type { RowContext, Table, TableHandler } from './types.ts';

const handlers = new Map<string, TableHandler>();

/** Register the table printer for a kind (called from the kind's printer file). */
export function registerTableHandler(h: TableHandler): void {
  handlers.set(h.kind, h);
}

/** The server's default table for kinds without a printer: NAME and AGE (as for custom resources). */
const defaultHandler: TableHandler = {
  kind: '',
  columns: [{ name: 'Name', isName: true }, { name: 'Age' }],
  row: (o, ctx) => [o.metadata.name ?? '', age(o.metadata.creationTimestamp, ctx)],
};

export function tableHandlerFor(kind: string): TableHandler {
  return handlers.get(kind) ?? defaultHandler;
}

/**
 * Convert objects of one kind to a Table, as the apiserver does for `Accept: as=Table`. The server always
 * generates wide rows (GenerateOptions{Wide: true}); the client hides priority columns unless `-o wide`.
 */
export function toTable(kind: string, objects: readonly KubeObject[], nowMs: number): Table {
  const h = tableHandlerFor(kind);
  const ctx: RowContext = { nowMs, wide: true };
  return { columns: h.columns, rows: objects.map((o) => ({ cells: h.row(o, ctx), object: o })) };
}
