import type { AdmissionPlugin } from '../server.ts';
import { defaultTolerationSeconds } from './defaulttolerationseconds.ts';
import { namespaceLifecycle } from './namespacelifecycle.ts';
import { priorityAdmission } from './priority.ts';
import { serviceAccountAdmission } from './serviceaccount.ts';

/** The built-in admission chain, in the apiserver's plugin order. Other components append their own. */
export function builtinAdmission(): AdmissionPlugin[] {
  return [namespaceLifecycle, serviceAccountAdmission, priorityAdmission, defaultTolerationSeconds];
}
