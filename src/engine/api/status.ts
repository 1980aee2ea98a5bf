// metav1.Status bodies: how the apiserver reports a failure to clients. Shared by `kubelab serve` and the in-cluster
// HTTPS path to the API server, so both print the same objects.
import { fieldErrorBody } from './errors.ts';
import type { FieldError, StatusError } from './types.ts';

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

/** The engine's StatusError as the Status the apiserver sends for it. */
export function statusOfStatusError(e: StatusError): StatusBody {
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
