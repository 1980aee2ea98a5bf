import type { AdmissionPlugin } from '../server.ts';
import { defaultIngressClass } from './defaultingressclass.ts';
import { defaultStorageClassAdmission } from './defaultstorageclass.ts';
import { storageObjectInUseProtection } from './storageprotection.ts';
import { defaultTolerationSeconds } from './defaulttolerationseconds.ts';
import { limitRanger } from './limitranger.ts';
import { meshWebhookAdmission } from './meshwebhooks.ts';
import { namespaceLifecycle } from './namespacelifecycle.ts';
import { priorityAdmission } from './priority.ts';
import { resourceQuotaAdmission } from './resourcequota.ts';
import { serviceAccountAdmission } from './serviceaccount.ts';
import { podSecurityAdmission } from './podsecurity/plugin.ts';
import { nodeRestriction } from './noderestriction.ts';

/** The built-in admission chain, in the apiserver's plugin order. Other components append their own. */
export function builtinAdmission(): AdmissionPlugin[] {
  return [namespaceLifecycle, limitRanger, serviceAccountAdmission, priorityAdmission, defaultTolerationSeconds, defaultStorageClassAdmission, storageObjectInUseProtection, defaultIngressClass, meshWebhookAdmission, nodeRestriction, podSecurityAdmission, resourceQuotaAdmission];
}
