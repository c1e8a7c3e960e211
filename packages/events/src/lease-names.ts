/**
 * The KV bucket every service's singleton jobs share (stream `KV_leases`), apart from lease.ts so
 * the pure nats-auth.ts can name it: a service may write only its own keys (`<service>.<job>`).
 */
export const LEASE_BUCKET = "leases";
