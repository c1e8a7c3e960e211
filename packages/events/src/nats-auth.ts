import { GATEWAY, SERVICES, type ServiceName } from "@mercato/registry";
import { LEASE_BUCKET } from "./lease-names.ts";
import { LIVE_SUBJECT_PREFIX } from "./live.ts";
import { DEAD_LETTER_PREFIX, DEAD_LETTER_STREAM, durableName, streamFor } from "./streams.ts";

/**
 * Who may talk on the bus, and about what: one NATS user per service (and one for the gateway),
 * each allowed to publish only its own domain's events, its own dead letters and live wake-ups,
 * and the JetStream API; and to subscribe only to the domains it consumes (read from the
 * registry). So a compromised notifications cannot publish `payments.succeeded.v1`: the server
 * refuses it with a permissions violation. The JetStream API is narrowed the same way
 * (`jetStreamApi`): a service creates only its own stream, and consumers only under its own
 * durable names on the streams it consumes. Passwords come from `NATS_PASSWORD_<NAME>`.
 *
 * Pure: no I/O. The dev launcher, the test harness, compose and Kubernetes all render their
 * nats-server configuration with `natsServerConfig` (see `bun packages/events/src/nats-config.ts`).
 */

export interface NatsPermissions {
  publish: { allow?: readonly string[]; deny?: readonly string[] };
  subscribe: { allow?: readonly string[]; deny?: readonly string[] };
}

export interface NatsUser {
  user: string;
  /** The password itself, or `{ env }`: nats-server reads it from that variable at start-up. */
  password: string | { env: string };
  permissions?: NatsPermissions;
}

/** The NATS users of the platform: every registry service, then the gateway. */
export const NATS_USERS: readonly string[] = [...SERVICES.map((s) => s.name), GATEWAY.name];

/** The variable holding a NATS user's password: `NATS_PASSWORD_ORDERS`. */
export function natsPasswordEnv(user: string): string {
  return `NATS_PASSWORD_${user.toUpperCase()}`;
}

/**
 * Replies of requests (JetStream API answers, publish acks, pulled messages) come to the user's
 * own inbox prefix (`_INBOX_<user>`, set by `natsConnectOptions`), so no user reads another's.
 */
export function inboxPrefixOf(user: string): string {
  return `_INBOX_${user}`;
}

/**
 * The JetStream API subjects a service's kit uses (checked against nats-server 2.9.10 and
 * NATS.js 3 by packages/security/test/bus.test.ts), and nothing else:
 * - `$JS.API.INFO` (the manager's account check);
 * - its own domain's stream and the dead-letter stream: info and create (both idempotent for the
 *   kit's fixed config). Not another domain's: a consumer waits for the owner to create it;
 * - on every stream it consumes (its own included when it handles its own events): stream info,
 *   and for its own durable `<service>-<domain>` only: create/update (the 2.9 API names the
 *   consumer and its filter, `CONSUMER.CREATE.<stream>.<durable>.<filter>`; the older
 *   `DURABLE.CREATE` form too), info, pull (`MSG.NEXT`) and acks (`$JS.ACK.<stream>.<durable>.>`).
 * - the dead-letter stream's messages by sequence (`STREAM.MSG.GET.DEADLETTER`): the kit's system
 *   room reads and replays the service's own dead letters;
 * - a service the registry marks `replays` (analytics) may also read the messages of the streams it
 *   consumes by sequence (`STREAM.MSG.GET`): what its subscriptions may read anyway.
 * - the lease bucket (lease.ts): its stream's info and create, and a direct get of its own keys only
 *   (`<service>.<job>`); its writes are publishes on `$KV.leases.<service>.>` (servicePermissions).
 * So no service may delete, purge or edit a stream, read another's messages through a consumer
 * of its own making, or delete or steal another service's consumer.
 */
export function jetStreamApi(name: ServiceName, consumes: readonly string[], replays = false): string[] {
  const own = streamFor(name);
  const subjects = [
    "$JS.API.INFO",
    `$JS.API.STREAM.INFO.${own}`,
    `$JS.API.STREAM.CREATE.${own}`,
    `$JS.API.STREAM.INFO.${DEAD_LETTER_STREAM}`,
    `$JS.API.STREAM.CREATE.${DEAD_LETTER_STREAM}`,
    // The kit's system room (kit/src/system) lists and replays the service's own dead letters by
    // sequence; the subject cannot narrow a read by sequence to `deadletter.<service>.>`, so the
    // kit checks the subject of what it read (docs/SECURITY.md, "System health").
    `$JS.API.STREAM.MSG.GET.${DEAD_LETTER_STREAM}`,
    `$JS.API.STREAM.INFO.${LEASE_STREAM}`,
    `$JS.API.STREAM.CREATE.${LEASE_STREAM}`,
    `$JS.API.DIRECT.GET.${LEASE_STREAM}.${leaseSubjectPrefix(name)}.>`,
  ];
  for (const domain of new Set([name, ...consumes])) {
    const stream = streamFor(domain);
    const durable = durableName(name, domain);
    if (domain !== name) subjects.push(`$JS.API.STREAM.INFO.${stream}`);
    subjects.push(
      `$JS.API.CONSUMER.CREATE.${stream}.${durable}`,
      `$JS.API.CONSUMER.CREATE.${stream}.${durable}.>`,
      `$JS.API.CONSUMER.DURABLE.CREATE.${stream}.${durable}`,
      `$JS.API.CONSUMER.INFO.${stream}.${durable}`,
      `$JS.API.CONSUMER.MSG.NEXT.${stream}.${durable}`,
      `$JS.ACK.${stream}.${durable}.>`,
    );
    // A replaying service (analytics' rebuild) reads the messages it consumes by sequence.
    if (replays) subjects.push(`$JS.API.STREAM.MSG.GET.${stream}`);
  }
  // `deadletter` among the consumes (notifications' dead-letter alerts) repeats the stream's info.
  return [...new Set(subjects)];
}

const LEASE_STREAM = `KV_${LEASE_BUCKET}`;
/** The KV subjects of a service's lease keys: `$KV.leases.orders` (keys `orders.<job>`). */
const leaseSubjectPrefix = (name: string) => `$KV.${LEASE_BUCKET}.${name}`;

/** What one service may publish and subscribe to. */
export function servicePermissions(name: ServiceName): NatsPermissions {
  const entry = SERVICES.find((s) => s.name === name);
  if (!entry) throw new Error(`nats-auth: no service ${name} in the registry`);
  const live = entry.liveTopics.map((t) => `${LIVE_SUBJECT_PREFIX}.${t}.>`);
  return {
    publish: {
      // The kit's consumer is named after the service, so its dead letters are `deadletter.<name>.>`.
      allow: [
        `${name}.>`,
        `${DEAD_LETTER_PREFIX}.${name}.>`,
        ...live,
        // Its own singleton jobs' lease keys only: it cannot take or renew another service's lease.
        `${leaseSubjectPrefix(name)}.>`,
        ...jetStreamApi(name, entry.consumes, entry.replays),
      ],
    },
    subscribe: {
      allow: [`${inboxPrefixOf(name)}.>`, `${name}.>`, ...entry.consumes.map((d) => `${d}.>`), ...live],
    },
  };
}

/** The gateway publishes nothing; it listens to the subjects that purge its catalog cache. */
export function gatewayPermissions(): NatsPermissions {
  return {
    publish: { deny: [">"] },
    subscribe: { allow: [...GATEWAY.purgeSubjects, `${inboxPrefixOf(GATEWAY.name)}.>`] },
  };
}

export function permissionsOf(user: string): NatsPermissions {
  if (user === GATEWAY.name) return gatewayPermissions();
  return servicePermissions(user as ServiceName);
}

/**
 * Every platform user with its password from `env` (`NATS_PASSWORD_<NAME>`). A missing or short
 * password stops the generation with a sentence naming the variable: the bus never opens by default.
 */
export function platformNatsUsers(env: Record<string, string | undefined>): NatsUser[] {
  return NATS_USERS.map((user) => {
    const variable = natsPasswordEnv(user);
    const password = env[variable];
    if (!password || password.length < 16) {
      throw new Error(`Environment variable ${variable} is missing or short: set it to at least 16 characters.`);
    }
    return { user, password, permissions: permissionsOf(user) };
  });
}

const quote = (s: string) => JSON.stringify(s);
const list = (xs: readonly string[]) => `[${xs.map(quote).join(", ")}]`;

function renderRule(rule: { allow?: readonly string[]; deny?: readonly string[] }): string {
  const parts = [rule.allow ? `allow: ${list(rule.allow)}` : "", rule.deny ? `deny: ${list(rule.deny)}` : ""];
  return `{ ${parts.filter(Boolean).join(", ")} }`;
}

/** The `authorization { users = [...] }` block of a nats-server configuration file. */
export function renderAuthorization(users: readonly NatsUser[], authTimeoutSeconds?: number): string {
  const lines = users.map((u) => {
    const perms = u.permissions
      ? `, permissions: { publish: ${renderRule(u.permissions.publish)}, subscribe: ${renderRule(u.permissions.subscribe)} }`
      : "";
    const password = typeof u.password === "string" ? quote(u.password) : `$${u.password.env}`;
    return `    { user: ${quote(u.user)}, password: ${password}${perms} }`;
  });
  const timeout = authTimeoutSeconds ? `  timeout: ${authTimeoutSeconds}\n` : "";
  return `authorization {\n${timeout}  users = [\n${lines.join(",\n")}\n  ]\n}\n`;
}

/**
 * The deployed authorization block (docker-compose's deploy/nats/auth.conf, the Kubernetes
 * ConfigMap nats-config): no secret in it, each password read by nats-server from its
 * `NATS_PASSWORD_<NAME>` variable. Regenerate with `bun packages/events/src/nats-config.ts`.
 */
export function natsAuthorizationTemplate(): string {
  const header = "# Generated by `bun packages/events/src/nats-config.ts` from the registry: do not edit.\n";
  return (
    header +
    renderAuthorization(
      NATS_USERS.map((user) => ({ user, password: { env: natsPasswordEnv(user) }, permissions: permissionsOf(user) })),
    )
  );
}

/**
 * A whole nats-server configuration: where it listens, JetStream's store, and the users.
 * `host`/`port`/`storeDir` are left to the command line when absent.
 */
export function natsServerConfig(opts: {
  users: readonly NatsUser[];
  host?: string;
  port?: number;
  storeDir?: string;
  /** Extra lines (cluster block, limits...). */
  extra?: string;
  /**
   * Seconds a client has to send CONNECT with its credentials (nats-server's default: 2). The test
   * harness raises it: on a loaded two-core machine a client was cut off with "Authentication
   * Timeout" before its first line arrived.
   */
  authTimeoutSeconds?: number;
}): string {
  const head = [
    opts.host ? `host: ${quote(opts.host)}` : "",
    opts.port ? `port: ${opts.port}` : "",
    `jetstream { ${opts.storeDir ? `store_dir: ${quote(opts.storeDir)}` : ""} }`,
    opts.extra ?? "",
  ].filter(Boolean);
  return `${head.join("\n")}\n${renderAuthorization(opts.users, opts.authTimeoutSeconds)}`;
}

/**
 * A NATS URL's credentials as connect options: `nats://orders:secret@nats:4222` becomes
 * `{ servers: "nats://nats:4222", user: "orders", pass: "secret" }` (nats.js reads no credentials
 * from a URL). A URL without credentials connects anonymously, which an authorizing server refuses.
 */
export function natsConnectOptions(url: string): {
  servers: string;
  user?: string;
  pass?: string;
  inboxPrefix?: string;
} {
  const m = url.match(/^([a-z]+:\/\/)([^@/]*)@(.*)$/i);
  if (!m) return { servers: url };
  const [, scheme, userinfo = "", rest] = m;
  const colon = userinfo.indexOf(":");
  const user = decodeURIComponent(colon < 0 ? userinfo : userinfo.slice(0, colon));
  const pass = colon < 0 ? undefined : decodeURIComponent(userinfo.slice(colon + 1));
  return {
    servers: `${scheme}${rest}`,
    ...(user ? { user, inboxPrefix: inboxPrefixOf(user) } : {}),
    ...(pass !== undefined ? { pass } : {}),
  };
}

/** A NATS URL carrying a user's credentials (what each service gets as its NATS_URL). */
export function natsUrlWithCredentials(url: string, user: string, password: string): string {
  const { servers } = natsConnectOptions(url);
  return servers.replace(/^([a-z]+:\/\/)/i, `$1${encodeURIComponent(user)}:${encodeURIComponent(password)}@`);
}

/** The URL with any password masked, for logs. */
export function redactNatsUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:@/]*):[^@/]*@/i, "$1:***@");
}
