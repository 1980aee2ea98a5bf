/** RoleDescriber, ClusterRoleDescriber, RoleBindingDescriber, ClusterRoleBindingDescriber (no events). */
import { breakdown, combineResourceGroup, compact, goList, sortRules } from '../../auth/rbac/compact.ts';
import type { BindingLike, RoleLike } from '../../auth/rbac/types.ts';
import type { KubeObject } from '../../api/types.ts';
import { registerDescriber } from './registry.ts';
import { PrefixWriter, printAnnotationsMultiline, printLabelsMultiline } from './writer.ts';

function describeRole(obj: KubeObject): string {
  const role = obj as unknown as RoleLike;
  const rules = sortRules(compact((role.rules ?? []).flatMap(breakdown)));
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(0, 'PolicyRule:\n');
  w.write(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(1, '---------\t-----------------\t--------------\t-----\n');
  for (const r of rules) w.write(1, `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`);
  return w.done();
}

function describeBinding(obj: KubeObject): string {
  const b = obj as unknown as BindingLike;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(0, 'Role:\n');
  w.write(1, `Kind:\t${b.roleRef?.kind ?? ''}\n`);
  w.write(1, `Name:\t${b.roleRef?.name ?? ''}\n`);
  w.write(0, 'Subjects:\n');
  w.write(1, 'Kind\tName\tNamespace\n');
  w.write(1, '----\t----\t---------\n');
  for (const s of b.subjects ?? []) w.write(1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}\n`);
  return w.done();
}

registerDescriber('Role', describeRole);
registerDescriber('ClusterRole', describeRole);
registerDescriber('RoleBinding', describeBinding);
registerDescriber('ClusterRoleBinding', describeBinding);
