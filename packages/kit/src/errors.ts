/**
 * Domain errors: what a use case or a rule refuses, and which input field it is about. Pure (no
 * tRPC import), so `domain/` and `app/` code can throw them; the kit's procedure middleware maps
 * each kind to its tRPC code once for every service, and its error formatter puts the field and
 * the reason in `data`, so a client reads `error.data.field` instead of parsing the message.
 *
 * The message on the wire stays `<field>: <reason>`, readable by a person and by a log search.
 */
export const DOMAIN_ERROR_KINDS = {
  invalid: "BAD_REQUEST",
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
  forbidden: "FORBIDDEN",
  unauthorized: "UNAUTHORIZED",
  precondition: "PRECONDITION_FAILED",
  too_many: "TOO_MANY_REQUESTS",
  unavailable: "SERVICE_UNAVAILABLE",
  /** A third party (a payment provider) answered with an error of its own. */
  bad_gateway: "BAD_GATEWAY",
} as const;
export type DomainErrorKind = keyof typeof DOMAIN_ERROR_KINDS;
export type DomainErrorCode = (typeof DOMAIN_ERROR_KINDS)[DomainErrorKind];

export class DomainError extends Error {
  override name = "DomainError";
  constructor(
    readonly kind: DomainErrorKind,
    /** The input field the refusal is about (`sku`, `lines.0.quantity`, `cart`...). */
    readonly field: string,
    /** What is wrong, as a sentence fragment a person can read (`"SAVE5" already exists`). */
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }

  get code(): DomainErrorCode {
    return DOMAIN_ERROR_KINDS[this.kind];
  }
}

/** Shorthands, so a refusal reads as what it is: `throw notFound("sku", "no such SKU")`. */
export const invalid = (field: string, reason: string) => new DomainError("invalid", field, reason);
export const notFound = (field: string, reason: string) => new DomainError("not_found", field, reason);
export const conflict = (field: string, reason: string) => new DomainError("conflict", field, reason);
export const forbidden = (field: string, reason: string) => new DomainError("forbidden", field, reason);
export const unavailable = (field: string, reason: string) => new DomainError("unavailable", field, reason);
export const badGateway = (field: string, reason: string) => new DomainError("bad_gateway", field, reason);

/** The field and reason a client reads from `error.data`. */
export interface ErrorFieldData {
  field?: string;
  reason?: string;
}
