import { fieldErrorText } from '../api/errors.ts';
import { StatusError } from '../api/types.ts';
import { FlagError } from './flags.ts';

/** A client-side kubectl error: printed as `error: <message>` with exit code 1 (cmdutil.CheckErr). */
export class KubectlError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    /** Print the message verbatim (no `error: ` prefix). */
    readonly raw = false,
  ) {
    super(message);
  }
}

/**
 * The text kubectl prints for an error, as cmdutil.CheckErr → StandardErrorMessage does:
 * - Invalid (422) with causes: `The Kind "name" is invalid: field: message` (one cause) or a `* ` list;
 * - other API errors: `Error from server (Reason): message`;
 * - client errors: `error: message`.
 * Always ends with a newline.
 */
export function formatError(e: unknown, commandPath = 'kubectl'): string {
  if (e instanceof StatusError) {
    if (e.reason === 'Invalid' && e.details) {
      // Without kind and name (e.g. a failed JSON patch test) kubectl says `The request is invalid: <message>`.
      const anonymous = !e.details.kind && !e.details.name;
      const head = anonymous ? `The request is invalid${e.message ? `: ${e.message}` : ''}` : `The ${e.details.kind ?? ''} "${e.details.name ?? ''}" is invalid`;
      const causes = e.details.causes ?? [];
      if (causes.length === 0) return `${head}\n`;
      if (causes.length === 1) return `${head}: ${fieldErrorText(causes[0])}\n`;
      return `${head}: \n${causes.map((c) => `* ${fieldErrorText(c)}`).join('\n')}\n`;
    }
    return e.reason ? `Error from server (${e.reason}): ${e.message}\n` : `Error from server: ${e.message}\n`;
  }
  if (e instanceof FlagError) return `Error: ${e.message}\nSee '${commandPath} --help' for usage.\n`;
  if (e instanceof KubectlError) return e.raw ? e.message : `error: ${e.message}\n`;
  return `error: ${e instanceof Error ? e.message : String(e)}\n`;
}
