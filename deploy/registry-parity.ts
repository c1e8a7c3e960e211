/**
 * docker-compose.yml and deploy/k8s against the registry (@mercato/registry): every registry
 * service is there, on its port, with every other service's URL variable pointing at it, and
 * nothing is there that the registry does not know. YAML cannot import the registry, so this is
 * where the two meet.
 */
import { GATEWAY, isServiceName, SERVICE_NAMES, SERVICES, serviceEntry, WEB } from "@mercato/registry";
import { GATEWAY_METRICS_PORT } from "./prometheus/config.ts";

// biome-ignore lint/suspicious/noExplicitAny: manifests are untyped YAML
type Doc = Record<string, any>;

/** Processes that are not ours: they are reached by their own URL variables (NATS_URL, REDIS_URL). */
const INFRASTRUCTURE = new Set(["nats", "redis"]);
/**
 * Redis requires a password: every service and the gateway reach it with one, from the
 * environment in compose and from the `mercato-secrets` Secret (key REDIS_PASSWORD) in the
 * cluster, where Kubernetes expands `$(REDIS_PASSWORD)` from the variable of that name.
 */
export const REDIS_PASSWORD = "REDIS_PASSWORD";
export const COMPOSE_REDIS_URL = `redis://:\${${REDIS_PASSWORD}}@redis:6379`;
export const CLUSTER_REDIS_URL = `redis://:$(${REDIS_PASSWORD})@redis:6379`;
/** Every process with a port in the registry, by name. */
const PORTS = new Map<string, number>([...SERVICES, GATEWAY, WEB].map((p) => [p.name, p.port]));
/** A second, internal port a process listens on: the gateway's METRICS_PORT (/metrics, /breakers). */
const INTERNAL_PORTS = new Map<string, number>([[GATEWAY.name, GATEWAY_METRICS_PORT]]);

/** The address of a registry service inside compose or the cluster: its name is its host name. */
const inside = (name: string, port: number) => `http://${name}:${port}`;

/** What the services' shared environment must hold: each service's URL, and identity's JWKS. */
function expectedUrls(): Map<string, string> {
  const urls = new Map<string, string>(SERVICES.map((s) => [s.urlEnv, inside(s.name, s.port)]));
  const identity = serviceEntry("identity");
  urls.set("JWKS_URL", `${inside(identity.name, identity.port)}/api/auth/jwks`);
  return urls;
}

/** Compares two name sets: registry names missing from `have`, and names in `have` it does not know. */
function sameNames(where: string, have: Iterable<string>, want: Iterable<string>): string[] {
  const haveSet = new Set(have);
  const wantSet = new Set(want);
  return [
    ...[...wantSet].filter((n) => !haveSet.has(n)).map((n) => `${where}: ${n} is missing (it is in the registry)`),
    ...[...haveSet].filter((n) => !wantSet.has(n)).map((n) => `${where}: ${n} is not in the registry`),
  ];
}

/**
 * Every `http://<host>:<port>` value that names one of our processes (`hosts`: the compose
 * services or the Deployments), or that a `<HOST>_URL` variable names, uses that process's
 * registry port and names only processes the registry has (a removed service leaves none behind).
 */
function addressProblems(where: string, env: Record<string, unknown>, hosts: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    const [, host = "", portText] = /^https?:\/\/([a-z0-9-]+):(\d+)/.exec(String(value)) ?? [];
    if (!hosts.has(host) && key !== `${host.toUpperCase()}_URL`) continue;
    const port = PORTS.get(host);
    if (port === undefined) problems.push(`${where}: ${key} points at ${host}, which the registry does not have`);
    else if (Number(portText) !== port && Number(portText) !== INTERNAL_PORTS.get(host)) {
      const internal = INTERNAL_PORTS.get(host);
      problems.push(
        `${where}: ${key} uses port ${portText} for ${host}, the registry says ${port}${internal ? ` (or its internal ${internal})` : ""}`,
      );
    }
  }
  return problems;
}

/** The shared environment holds every service's URL as the registry derives it. */
function urlProblems(where: string, env: Record<string, unknown>): string[] {
  return [...expectedUrls()]
    .filter(([key, want]) => env[key] !== want)
    .map(([key, want]) => `${where}: ${key} is ${env[key] ?? "missing"}, the registry says ${want}`);
}

/** docker-compose.yml (parsed, merge keys applied) against the registry. */
export function composeProblems(compose: Doc): string[] {
  const services: Record<string, Doc> = compose.services ?? {};
  const hosts = new Set(Object.keys(services).filter((n) => !INFRASTRUCTURE.has(n)));
  const ours = [...hosts].filter((n) => n !== GATEWAY.name && n !== WEB.name);
  const problems = sameNames("docker-compose.yml services", ours, SERVICE_NAMES);
  for (const [name, svc] of Object.entries(services)) {
    const env: Record<string, unknown> = svc.environment ?? {};
    const where = `docker-compose.yml ${name}`;
    problems.push(...addressProblems(where, env, hosts));
    const port = PORTS.get(name);
    if (port !== undefined && name !== WEB.name && env.PORT !== String(port))
      problems.push(`${where}: PORT is ${env.PORT ?? "missing"}, the registry says ${port}`);
    if (isServiceName(name) || name === GATEWAY.name) {
      problems.push(...urlProblems(where, env));
      if (env.REDIS_URL !== COMPOSE_REDIS_URL)
        problems.push(`${where}: REDIS_URL is ${env.REDIS_URL ?? "missing"}, want ${COMPOSE_REDIS_URL}`);
    }
  }
  const redisCommand = [services.redis?.command ?? []].flat().map(String);
  const requirepass = redisCommand.indexOf("--requirepass");
  if (requirepass < 0 || !redisCommand[requirepass + 1]?.startsWith(`\${${REDIS_PASSWORD}:?`))
    problems.push(`docker-compose.yml redis: does not run with --requirepass \${${REDIS_PASSWORD}:?...}`);
  const gatewayNeeds = services[GATEWAY.name]?.depends_on;
  const needs = Array.isArray(gatewayNeeds) ? gatewayNeeds : Object.keys(gatewayNeeds ?? {});
  problems.push(...sameNames(`docker-compose.yml ${GATEWAY.name} depends_on`, needs, SERVICE_NAMES));
  return problems;
}

export interface Cluster {
  /** The objects that would be applied. */
  docs: Doc[];
  /** Base names (without .yaml) of the files under deploy/k8s/services/. */
  serviceFiles: string[];
  /** deploy/k8s/kustomization.yaml. */
  kustomization: Doc;
}

/** deploy/k8s against the registry. */
export function clusterProblems({ docs, serviceFiles, kustomization }: Cluster): string[] {
  const byKind = (kind: string) => new Map(docs.filter((d) => d.kind === kind).map((d) => [d.metadata?.name, d]));
  const deployments = byKind("Deployment");
  const services = byKind("Service");
  const hosts = new Set(deployments.keys());
  const apps = [...deployments.keys()].filter((n) => n !== GATEWAY.name && n !== WEB.name);
  const problems = [
    ...sameNames("deploy/k8s/services/", serviceFiles, [...SERVICE_NAMES, GATEWAY.name]),
    ...sameNames("deploy/k8s Deployments", apps, SERVICE_NAMES),
  ];
  const images = (kustomization.images ?? [])
    .map((i: Doc) => /^mercato\/(.+)$/.exec(i.name)?.[1])
    .filter((n: string | undefined): n is string => n !== undefined);
  problems.push(...sameNames("kustomization.yaml images", images, [...SERVICE_NAMES, GATEWAY.name, WEB.name]));

  const shared = byKind("ConfigMap").get("mercato-env")?.data ?? {};
  if ("REDIS_URL" in shared)
    problems.push("ConfigMap/mercato-env: holds REDIS_URL, which each Deployment sets with the Redis password");
  problems.push(
    ...urlProblems("ConfigMap/mercato-env", shared),
    ...addressProblems("ConfigMap/mercato-env", shared, hosts),
  );
  for (const [name, port] of PORTS) {
    const d = deployments.get(name);
    if (!d) continue;
    for (const c of d.spec?.template?.spec?.containers ?? []) {
      const env = Object.fromEntries((c.env ?? []).map((e: Doc) => [e.name, e.value]));
      problems.push(...addressProblems(`Deployment/${name}`, env, hosts));
      if (c.name !== name) continue;
      if (name !== WEB.name) {
        const password = (c.env ?? []).find((e: Doc) => e.name === REDIS_PASSWORD)?.valueFrom?.secretKeyRef;
        if (
          env.REDIS_URL !== CLUSTER_REDIS_URL ||
          password?.name !== "mercato-secrets" ||
          password?.key !== REDIS_PASSWORD
        )
          problems.push(
            `Deployment/${name}: REDIS_URL is not ${CLUSTER_REDIS_URL} with ${REDIS_PASSWORD} from mercato-secrets`,
          );
      }
      if (env.PORT !== String(port))
        problems.push(`Deployment/${name}: PORT is ${env.PORT ?? "missing"}, the registry says ${port}`);
      if (!(c.ports ?? []).some((p: Doc) => p.containerPort === port))
        problems.push(`Deployment/${name}: no container port ${port} (its registry port)`);
    }
    if (!(services.get(name)?.spec?.ports ?? []).some((p: Doc) => p.port === port))
      problems.push(`Service/${name}: does not listen on ${port} (its registry port)`);
  }
  return problems;
}
