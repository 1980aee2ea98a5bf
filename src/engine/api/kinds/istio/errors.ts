/**
 * Istio's validation errors: a list of messages joined as hashicorp/go-multierror prints them (one error
 * alone is its own text), prefixed by the webhook's "configuration is invalid: ".
 */
export function multiError(errs: string[]): string {
  if (errs.length === 1) return errs[0];
  return `${errs.length} errors occurred:\n${errs.map((e) => `\t* ${e}`).join('\n')}\n\n`;
}
