// Status objects: how the apiserver reports every failure (and some successes) to clients.
import { StatusError, type FieldError } from '../engine/api/types.ts';
import { fieldErrorBody } from '../engine/api/errors.ts';

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: { name?: string; group?: string; kind?: string; uid?: string; causes?: Array<{ reason: string; message: string; field: string }> };
  code: number;
}

/** A failure as metav1.Status (apierrors' StatusError.ErrStatus). */
export function failure(code: number, reason: string, message: string, details?: StatusBody['details']): StatusBody {
  // Field order as metav1.Status serialises: status, message, reason, details, code.
  const s: Omit<StatusBody, 'code'> & { code?: number } = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message };
  if (reason) s.reason = reason;
  if (details && Object.keys(details).length > 0) s.details = details;
  s.code = code;
  return s as StatusBody;
}

/** The field error types' reasons in StatusCause (field.ErrorType's string). */
const causeReason: Record<string, string> = {
  Required: 'FieldValueRequired',
  Invalid: 'FieldValueInvalid',
  Forbidden: 'FieldValueForbidden',
  NotSupported: 'FieldValueNotSupported',
  Duplicate: 'FieldValueDuplicate',
  TooLong: 'FieldValueTooLong',
  TooMany: 'FieldValueTooMany',
  NotFound: 'FieldValueNotFound',
  InternalError: 'InternalError',
};

/** A failure whose reason the engine's StatusError does not name (415 UnsupportedMediaType, 413, 405, 406). */
export class HttpError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** Any error thrown while serving a request → its Status (500 InternalError for what is not a StatusError). */
export function statusOf(e: unknown): StatusBody {
  if (e instanceof HttpError) return failure(e.code, e.reason, e.message);
  if (e instanceof StatusError) {
    const d = e.details;
    const details: StatusBody['details'] = {};
    if (d?.name) details.name = d.name;
    if (d?.group) details.group = d.group;
    if (d?.kind) details.kind = d.kind;
    // Apply conflicts carry their own message (metav1.CauseTypeFieldManagerConflict); field errors are formatted.
    const text = (c: FieldError) => (c.type === ('FieldManagerConflict' as string) ? ((c as { message?: string }).message ?? '') : fieldErrorBody(c));
    if (d?.causes) details.causes = d.causes.map((c) => ({ reason: causeReason[c.type] ?? c.type, message: text(c), field: c.field }));
    return failure(e.code, e.reason, e.message, details);
  }
  const message = e instanceof Error ? e.message : String(e);
  return failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ reason: '', message, field: '' }] });
}

export function success(details: StatusBody['details']): StatusBody {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 } as StatusBody;
}
