import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { ChangeCauseAnnotation, RevisionAnnotation } from '../../controllers/deployment/util.ts';
import { describePodTemplate } from '../describe/containers.ts';
import { PrefixWriter } from '../describe/writer.ts';
import type { KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { TabWriter } from '../printers/tabwriter.ts';
import { reportErrors } from '../apply/report.ts';
import { groupKind, nameOf, resolveTargets } from './targets.ts';
import { viewRevisionHistory } from '../../controllers/history/view.ts';

/** describe.NewPrefixWriter over a plain buffer: rollout's printTemplate writes without tab alignment. */
class RawPrefixWriter extends PrefixWriter {
  private text = '';
  override write(level: number, text: string): void {
    this.text += '  '.repeat(level) + text;
  }
  override flush(): void {}
  override done(): string {
    return this.text;
  }
}

/** printTemplate: DescribePodTemplate into an unaligned buffer. */
export function printTemplate(t: PodTemplateSpec | undefined): string {
  const w = new RawPrefixWriter();
  describePodTemplate(w, t);
  return w.done();
}

/** The ReplicaSets a Deployment controls (by controller reference), as deploymentutil.GetAllReplicaSets lists them. */
export function replicaSetsOf(ctx: KubectlContext, d: KubeObject): KubeObject[] {
  return ctx.api
    .list('replicasets', d.metadata.namespace)
    .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid));
}

/** deploymentutil.Revision: 0 without the annotation, undefined when it does not parse. */
export function revisionOf(o: KubeObject): number | undefined {
  const v = o.metadata.annotations?.[RevisionAnnotation];
  if (v === undefined) return 0;
  return /^-?\d+$/.test(v) ? parseInt(v, 10) : undefined;
}

/** DeploymentHistoryViewer.ViewHistory. */
export function deploymentHistory(ctx: KubectlContext, d: KubeObject, revision: number): string {
  const history = new Map<number, PodTemplateSpec>();
  for (const rs of replicaSetsOf(ctx, d)) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    const template = structuredCloneTemplate((rs.spec as { template?: PodTemplateSpec }).template);
    const cause = rs.metadata.annotations?.[ChangeCauseAnnotation];
    const meta = (template.metadata ??= {}) as { annotations?: Record<string, string> };
    meta.annotations = { ...(meta.annotations ?? {}) };
    if (cause) meta.annotations[ChangeCauseAnnotation] = cause;
    history.set(v, template);
  }
  if (history.size === 0) return 'No rollout history found.';
  if (revision > 0) {
    const t = history.get(revision);
    if (!t) throw new KubectlError('unable to find the specified revision');
    return printTemplate(t);
  }
  let out = '';
  const tw = new TabWriter((s) => (out += s), { minwidth: 0, padding: 2 });
  tw.write('REVISION\tCHANGE-CAUSE\n');
  for (const r of [...history.keys()].sort((a, b) => a - b)) {
    const cause = (history.get(r)!.metadata?.annotations as Record<string, string> | undefined)?.[ChangeCauseAnnotation];
    tw.write(`${r}\t${cause || '<none>'}\n`);
  }
  tw.flush();
  return out;
}

function structuredCloneTemplate(t: PodTemplateSpec | undefined): PodTemplateSpec & { metadata?: Record<string, unknown> } {
  return JSON.parse(JSON.stringify(t ?? {}));
}

/** `kubectl rollout history`: the revision table, or one revision's pod template with --revision. */
export function runHistory(ctx: KubectlContext, args: ParsedArgs): number {
  const revision = args.int('revision');
  if (revision < 0) throw new KubectlError(`revision must be a positive integer: ${revision}`);
  const { targets, errors } = resolveTargets(ctx, args);
  for (const t of targets) {
    if (t.rt.kind !== 'Deployment' && t.rt.kind !== 'StatefulSet' && t.rt.kind !== 'DaemonSet') {
      errors.push(new KubectlError(`no history viewer has been implemented for "${groupKind(t.rt)}"`));
      continue;
    }
    let text: string;
    try {
      text = t.rt.kind === 'Deployment' ? deploymentHistory(ctx, t.obj, revision) : viewRevisionHistory(ctx.api, t.obj, revision, printTemplate);
    } catch (e) {
      errors.push(e instanceof KubectlError ? e : new KubectlError(e instanceof Error ? e.message : String(e)));
      continue;
    }
    const withRevision = revision > 0 ? `with revision #${revision}` : '';
    ctx.out(`${nameOf(t)} ${withRevision}\n${text}\n`);
  }
  return reportErrors(ctx, errors);
}
