import type { FieldError } from '../types.ts';
import { deepEqual } from '../../util/equal.ts';
import { invalid, nonNegative, required } from '../validation/field.ts';
import { defineKind } from './define.ts';

/** ControllerRevision (apps/v1): an immutable snapshot of a StatefulSet's or DaemonSet's template. */
export const controllerRevision = defineKind({
  kind: 'ControllerRevision',
  group: 'apps',
  version: 'v1',
  plural: 'controllerrevisions',
  singular: 'controllerrevision',
  namespaced: true,
  validate(obj, ctx) {
    const errs: FieldError[] = [];
    if (obj.data === undefined || obj.data === null) errs.push(required('data', 'data is mandatory'));
    errs.push(...nonNegative('revision', obj.revision as number | undefined));
    if (ctx.old && !deepEqual(obj.data, ctx.old.data)) errs.push(invalid('data', 'runtime.RawExtension{...}', 'field is immutable'));
    return errs;
  },
});
