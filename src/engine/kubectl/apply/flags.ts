import type { FlagSpec, ParsedArgs } from '../flags.ts';
import { KubectlError } from '../errors.ts';

/** `-f/--filename` and `-R/--recursive`, as cmdutil.AddFilenameOptionFlags. */
export const filenameFlags: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'stringSlice' },
  { name: 'recursive', short: 'R', type: 'bool' },
];

/** `--validate` (strict by default; `--validate` alone means strict). */
export const validateFlag: FlagSpec = { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' };

/** True unless validation was turned off (`--validate=false` or `ignore`); rejects unknown values as kubectl does. */
export function validateEnabled(args: ParsedArgs): boolean {
  const v = args.str('validate').toLowerCase();
  if (v === 'true' || v === 'strict' || v === 'warn') return true;
  if (v === 'false' || v === 'ignore') return false;
  throw new KubectlError(`Error: invalid - validate option "${args.str('validate')}"; must be one of: strict (or true), warn, ignore (or false)\n`, 1, true);
}
