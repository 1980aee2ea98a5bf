import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

// printMutatingWebhook / printValidatingWebhook: NAME WEBHOOKS AGE.
for (const kind of ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']) {
  registerTableHandler({
    kind,
    columns: [{ name: 'Name', isName: true }, { name: 'Webhooks' }, { name: 'Age' }],
    row: (o, ctx) => [o.metadata.name ?? '', ((o.webhooks as unknown[] | undefined) ?? []).length, age(o.metadata.creationTimestamp, ctx)],
  });
}

// The apiextensions-apiserver's CRD table: NAME CREATED AT (the creation timestamp, RFC 3339).
registerTableHandler({
  kind: 'CustomResourceDefinition',
  columns: [{ name: 'Name', isName: true }, { name: 'Created At' }],
  row: (o) => [o.metadata.name ?? '', o.metadata.creationTimestamp ?? ''],
});
