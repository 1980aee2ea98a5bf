import type { KubectlContext } from '../command.ts';
import type { ParsedArgs } from '../flags.ts';
import { parseOutput } from '../apply/print.ts';
import { dryRunStrategy } from '../apply/report.ts';
import { enforcedNamespace } from './meta.ts';
import { exactlyOneName } from './submit.ts';

/**
 * The Complete step the create subcommands share, in kubectl's order: the single NAME, then the
 * --dry-run value and the -o printer; returns the name and the namespace to put in metadata (only with -n).
 */
export function completeGenerator(ctx: KubectlContext, args: ParsedArgs, path: string): { name: string; namespace: string | undefined } {
  const name = exactlyOneName(args, path);
  dryRunStrategy(args.str('dry-run'));
  parseOutput(args.str('output'));
  return { name, namespace: enforcedNamespace(ctx.namespace, ctx.namespaceExplicit) };
}
