import type { AdmissionPlugin } from '../server.ts';

/** The Priority admission plugin with no PriorityClasses: priority 0 and the default preemption policy. */
export const priorityAdmission: AdmissionPlugin = {
  name: 'Priority',
  mutate(a) {
    if (a.resource.plural !== 'pods' || a.subresource !== '' || a.operation !== 'CREATE') return;
    const spec = (a.object.spec ??= {}) as { priority?: number; preemptionPolicy?: string };
    spec.priority ??= 0;
    spec.preemptionPolicy ??= 'PreemptLowerPriority';
  },
};
