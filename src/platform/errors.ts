/** A field of a form or request body and what is wrong with it, in the user's language. */
export interface FieldError {
  field: string;
  /** A message key of the catalogue (translated when shown) or finished text. */
  message: string;
  params?: Record<string, string | number>;
  /** The strategy principle (P1–P6) the error cites, for engagements (domain.md §5). */
  principle?: string;
}

/** Failures that carry their HTTP meaning; the error handler turns them into pages or JSON. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

/** Not there, or not allowed to see it: both answer 404 so the invisible stays invisible. */
export class NotFoundError extends AppError {
  constructor(message = "Not found") {
    super(404, "not_found", message);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "Authentication required") {
    super(401, "unauthenticated", message);
  }
}

/** Seen but not allowed to do. */
export class ForbiddenError extends AppError {
  constructor(message = "Forbidden") {
    super(403, "forbidden", message);
  }
}

/** A workflow step that the current state does not allow; names the steps that are allowed. */
export class ConflictError extends AppError {
  constructor(
    message: string,
    readonly allowed: string[] = [],
    /** Messages that say why, shown to the reader (field "" for the request as a whole). */
    reasons: FieldError[] = [],
  ) {
    super(409, "conflict", message, reasons);
  }
}

/** Invalid input, with every field's message at once. */
export class ValidationError extends AppError {
  constructor(fields: FieldError[], message = "Invalid input") {
    super(422, "invalid", message, fields);
  }
}
