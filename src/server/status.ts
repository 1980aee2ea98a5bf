// Status objects: how the apiserver reports every failure (and some successes) to clients.
import { failure, statusOfStatusError, type StatusBody } from '../engine/api/status.ts';
import { StatusError } from '../engine/api/types.ts';

export { failure, type StatusBody };

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
  if (e instanceof StatusError) return statusOfStatusError(e);
  const message = e instanceof Error ? e.message : String(e);
  return failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ reason: '', message, field: '' }] });
}

export function success(details: StatusBody['details']): StatusBody {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 } as StatusBody;
}
