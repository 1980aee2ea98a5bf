import { isStatusError } from '../../api/types.ts';
import type { Controller } from '../types.ts';

/** The ServiceAccounts every namespace gets (the controller's ServiceAccounts option: just `default`). */
export const DEFAULT_SERVICE_ACCOUNTS = ['default'];

/**
 * The ServiceAccount controller (pkg/controller/serviceaccount): every active namespace has a `default`
 * ServiceAccount; one that is deleted is created again.
 */
export function serviceAccountController(): Controller {
  return {
    name: 'serviceaccount-controller',
    watches: [
      { resource: 'namespaces', keys: (ev) => (ev.type === 'DELETED' ? [] : [ev.object.metadata.name!]) },
      {
        resource: 'serviceaccounts',
        keys: (ev) => (ev.type === 'DELETED' && DEFAULT_SERVICE_ACCOUNTS.includes(ev.object.metadata.name!) ? [ev.object.metadata.namespace!] : []),
      },
    ],
    start(ctx, enqueue) {
      for (const ns of ctx.store.list('namespaces')) enqueue(ns.metadata.name!);
    },
    reconcile(namespace, ctx) {
      const ns = ctx.store.get('namespaces', undefined, namespace);
      // A namespace that is not Active (e.g. Terminating) gets nothing new.
      if (!ns || (ns.status as { phase?: string } | undefined)?.phase !== 'Active' || ns.metadata.deletionTimestamp) return;
      for (const name of DEFAULT_SERVICE_ACCOUNTS) {
        if (ctx.store.get('serviceaccounts', namespace, name)) continue;
        try {
          ctx.api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });
        } catch (e) {
          if (!isStatusError(e, 'AlreadyExists') && !isStatusError(e, 'Forbidden') && !isStatusError(e, 'NotFound')) throw e;
        }
      }
    },
  };
}
