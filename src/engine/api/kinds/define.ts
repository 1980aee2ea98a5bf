import type { ResourceType } from '../types.ts';

/** Discovery defaults shared by every kind definition; kinds override what differs. */
export const standardVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function defineKind(rt: Omit<ResourceType, 'verbs' | 'shortNames'> & Partial<Pick<ResourceType, 'verbs' | 'shortNames'>>): ResourceType {
  return { verbs: standardVerbs, shortNames: [], ...rt };
}
