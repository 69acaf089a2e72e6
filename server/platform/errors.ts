/** Typed domain errors. Services throw these; one handler in app.ts maps them to HTTP. */

/** A domain error with a stable code and HTTP status; `params` fill the localized message. */
export abstract class AppError extends Error {
  abstract readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;
  constructor(
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly details?: unknown,
  ) {
    super(code);
  }
}

/** 400: the input is wrong in a way validation could not see. */
export class BadRequestError extends AppError {
  readonly status = 400;
}
/** 401: not logged in, or the session ended. */
export class UnauthenticatedError extends AppError {
  readonly status = 401;
}
/** 403: logged in, may see the item, but may not do this. */
export class ForbiddenError extends AppError {
  readonly status = 403;
  constructor(code = 'forbidden', params: Record<string, unknown> = {}) {
    super(code, params);
  }
}
/** 404: absent, or present but not visible to the actor (existence is not revealed). */
export class NotFoundError extends AppError {
  readonly status = 404;
  constructor(code = 'not_found', params: Record<string, unknown> = {}) {
    super(code, params);
  }
}
/** 409: a stale version or a conflicting state. */
export class ConflictError extends AppError {
  readonly status = 409;
}
/** 409 for an optimistic-locking failure. */
export class StaleVersionError extends ConflictError {
  constructor(details?: unknown) {
    super('stale_version', {}, details);
  }
}
/** 413: a body or file over its limit. */
export class TooLargeError extends AppError {
  readonly status = 413;
}
/** 415: a file of a type that is not accepted. */
export class UnsupportedTypeError extends AppError {
  readonly status = 415;
}
/** 422: well-formed input that breaks a business rule. */
export class RuleError extends AppError {
  readonly status = 422;
}
/** 429: too many attempts. */
export class RateLimitError extends AppError {
  readonly status = 429;
}
