// RBAC reconciliation (pkg/registry/rbac/reconciliation): what `kubectl auth reconcile` (and the apiserver's
// bootstrap-roles hook) compute from an existing role or binding and the expected one. Rules are compared by
// coverage (validation.Covers on broken-down rules), subjects by equality; labels and annotations are merged
// with the existing values winning. Objects annotated `rbac.authorization.kubernetes.io/autoupdate: "false"`
// are protected: the result is computed but not written.
import type { KubeObject } from '../../api/types.ts';
import { uncovered } from './escalation.ts';
import type { PolicyRule, RoleRef, Subject } from './types.ts';

export type ReconcileOperation = 'none' | 'create' | 'update' | 'recreate';

export interface RoleResult {
  role: KubeObject;
  missingRules: PolicyRule[];
  extraRules: PolicyRule[];
  operation: ReconcileOperation;
  protected: boolean;
}

export interface BindingResult {
  binding: KubeObject;
  missingSubjects: Subject[];
  extraSubjects: Subject[];
  operation: ReconcileOperation;
  protected: boolean;
}

type Obj = KubeObject & { rules?: PolicyRule[] | null; subjects?: Subject[] | null; roleRef?: RoleRef };

const autoupdate = 'rbac.authorization.kubernetes.io/autoupdate';

/** Expected's entries under existing's (existing wins), as reconciliation's merge(). */
function merge(expected: Record<string, string> | undefined, existing: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!expected && !existing) return undefined;
  return { ...(expected ?? {}), ...(existing ?? {}) };
}

const sameMap = (a: Record<string, string> | undefined, b: Record<string, string> | undefined) => JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());

function mergedMeta(existing: KubeObject, expected: KubeObject): { meta: KubeObject['metadata']; changed: boolean } {
  const labels = merge(expected.metadata.labels, existing.metadata.labels);
  const annotations = merge(expected.metadata.annotations, existing.metadata.annotations);
  const changed = !sameMap(labels, existing.metadata.labels) || !sameMap(annotations, existing.metadata.annotations);
  const meta = { ...existing.metadata };
  if (labels) meta.labels = labels;
  if (annotations) meta.annotations = annotations;
  return { meta, changed };
}

/** computeReconciledRole; `existing` undefined: the role is created with every expected rule missing. */
export function reconcileRole(existing: KubeObject | undefined, expected: KubeObject, removeExtraPermissions: boolean): RoleResult {
  const exp = expected as Obj;
  if (!existing) return { role: expected, missingRules: exp.rules ?? [], extraRules: [], operation: 'create', protected: false };
  const cur = existing as Obj;
  const isProtected = cur.metadata.annotations?.[autoupdate] === 'false';
  const { meta, changed } = mergedMeta(existing, expected);
  const role: Obj = { ...cur, metadata: meta };
  let operation: ReconcileOperation = changed ? 'update' : 'none';
  const curRules = cur.rules ?? [];
  const expRules = exp.rules ?? [];
  const extraRules = uncovered(expRules, curRules);
  const missingRules = uncovered(curRules, expRules);
  if (removeExtraPermissions && extraRules.length > 0) {
    role.rules = expRules;
    operation = 'update';
  } else if (missingRules.length > 0) {
    role.rules = [...curRules, ...missingRules];
    operation = 'update';
  }
  return { role, missingRules, extraRules, operation, protected: isProtected };
}

const subjectKey = (s: Subject) => JSON.stringify([s.kind, s.apiGroup ?? '', s.name, s.namespace ?? '']);

/** Subjects of `b` that are not in `a` (diffSubjectLists). */
function notIn(a: readonly Subject[], b: readonly Subject[]): Subject[] {
  const keys = new Set(a.map(subjectKey));
  return b.filter((s) => !keys.has(subjectKey(s)));
}

/** computeReconciledRoleBinding; a changed roleRef needs the binding deleted and created again. */
export function reconcileBinding(existing: KubeObject | undefined, expected: KubeObject, removeExtraSubjects: boolean): BindingResult {
  const exp = expected as Obj;
  if (!existing) return { binding: expected, missingSubjects: exp.subjects ?? [], extraSubjects: [], operation: 'create', protected: false };
  const cur = existing as Obj;
  const isProtected = cur.metadata.annotations?.[autoupdate] === 'false';
  const { meta, changed } = mergedMeta(existing, expected);
  const binding: Obj = { ...cur, metadata: meta };
  const r1 = cur.roleRef;
  const r2 = exp.roleRef;
  if (!r1 || !r2 || r1.apiGroup !== r2.apiGroup || r1.kind !== r2.kind || r1.name !== r2.name) {
    return { binding: { ...expected, metadata: { ...expected.metadata, labels: meta.labels, annotations: meta.annotations } }, missingSubjects: [], extraSubjects: [], operation: 'recreate', protected: isProtected };
  }
  let operation: ReconcileOperation = changed ? 'update' : 'none';
  const curSubjects = cur.subjects ?? [];
  const expSubjects = exp.subjects ?? [];
  const extraSubjects = notIn(expSubjects, curSubjects);
  const missingSubjects = notIn(curSubjects, expSubjects);
  if (removeExtraSubjects && extraSubjects.length > 0) {
    binding.subjects = expSubjects;
    operation = 'update';
  } else if (missingSubjects.length > 0) {
    binding.subjects = [...curSubjects, ...missingSubjects];
    operation = 'update';
  }
  return { binding, missingSubjects, extraSubjects, operation, protected: isProtected };
}

const goList = (xs: readonly string[] | undefined) => `[${(xs ?? []).join(' ')}]`;

/** Go's `%+v` of an rbacv1.PolicyRule. */
export function ruleString(r: PolicyRule): string {
  return `{Verbs:${goList(r.verbs)} APIGroups:${goList(r.apiGroups)} Resources:${goList(r.resources)} ResourceNames:${goList(r.resourceNames)} NonResourceURLs:${goList(r.nonResourceURLs)}}`;
}

/** Go's `%+v` of an rbacv1.Subject. */
export function subjectString(s: Subject): string {
  return `{Kind:${s.kind} APIGroup:${s.apiGroup ?? ''} Name:${s.name} Namespace:${s.namespace ?? ''}}`;
}
