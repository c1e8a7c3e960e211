export {
  EventBus,
  type EventHandler,
  type HandlerContext,
  on,
  PermanentEventError,
  type Subscription,
} from "./bus.ts";
export { consumeDeadLetters, type DeadLetterMessage, parseDeadLetterSubject, readDeadLetter } from "./dead-letters.ts";
export {
  createEvent,
  defineEvent,
  describeIssues,
  type Envelope,
  type EventDefinition,
  type EventMeta,
  type EventOf,
  EventSchemaError,
  parseEvent,
} from "./envelope.ts";
export { processOnce } from "./inbox.ts";
export {
  aborted,
  DEFAULT_LEASE_TTL_MS,
  LEASE_BUCKET,
  LeaseBucket,
  type LeaseOptions,
  type LeaseTerm,
  type Singleton,
  type SingletonRun,
} from "./lease.ts";
export { confirmedSubscription, LIVE_SUBJECT_PREFIX, LiveChannel, type LiveLogger, listenerStream } from "./live.ts";
export {
  inboxPrefixOf,
  NATS_USERS,
  type NatsPermissions,
  type NatsUser,
  natsConnectOptions,
  natsPasswordEnv,
  natsServerConfig,
  natsUrlWithCredentials,
  permissionsOf,
  platformNatsUsers,
  redactNatsUrl,
  renderAuthorization,
} from "./nats-auth.ts";
export { enqueue, OutboxRelay } from "./outbox.ts";
export * from "./schemas/cart.ts";
export * from "./schemas/catalog.ts";
export * from "./schemas/common.ts";
export * from "./schemas/identity.ts";
export * from "./schemas/inventory.ts";
export * from "./schemas/notifications.ts";
export * from "./schemas/orders.ts";
export * from "./schemas/payments.ts";
export { DEAD_LETTER_PREFIX, DEAD_LETTER_STREAM, DOMAINS, streamFor } from "./streams.ts";
export { inbox, outbox } from "./tables.ts";
