// Role/ClusterRole and RoleBinding/ClusterRoleBinding rows, as printRole and printRoleBinding
// (pkg/printers/internalversion/printers.go).
import type { BindingLike } from '../../auth/rbac/types.ts';
import type { KubeObject } from '../../api/types.ts';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';
import type { RowContext } from './types.ts';

/** metav1.Time in RFC 3339, UTC, second precision. */
function createdAt(ts: string | null | undefined): string {
  return ts ? ts.replace(/\.\d+Z$/, 'Z') : '';
}

for (const kind of ['Role', 'ClusterRole']) {
  registerTableHandler({
    kind,
    columns: [{ name: 'Name', isName: true }, { name: 'Created At' }],
    row: (o) => [o.metadata.name ?? '', createdAt(o.metadata.creationTimestamp)],
  });
}

/** rbac.SubjectsStrings: users, groups and service accounts (`namespace/name`). */
export function subjectsStrings(b: BindingLike): [string[], string[], string[]] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of b.subjects ?? []) {
    if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
    else if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
  }
  return [users, groups, sas];
}

function bindingRow(o: KubeObject, ctx: RowContext): Array<string> {
  const b = o as unknown as BindingLike;
  const cells = [o.metadata.name ?? '', `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`, age(o.metadata.creationTimestamp, ctx)];
  if (ctx.wide) {
    const [u, g, s] = subjectsStrings(b);
    cells.push(u.join(', '), g.join(', '), s.join(', '));
  }
  return cells;
}

for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
  registerTableHandler({
    kind,
    columns: [
      { name: 'Name', isName: true },
      { name: 'Role' },
      { name: 'Age' },
      { name: 'Users', priority: 1 },
      { name: 'Groups', priority: 1 },
      { name: 'ServiceAccounts', priority: 1 },
    ],
    row: bindingRow,
  });
}
