import { StatusError, type FieldError, type ResourceType } from './types.ts';

const typeText: Record<FieldError['type'], string> = {
  Required: 'Required value',
  Invalid: 'Invalid value',
  Forbidden: 'Forbidden',
  NotSupported: 'Unsupported value',
  Duplicate: 'Duplicate value',
  TooLong: 'Too long',
  TooMany: 'Too many',
  NotFound: 'Not found',
  InternalError: 'Internal error',
};

/** Go's %q for a string (close enough for the ASCII text the API holds). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** The body of field.Error.Error() after "field: ". */
export function fieldErrorBody(e: FieldError): string {
  let s: string;
  if (e.type === 'Required' || e.type === 'Forbidden' || e.type === 'TooLong' || e.type === 'InternalError' || !('value' in e)) {
    s = typeText[e.type];
  } else if (e.rawValue) {
    s = `${typeText[e.type]}: ${String(e.value)}`;
  } else {
    const v = e.value;
    if (v === null || v === undefined) s = `${typeText[e.type]}: "null"`;
    else if (typeof v === 'string') s = `${typeText[e.type]}: ${goQuote(v)}`;
    else if (typeof v === 'number' || typeof v === 'boolean') s = `${typeText[e.type]}: ${String(v)}`;
    else s = `${typeText[e.type]}: ${goValue(v)}`;
  }
  if (e.type === 'NotSupported' && e.supported && !e.detail) {
    s += `: supported values: ${e.supported.map(goQuote).join(', ')}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** Go's %#v for the JSON-ish values that appear in field errors. */
export function goValue(v: unknown): string {
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return `[]string{${v.map(goQuote).join(', ')}}`;
    return `[]interface {}{${v.map(goValue).join(', ')}}`;
  }
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.every(([, x]) => typeof x === 'string')) {
    return `map[string]string{${entries.map(([k, x]) => `${goQuote(k)}:${goQuote(x as string)}`).join(', ')}}`;
  }
  return `map[string]interface {}{${entries.map(([k, x]) => `${goQuote(k)}:${goValue(x)}`).join(', ')}}`;
}

export function fieldErrorText(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/** "deployments.apps" or "pods": the qualified resource used in apiserver messages. */
export function qualifiedResource(rt: Pick<ResourceType, 'plural' | 'group'>): string {
  return rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
}

/** "Deployment.apps" or "Pod": the qualified kind used in Invalid messages. */
export function qualifiedKind(rt: Pick<ResourceType, 'kind' | 'group'>): string {
  return rt.group ? `${rt.kind}.${rt.group}` : rt.kind;
}

export function notFound(rt: Pick<ResourceType, 'plural' | 'group' | 'kind'>, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${qualifiedResource(rt)} ${goQuote(name)} not found`, {
    name,
    group: rt.group,
    kind: rt.plural,
  });
}

export function alreadyExists(rt: Pick<ResourceType, 'plural' | 'group' | 'kind'>, name: string): StatusError {
  return new StatusError(409, 'AlreadyExists', `${qualifiedResource(rt)} ${goQuote(name)} already exists`, {
    name,
    group: rt.group,
    kind: rt.plural,
  });
}

export function conflict(rt: Pick<ResourceType, 'plural' | 'group' | 'kind'>, name: string): StatusError {
  return new StatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(rt)} ${goQuote(name)}: the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: rt.group, kind: rt.plural },
  );
}

export function invalid(rt: Pick<ResourceType, 'kind' | 'group'>, name: string, errs: FieldError[]): StatusError {
  const agg = errs.length === 1 ? fieldErrorText(errs[0]) : `[${errs.map(fieldErrorText).join(', ')}]`;
  return new StatusError(422, 'Invalid', `${qualifiedKind(rt)} ${goQuote(name)} is invalid: ${agg}`, {
    name,
    group: rt.group,
    kind: rt.kind,
    causes: errs,
  });
}

export function forbidden(rt: Pick<ResourceType, 'plural' | 'group' | 'kind'>, name: string, why: string): StatusError {
  const subject = name ? `${qualifiedResource(rt)} ${goQuote(name)}` : qualifiedResource(rt);
  return new StatusError(403, 'Forbidden', `${subject} is forbidden: ${why}`, { name, group: rt.group, kind: rt.plural });
}

export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}
