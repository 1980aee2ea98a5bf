import { StatusError, type KubeObject } from '../../api/types.ts';
import { withTypedLastApplied } from './lastapplied.ts';
import { parseOutput, printObject } from '../apply/print.ts';
import { dryRunStrategy, dryRunSuffix, kindString } from '../apply/report.ts';
import type { KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { FlagSpec, ParsedArgs } from '../flags.ts';
import { dryRunFlag } from '../apply/report.ts';
import { validateFlag } from '../apply/flags.ts';

/** Flags every generator-style command (`create deployment`, `run`, `expose`...) takes. */
export const generatorFlags: FlagSpec[] = [
  dryRunFlag,
  { name: 'output', short: 'o', type: 'string' },
  { name: 'save-config', type: 'bool' },
  validateFlag,
  { name: 'field-manager', type: 'string', default: 'kubectl-create' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'template', type: 'string' },
];

/** cobra's ExactArgs(1)-style check the create subcommands use (`NameFromCommandArgs`). */
export function exactlyOneName(args: ParsedArgs, path: string): string {
  if (args.positional.length !== 1) {
    throw new KubectlError(`exactly one NAME is required, got ${args.positional.length}\nSee '${path} -h' for help and examples`);
  }
  return args.positional[0];
}

/** A required flag cobra checks before running (`required flag(s) "image" not set`). */
export function requireFlag(args: ParsedArgs, name: string): void {
  if (!args.has(name)) throw new KubectlError(`required flag(s) "${name}" not set`);
}

export interface SubmitOptions {
  /** Wrap API errors as `failed to create deployment: <message>` (most create subcommands do). */
  failPrefix?: string;
  /** Text before each printed object (run --expose prints two documents). */
  operation?: string;
}

/**
 * Send a generated object (or only print it for --dry-run=client) and report it the way the create
 * subcommands do: `deployment.apps/web created`, or the object with -o yaml|json|name.
 * Returns the object as stored (or as generated for client dry-run).
 */
export function submitGenerated(ctx: KubectlContext, args: ParsedArgs, generated: KubeObject, opts: SubmitOptions = {}): KubeObject {
  const dry = dryRunStrategy(args.str('dry-run'));
  const output = parseOutput(args.str('output'));
  const rt = ctx.api.typeOf(generated);
  let obj = args.bool('save-config') ? withTypedLastApplied(generated) : generated;
  if (dry !== 'client') {
    const toSend = { ...obj, metadata: { ...obj.metadata } };
    if (rt.namespaced && !toSend.metadata.namespace) toSend.metadata.namespace = ctx.namespace;
    try {
      obj = ctx.api.create(toSend, { dryRun: dry === 'server' });
    } catch (e) {
      if (opts.failPrefix && e instanceof StatusError) throw new KubectlError(`${opts.failPrefix}${e.message}`);
      throw e;
    }
  }
  const operation = opts.operation ?? 'created';
  if (output === '') ctx.out(`${kindString(rt)}/${obj.metadata.name ?? ''} ${operation}${dryRunSuffix(dry)}\n`);
  else printObject(ctx, obj, rt, output, true, '', true);
  return obj;
}
