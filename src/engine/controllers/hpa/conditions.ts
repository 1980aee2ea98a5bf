import type { HPACondition } from '../../api/kinds/horizontalpodautoscaler.ts';

/** setConditionInList: update a condition in place (new ones are appended); the transition time moves on status changes. */
export function setCondition(list: HPACondition[], type: string, status: 'True' | 'False', reason: string, message: string, now: string): void {
  let c = list.find((x) => x.type === type);
  if (!c) {
    c = { type, status: '' };
    list.push(c);
  }
  if (c.status !== status) c.lastTransitionTime = now;
  c.status = status;
  c.reason = reason;
  c.message = message;
}

/** Conditions in the order and field order the API serialises them. */
export function orderedConditions(list: readonly HPACondition[]): HPACondition[] {
  return list.map((c) => ({ type: c.type, status: c.status, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message }));
}
