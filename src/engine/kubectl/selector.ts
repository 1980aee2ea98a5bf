/**
 * `-l` and `--field-selector` as kubectl sends them. Parsing is util/selectors.ts (labels.Parse,
 * fields.ParseSelector), the one parser the API layer also uses; this module only turns a parse failure
 * into what kubectl prints for it. kubectl does not parse selectors itself: it passes them to the server,
 * which answers 400, and the resource builder prefixes the list request it was making:
 * `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "a in",
 * field selector "": unable to parse requirement: ...`.
 */
import { StatusError, type ResourceType } from '../api/types.ts';
import { parseFieldSelector as parseFields, parseSelector, SelectorError, type FieldSelector, type LabelSelector } from '../util/selectors.ts';

export type { FieldSelector, LabelSelector };

export interface Selectors {
  label?: LabelSelector;
  field?: FieldSelector;
}

/** The builder's wrapping of a list error (cli-runtime resource.Selector.Visit). */
export function listError(rt: Pick<ResourceType, 'group' | 'version' | 'plural'>, labelText: string, fieldText: string, message: string): StatusError {
  const gvr = `${rt.group}/${rt.version}, Resource=${rt.plural}`;
  const text = labelText === '' && fieldText === '' ? `Unable to list "${gvr}": ${message}` : `Unable to find "${gvr}" that match label selector "${labelText}", field selector "${fieldText}": ${message}`;
  return new StatusError(400, 'BadRequest', text);
}

/**
 * Parse `-l` / `--field-selector` for a list of `rt` (empty text: no selector). A parse failure is thrown
 * as the server's BadRequest for that list request.
 */
export function parseSelectors(rt: Pick<ResourceType, 'group' | 'version' | 'plural'>, labelText: string, fieldText: string): Selectors {
  try {
    return {
      label: labelText.trim() ? parseSelector(labelText.trim()) : undefined,
      field: fieldText ? parseFields(fieldText) : undefined,
    };
  } catch (e) {
    if (e instanceof SelectorError) throw listError(rt, labelText.trim(), fieldText, e.message);
    throw e;
  }
}
