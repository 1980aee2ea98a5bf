/** describe.go's Namespace, ConfigMap, Secret and ServiceAccount describers. */
import type { ConfigMap, Namespace, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { describeLimitRanges, describeResourceQuotas } from './policy.ts';
import { registerDescriber } from './registry.ts';
import { describeEvents, eventsFor, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, type DescribeContext } from './writer.ts';

function describeNamespace(obj: KubeObject, ctx: DescribeContext): string {
  const ns = obj as unknown as Namespace;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ns.metadata?.name}\n`);
  printLabelsMultiline(w, 'Labels', ns.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', ns.metadata?.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
  if ((ns.status?.conditions ?? []).length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t------------------\t------\t-------\n');
    for (const c of ns.status?.conditions ?? []) {
      w.write(1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
    }
  }
  const name = ns.metadata?.name ?? '';
  w.write(0, '\n');
  describeResourceQuotas(w, ctx.api.list('resourcequotas', name));
  w.write(0, '\n');
  describeLimitRanges(w, ctx.api.list('limitranges', name));
  return w.done();
}

function describeConfigMap(obj: KubeObject, ctx: DescribeContext): string {
  const cm = obj as unknown as ConfigMap;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${cm.metadata?.name}\n`);
  w.write(0, `Namespace:\t${cm.metadata?.namespace}\n`);
  printLabelsMultiline(w, 'Labels', cm.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', cm.metadata?.annotations);
  w.write(0, '\nData\n====\n');
  for (const k of Object.keys(cm.data ?? {}).sort()) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${cm.data![k]}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  for (const k of Object.keys(cm.binaryData ?? {}).sort()) {
    const bytes = Math.floor((cm.binaryData![k].replace(/=+$/, '').length * 3) / 4);
    w.write(0, `${k}: ${bytes} bytes\n`);
  }
  w.write(0, '\n');
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, obj), ctx.nowMs);
  return w.done();
}

function base64Len(s: string): number {
  return Math.floor((s.replace(/=+$/, '').length * 3) / 4);
}

function describeSecret(obj: KubeObject): string {
  const s = obj as unknown as Secret;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${s.metadata?.name}\n`);
  w.write(0, `Namespace:\t${s.metadata?.namespace}\n`);
  printLabelsMultiline(w, 'Labels', s.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', s.metadata?.annotations);
  w.write(0, `\nType:\t${s.type ?? ''}\n`);
  w.write(0, '\nData\n====\n');
  for (const k of Object.keys(s.data ?? {}).sort()) {
    const v = s.data![k];
    if (k === 'token' && s.type === 'kubernetes.io/service-account-token') w.write(0, `${k}:\t${atob(v)}\n`);
    else w.write(0, `${k}:\t${base64Len(v)} bytes\n`);
  }
  return w.done();
}

function describeServiceAccount(obj: KubeObject, ctx: DescribeContext): string {
  const sa = obj as unknown as ServiceAccount;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${sa.metadata?.name}\n`);
  w.write(0, `Namespace:\t${sa.metadata?.namespace}\n`);
  printLabelsMultiline(w, 'Labels', sa.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', sa.metadata?.annotations);
  // Tokens: the namespace's service-account-token Secrets annotated with this account's name and uid.
  // A referenced secret missing from the namespace is marked `(not found)`.
  const ns = sa.metadata?.namespace;
  const secrets = ctx.api.list('secrets', ns).map((o) => o as unknown as Secret);
  const existing = new Set(secrets.map((s) => s.metadata?.name ?? ''));
  const tokens = secrets
    .filter(
      (s) =>
        s.type === 'kubernetes.io/service-account-token' &&
        s.metadata?.annotations?.['kubernetes.io/service-account.name'] === sa.metadata?.name &&
        s.metadata?.annotations?.['kubernetes.io/service-account.uid'] === sa.metadata?.uid,
    )
    .map((s) => s.metadata?.name ?? '');
  const sections: Array<[string, string[]]> = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s) => s.name ?? '')],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s) => s.name ?? '')],
    ['Tokens:            ', tokens],
  ];
  const missing = new Set([...(sa.secrets ?? []), ...(sa.imagePullSecrets ?? [])].map((s) => s.name ?? '').filter((n) => !existing.has(n)));
  for (const [header, names] of sections) {
    if (names.length === 0) {
      w.write(0, `${header}\t<none>\n`);
      continue;
    }
    let prefix = header;
    for (const n of names) {
      w.write(0, `${prefix}\t${n}${missing.has(n) ? ' (not found)' : ''}\n`);
      prefix = '                   ';
    }
  }
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, obj), ctx.nowMs);
  return w.done();
}

registerDescriber('Namespace', describeNamespace);
registerDescriber('ConfigMap', describeConfigMap);
registerDescriber('Secret', describeSecret);
registerDescriber('ServiceAccount', describeServiceAccount);
