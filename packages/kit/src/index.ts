export {
  type AccessLog,
  type AccessLogEntry,
  createAccessLog,
  redactPath,
  shouldLogAccess,
  traceIdOf,
  trpcProcedures,
} from "./access-log.ts";
export {
  type AuthUser,
  bearerJwt,
  createServiceSigner,
  createServiceVerifier,
  createTokenVerifier,
  createUserVerifier,
  InvalidTokenError,
  type Role,
  SERVICE_TOKEN_HEADER,
  type ServiceTokenSigner,
  type VerifiedToken,
} from "./auth.ts";
export {
  type BreakerState,
  breakerStateName,
  type CallPolicy,
  type CallPolicyOptions,
  createCallPolicy,
  isCircuitOpen,
  isTimeout,
} from "./breaker.ts";
export { clientAddressOf } from "./client-address.ts";
export { currentRequestId, currentUser, requestStore } from "./context-store.ts";
export { type BaseEnv, baseEnvSchema, ConfigError, loadEnv, ownPortSchema, serviceUrlsSchema } from "./env.ts";
export { asDomainError, describeZodError, formatServiceError } from "./error-format.ts";
export {
  badGateway,
  conflict,
  DOMAIN_ERROR_KINDS,
  DomainError,
  type DomainErrorKind,
  type ErrorFieldData,
  forbidden,
  invalid,
  notFound,
  unavailable,
} from "./errors.ts";
export { createLogger, type Logger } from "./logger.ts";
export { Metrics, registerProcessMetrics } from "./metrics.ts";
export type { BusinessMetrics, MessageResult, OrderMetricEvent, RefundResult } from "./metrics-business.ts";
export { METRIC_NAMES, metricNameOf } from "./metrics-names.ts";
export type { SystemStatsSource } from "./metrics-system.ts";
export { connectRedis, type RedisClient } from "./redis.ts";
export {
  isConnectFailure,
  isUrlList,
  parseUrlList,
  type ReplicaHealth,
  ReplicaSet,
  type ReplicaSetOptions,
} from "./replicas.ts";
export {
  createRevocationCache,
  REVOCATION_RETAIN_MS,
  REVOCATIONS_KEY,
  type RevocationCache,
  RevocationUnavailableError,
  revokeSession,
  revokeUserTokens,
  type TokenIdentity,
} from "./revocation.ts";
export {
  type BaseDeps,
  defineService,
  type RouteHelpers,
  type RunningService,
  runMain,
  type ServiceDefinition,
  singletonWorker,
  type Worker,
  within,
} from "./service.ts";
export {
  configureServiceCalls,
  DEFAULT_SERVICE_CALL_OPTIONS,
  guardedFetch,
  ServiceCallError,
  type ServiceCallOptions,
  ServiceCalls,
  serviceCallsOf,
} from "./service-calls.ts";
export { createServiceClient, queryService } from "./service-client.ts";
export {
  derivedSecret,
  generateServiceKeySet,
  isKeyPair,
  publicKeysOf,
  type ServiceKeySet,
  signingKeyOf,
} from "./service-keys.ts";
export { type StreamLease, StreamLimiter } from "./stream-limit.ts";
export {
  type ConsumerLag,
  consumerLag,
  consumerLags,
  deadLetterCount,
  type OutboxBacklog,
  outboxBacklog,
  type StatsBus,
} from "./system/stats.ts";
export {
  accessTraceId,
  type HttpTracingOptions,
  httpTracing,
  injectTraceHeaders,
  parseOtlpHeaders,
  procedureSpan,
  startTracing,
  TRACE_CONTEXT_HEADERS,
  type Tracing,
  tracedFetch,
  tracingEnvShape,
  tracingOn,
} from "./tracing/index.ts";
export {
  type InternalCaller,
  initServiceTRPC,
  type ProcedureMeta,
  type RequestContext,
  type ServiceContext,
} from "./trpc.ts";
