import { StatusError, type ResourceType } from '../../api/types.ts';
import type { KubectlContext } from '../command.ts';
import { formatError, KubectlError } from '../errors.ts';
import { FlagError } from '../flags.ts';

/**
 * Error reporting shared by the write verbs, as kubectl's cmdutil does it.
 */

/** cmdutil.AddSourceToErr: `error when creating "web.yaml": <message>` for API errors; details are kept. */
export function addSourceToErr(verb: string, source: string, e: unknown): unknown {
  if (e instanceof StatusError && source) {
    return new StatusError(e.code, e.reason, `error when ${verb} "${source}": ${e.message}`, e.details);
  }
  return e;
}

/** cmdutil.StandardErrorMessage, or the plain error text, as MultipleErrors prints each error of an aggregate. */
function messageForError(e: unknown): string {
  if (e instanceof StatusError) return e.reason ? `Error from server (${e.reason}): ${e.message}` : `Error from server: ${e.message}`;
  if (e instanceof KubectlError) return e.raw ? e.message.replace(/\n$/, '') : e.message;
  if (e instanceof FlagError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Print errors as cmdutil.CheckErr prints the error a command returned: one error alone with its usual
 * text (`error: ...`, `Error from server (...)`, `The X "y" is invalid: ...`); several (an aggregate) one per
 * line without the `error: ` prefix. Returns the exit code (0 when there are none).
 */
export function reportErrors(ctx: KubectlContext, errors: unknown[]): number {
  if (errors.length === 0) return 0;
  if (errors.length === 1) ctx.err(formatError(errors[0]));
  else ctx.err(errors.map((e) => `${messageForError(e)}\n`).join(''));
  return 1;
}

/** `deployment.apps` / `pod`: the kind as kubectl prints it before `/name`. */
export function kindString(rt: Pick<ResourceType, 'kind' | 'group'>): string {
  return rt.group ? `${rt.kind.toLowerCase()}.${rt.group}` : rt.kind.toLowerCase();
}

export type DryRun = 'none' | 'client' | 'server';

/** Parse `--dry-run` as cmdutil.GetDryRunStrategy does. */
export function dryRunStrategy(value: string): DryRun {
  switch (value) {
    case '':
    case 'none':
    case 'false':
      return 'none';
    case 'client':
    case 'true':
      return 'client';
    case 'server':
      return 'server';
    case 'unchanged':
      return 'client';
    default:
      throw new KubectlError(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
  }
}

/** The suffix kubectl adds to success messages in dry-run mode. */
export function dryRunSuffix(d: DryRun): string {
  return d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
}

/** The `--dry-run` flag spec shared by the write verbs. */
export const dryRunFlag = { name: 'dry-run', type: 'string' as const, default: 'none', noOptDefault: 'unchanged' };
