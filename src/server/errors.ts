/**
 * HTTP face of Cordon's typed errors: every failure leaves the server as the envelope
 * `{code, message, errors[]}` with a status derived from `CordonError.code`. Internal errors
 * keep their detail in the server log only, never in the response (no stack traces leak).
 */
import { asCordonError, CordonError, type ErrorDetail } from '../model/errors.js';

/** HTTP status per stable error code; anything unlisted is a 500. */
export const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  usage: 400,
  bad_input: 400,
  malformed_policy: 400,
  invalid_filter: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  refused: 409,
  conflict: 409,
  invalid_transition: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  not_implemented: 501,
  // A job (scan, snapshot simulation) went over its memory or time limit: the server could not
  // complete this request with the resources it allows one job, and stays up.
  job_limit_exceeded: 507,
  // The analysis stopped itself before its heap ran out (the analyzers' work budget), with the fix.
  resource_limit: 507,
  aws_call_failed: 502,
  missing_dependency: 503,
};

/** The JSON error envelope of every non-2xx response. */
export interface ErrorEnvelope {
  code: string;
  message: string;
  errors: ErrorDetail[];
}

/** The request carried no valid bearer token. */
export class UnauthorizedError extends CordonError {
  constructor(message = 'a valid bearer token is required') {
    super('unauthorized', message);
  }
}

/** The token is valid but its role may not call this endpoint. */
export class ForbiddenError extends CordonError {
  constructor(required: string, actual: string) {
    super('forbidden', `this endpoint needs role \`${required}\`; the token has role \`${actual}\``);
  }
}

/** The token spent its request budget; `retryAfterSeconds` goes into `Retry-After`. */
export class RateLimitedError extends CordonError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('rate_limited', `too many requests; retry after ${retryAfterSeconds} s`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The request body is larger than the configured limit. */
export class PayloadTooLargeError extends CordonError {
  constructor(limitBytes: number) {
    super('payload_too_large', `request body exceeds ${limitBytes} bytes`);
  }
}

/** The feature behind this endpoint is not part of this build yet. */
export class NotImplementedError extends CordonError {
  constructor(feature: string) {
    super('not_implemented', `${feature} is not available in this build`);
  }
}

/** The path exists but not with this method. */
export class MethodNotAllowedError extends CordonError {
  readonly allowed: string[];
  constructor(allowed: string[]) {
    super('method_not_allowed', `method not allowed; use ${allowed.join(', ')}`);
    this.allowed = allowed;
  }
}

/** A request field failed validation; `details` point at the offending fields. */
export class BadRequestError extends CordonError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('bad_input', message, details.length > 0 ? details : [{ message }]);
  }
}

/** Status and envelope for anything thrown by a handler. */
export function toHttpError(err: unknown): { status: number; envelope: ErrorEnvelope; error: CordonError } {
  const error = asCordonError(err);
  const status = STATUS_BY_CODE[error.code] ?? 500;
  if (status === 500) {
    // INVARIANT: 500s never echo the underlying message: it may hold paths, SQL or stack text.
    return { status, envelope: { code: 'internal', message: 'internal server error', errors: [] }, error };
  }
  return { status, envelope: error.toEnvelope(), error };
}
