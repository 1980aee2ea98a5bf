// Role, ClusterRole, RoleBinding, ClusterRoleBinding (rbac.authorization.k8s.io/v1), with the validation of
// pkg/apis/rbac/validation/validation.go.
import type { BindingLike, PolicyRule, RoleLike } from '../../auth/rbac/types.ts';
import type { FieldError, KubeObject } from '../types.ts';
import { invalid, notSupported, required } from '../validation/field.ts';
import { defineKind } from './define.ts';

export const rbacGroup = 'rbac.authorization.k8s.io';

/** path.IsValidPathSegmentName: RBAC names may be almost anything but '.', '..' or contain '/' or '%'. */
export function validateRbacName(name: string, prefix: boolean): string[] {
  const errs: string[] = [];
  if (!prefix && (name === '.' || name === '..')) errs.push(`may not be '${name}'`);
  for (const bad of ['/', '%']) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
}

function validatePolicyRule(rule: PolicyRule, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!rule.verbs?.length) errs.push(required(`${path}.verbs`, 'verbs must contain at least one value'));
  const urls = rule.nonResourceURLs ?? [];
  if (urls.length > 0) {
    if (namespaced) errs.push(invalid(`${path}.nonResourceURLs`, urls, 'namespaced rules cannot apply to non-resource URLs'));
    if ((rule.apiGroups?.length ?? 0) > 0 || (rule.resources?.length ?? 0) > 0 || (rule.resourceNames?.length ?? 0) > 0) {
      errs.push(invalid(`${path}.nonResourceURLs`, urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (!rule.apiGroups?.length) errs.push(required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
  if (!rule.resources?.length) errs.push(required(`${path}.resources`, 'resource rules must supply at least one resource'));
  return errs;
}

function validateRole(obj: KubeObject, namespaced: boolean): FieldError[] {
  const role = obj as unknown as RoleLike;
  const errs: FieldError[] = [];
  (role.rules ?? []).forEach((r, i) => errs.push(...validatePolicyRule(r, namespaced, `rules[${i}]`)));
  return errs;
}

function validateBinding(obj: KubeObject, old: KubeObject | undefined, namespaced: boolean): FieldError[] {
  const b = obj as unknown as BindingLike;
  const errs: FieldError[] = [];
  const ref = b.roleRef ?? { apiGroup: '', kind: '', name: '' };
  if (ref.apiGroup !== rbacGroup) errs.push(notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [rbacGroup]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) errs.push(notSupported('roleRef.kind', ref.kind ?? '', kinds));
  if (!ref.name) errs.push(required('roleRef.name'));
  else for (const msg of validateRbacName(ref.name, false)) errs.push(invalid('roleRef.name', ref.name, msg));
  (b.subjects ?? []).forEach((s, i) => {
    const p = `subjects[${i}]`;
    if (!s.name) errs.push(required(`${p}.name`));
    switch (s.kind) {
      case 'ServiceAccount':
        if (s.apiGroup) errs.push(notSupported(`${p}.apiGroup`, s.apiGroup, ['']));
        if (!namespaced && !s.namespace) errs.push(required(`${p}.namespace`));
        break;
      case 'User':
      case 'Group':
        if (s.apiGroup !== rbacGroup) errs.push(notSupported(`${p}.apiGroup`, s.apiGroup ?? '', [rbacGroup]));
        break;
      default:
        errs.push(notSupported(`${p}.kind`, s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
    }
  });
  if (old) {
    const o = (old as unknown as BindingLike).roleRef;
    if (o.apiGroup !== ref.apiGroup || o.kind !== ref.kind || o.name !== ref.name) errs.push(invalid('roleRef', ref, 'cannot change roleRef'));
  }
  return errs;
}

const rbacKind = { group: rbacGroup, version: 'v1', shortNames: [] as string[], validateName: validateRbacName };

export const role = defineKind({ ...rbacKind, kind: 'Role', plural: 'roles', singular: 'role', namespaced: true, validate: (o) => validateRole(o, true) });

export const clusterRole = defineKind({
  ...rbacKind,
  kind: 'ClusterRole',
  plural: 'clusterroles',
  singular: 'clusterrole',
  namespaced: false,
  validate: (o) => validateRole(o, false),
});

export const roleBinding = defineKind({
  ...rbacKind,
  kind: 'RoleBinding',
  plural: 'rolebindings',
  singular: 'rolebinding',
  namespaced: true,
  validate: (o, ctx) => validateBinding(o, ctx.old, true),
});

export const clusterRoleBinding = defineKind({
  ...rbacKind,
  kind: 'ClusterRoleBinding',
  plural: 'clusterrolebindings',
  singular: 'clusterrolebinding',
  namespaced: false,
  validate: (o, ctx) => validateBinding(o, ctx.old, false),
});
