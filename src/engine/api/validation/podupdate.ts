import { clone } from '../../store/store.ts';
import type { FieldError } from '../types.ts';
import { deepEqual } from './field.ts';
import type { PodSpecLike } from './podspec.ts';

const updatableFields = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

export const podUpdateForbidden = `pod updates may not change fields other than ${updatableFields.join(',')}`;

/**
 * ValidatePodUpdate's spec rule: copy the fields that may change from the old spec into the new one; anything
 * left different is forbidden. (Upstream appends a Go-syntax diff of the specs to the message.)
 */
export function validatePodSpecUpdate(spec: PodSpecLike, old: PodSpecLike): FieldError[] {
  const munged = clone(spec);
  const sameLen = (a?: unknown[], b?: unknown[]) => (a?.length ?? 0) === (b?.length ?? 0);
  if (sameLen(munged.containers, old.containers)) {
    munged.containers?.forEach((c, i) => (c.image = old.containers![i].image));
  }
  if (sameLen(munged.initContainers, old.initContainers)) {
    munged.initContainers?.forEach((c, i) => (c.image = old.initContainers![i].image));
  }
  munged.activeDeadlineSeconds = old.activeDeadlineSeconds;
  if ((old.tolerations ?? []).every((t) => (munged.tolerations ?? []).some((n) => deepEqual(n, t) || sameTolerationShorter(n, t)))) {
    munged.tolerations = old.tolerations;
  }
  if ((old.terminationGracePeriodSeconds ?? 0) < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = old.terminationGracePeriodSeconds;
  }
  if (deepEqual(munged, old)) return [];
  return [{ type: 'Forbidden', field: 'spec', detail: podUpdateForbidden }];
}

/** An existing NoExecute toleration whose tolerationSeconds is only shortened still counts as kept. */
function sameTolerationShorter(n: NonNullable<PodSpecLike['tolerations']>[number], t: NonNullable<PodSpecLike['tolerations']>[number]): boolean {
  return (
    n.key === t.key &&
    n.operator === t.operator &&
    n.value === t.value &&
    n.effect === t.effect &&
    t.tolerationSeconds !== undefined &&
    n.tolerationSeconds !== undefined &&
    n.tolerationSeconds <= t.tolerationSeconds
  );
}
