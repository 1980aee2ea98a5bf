import type { IngressClassSpec } from '../../api/kinds/ingressclass.ts';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

/** printIngressClass: NAME, CONTROLLER, PARAMETERS (`Kind.apiGroup/name`), AGE. */
registerTableHandler({
  kind: 'IngressClass',
  columns: [{ name: 'Name', isName: true }, { name: 'Controller' }, { name: 'Parameters' }, { name: 'Age' }],
  row: (o, ctx) => {
    const spec = (o.spec ?? {}) as IngressClassSpec;
    let parameters = '<none>';
    if (spec.parameters) {
      parameters = spec.parameters.kind ?? '';
      if (spec.parameters.apiGroup !== undefined && spec.parameters.apiGroup !== null) parameters += `.${spec.parameters.apiGroup}`;
      parameters += `/${spec.parameters.name ?? ''}`;
    }
    return [o.metadata.name ?? '', spec.controller ?? '', parameters, age(o.metadata.creationTimestamp, ctx)];
  },
});
