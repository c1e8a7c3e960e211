import { DOMAIN_ERROR_KINDS, DomainError, type DomainErrorKind, unavailable } from "@mercato/kit";
import { TRPCClientError } from "@trpc/client";
import { TRPCError } from "@trpc/server";

/** The refusals of another service that are our caller's business (the rest are ours to answer for). */
const PASSED_ON = new Set<string>(["BAD_REQUEST", "NOT_FOUND", "CONFLICT", "FORBIDDEN", "PRECONDITION_FAILED"]);

function kindOf(code: string): DomainErrorKind | undefined {
  return (Object.keys(DOMAIN_ERROR_KINDS) as DomainErrorKind[]).find((kind) => DOMAIN_ERROR_KINDS[kind] === code);
}

/** Another service's refusal that names a field, passed on as it came: its code, message, field and reason. */
export class UpstreamRefusal extends DomainError {
  override name = "UpstreamRefusal";
  constructor(
    readonly service: string,
    kind: DomainErrorKind,
    field: string,
    reason: string,
    message: string,
  ) {
    super(kind, field, reason);
    this.message = message;
  }
}

/**
 * Calls another service. Its refusals (a 4xx naming a field, like an empty cart) reach our caller
 * as they are, never reworded; its absence becomes a 503 that names it, never a bare 500.
 */
export async function upstream<T>(service: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (!(err instanceof TRPCClientError)) throw err;
    const data = err.data as { code?: string; field?: string; reason?: string } | undefined;
    const code = data?.code;
    if (code && PASSED_ON.has(code)) {
      const kind = kindOf(code);
      if (kind && data?.field)
        throw new UpstreamRefusal(service, kind, data.field, data.reason ?? err.message, err.message);
      throw new TRPCError({ code: code as TRPCError["code"], message: err.message, cause: err });
    }
    if (!code || code === "INTERNAL_SERVER_ERROR" || code === "SERVICE_UNAVAILABLE") {
      const absent = unavailable(service, `the ${service} service is unavailable; try again shortly`);
      absent.cause = err;
      throw absent;
    }
    throw err;
  }
}
