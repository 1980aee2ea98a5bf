import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

/** printControllerRevision: CONTROLLER is `<kind>.<group>/<name>` of the controller owner, `<none>` without one. */
registerTableHandler({
  kind: 'ControllerRevision',
  columns: [{ name: 'Name', isName: true }, { name: 'Controller' }, { name: 'Revision' }, { name: 'Age' }],
  row: (o, ctx) => {
    const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller);
    let controller = '<none>';
    if (ref) {
      const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
      controller = `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
    }
    return [o.metadata.name ?? '', controller, (o.revision as number | undefined) ?? 0, age(o.metadata.creationTimestamp, ctx)];
  },
});
