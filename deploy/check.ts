/**
 * Checks deploy/ before anyone applies it: every YAML file parses, the Kubernetes manifests pass
 * the Kubernetes API schemas (deploy/schema.ts) and hang together (probes, resources, security,
 * selectors, references, placeholders-only secrets, parity with docker-compose.yml), and both
 * docker-compose.yml and deploy/k8s hold exactly the registry's services on their ports
 * (deploy/registry-parity.ts). Exits 1 with one line per problem.
 *
 *   bun deploy/check.ts
 *
 * Parser: the `yaml` package when it is installed, else Bun's built-in Bun.YAML. Bun.YAML is
 * more lenient than the Go parser kubectl uses, so when `kubectl` is on the PATH the manifests
 * are also rendered with `kubectl kustomize` and the checks run on exactly what would be applied.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { SERVICE_NAMES } from "@mercato/registry";
import { NATS_USERS, natsAuthorizationTemplate, natsPasswordEnv } from "../packages/events/src/nats-auth.ts";
import { clusterProblems, composeProblems } from "./registry-parity.ts";
import { schemaProblems } from "./schema.ts";

// biome-ignore lint/suspicious/noExplicitAny: manifests are untyped YAML
type Doc = Record<string, any>;

const DEPLOY = import.meta.dir;
const ROOT = join(DEPLOY, "..");
const K8S = join(DEPLOY, "k8s");
const NAMESPACE = "mercato";
const SECRET_TEMPLATE = "secrets.template.yaml";
const PLACEHOLDERS = new Set(["", "REPLACE-ME"]);
const AUTOSCALED = ["gateway", "catalog", "cart", "orders"];
/** Variables docker-compose.yml gives a service that its Deployment deliberately does not. */
const NOT_FROM_COMPOSE: Record<string, string[]> = {
  // The gateway signs and verifies no service token; compose passes it only through the shared block.
  gateway: ["SERVICE_PUBLIC_KEYS"],
  // Demo opt-ins into the test provider and the mailbox: the cluster is production, with Stripe
  // and Resend keys (secrets.template.yaml), so its Deployments never carry them.
  payments: ["PAYMENTS_PROVIDER", "ALLOW_TEST_PAYMENTS"],
  notifications: ["EMAIL_TRANSPORT", "ALLOW_MAILBOX_EMAIL", "SMS_TRANSPORT", "WEB_PUSH"],
};

const problems: string[] = [];
const fail = (msg: string) => problems.push(msg);

/** Runs one group of checks and prints its summary, or its problems. */
async function check(run: () => string | undefined | Promise<string | undefined>): Promise<void> {
  const before = problems.length;
  const summary = await run();
  const found = problems.slice(before);
  if (found.length === 0 && summary) console.log(`ok   ${summary}`);
  for (const p of found) console.log(`FAIL ${p}`);
}

// ---------------------------------------------------------------------------------------------
// Parsing

type Parse = (text: string, file: string) => Doc[];

/** The part of the `yaml` package used here (it is optional, so not a dependency). */
interface YamlPackage {
  parseAllDocuments(text: string, options: { merge: boolean }): { errors: { message: string }[]; toJS(): unknown }[];
}

async function chooseParser(): Promise<{ name: string; parse: Parse }> {
  try {
    const specifier = "yaml";
    const yaml = (await import(specifier)) as YamlPackage;
    return {
      name: "the yaml package",
      parse: (text, file) =>
        // merge: docker-compose.yml uses `<<:` merge keys (YAML 1.1), which 1.2 leaves as keys.
        yaml.parseAllDocuments(text, { merge: true }).flatMap((d) => {
          for (const e of d.errors) fail(`${file}: ${e.message}`);
          const value = d.toJS();
          return value == null ? [] : [value as Doc];
        }),
    };
  } catch {
    // not installed: fall through to Bun's parser
  }
  if (typeof Bun.YAML?.parse !== "function") {
    console.error("No YAML parser: install the `yaml` package or use a Bun with Bun.YAML.");
    process.exit(2);
  }
  return {
    name: "Bun.YAML",
    // Split the stream ourselves: Bun.YAML returns an array for several documents and the
    // value itself for one, which is ambiguous for a document that is a list.
    parse: (text, file) =>
      text.split(/^---[ \t]*$/m).flatMap((chunk, i) => {
        try {
          const value = Bun.YAML.parse(chunk);
          return value == null ? [] : [value as Doc];
        } catch (err) {
          fail(`${file} (document ${i + 1}): ${(err as Error).message}`);
          return [];
        }
      }),
  };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

async function kubectl(args: string[]): Promise<string | undefined> {
  const proc = Bun.spawn(["kubectl", ...args], { stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  if (code === 0) return out;
  fail(`kubectl ${args.join(" ")}: ${err.trim().split("\n").pop()}`);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const nameOf = (d: Doc) => `${d.kind}/${d.metadata?.name}`;
const podSpec = (d: Doc): Doc | undefined => d.spec?.template?.spec;
const containersOf = (d: Doc): Doc[] => [...(podSpec(d)?.initContainers ?? []), ...(podSpec(d)?.containers ?? [])];
const matches = (selector: Doc | undefined, labels: Doc | undefined) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

/** CPU in millicores or memory in bytes, from a Kubernetes quantity. */
function quantity(q: unknown): number {
  const m = /^([0-9.]+)(m|Ki|Mi|Gi|Ti|k|M|G)?$/.exec(String(q));
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  const unit = { m: 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9 };
  return m[2] ? n * unit[m[2] as keyof typeof unit] : n;
}
const millicores = (q: unknown) => (String(q).endsWith("m") ? quantity(q) : quantity(q) * 1000);

function envNames(c: Doc, configMaps: Map<string, Doc>): Set<string> {
  const names = new Set<string>((c.env ?? []).map((e: Doc) => e.name));
  for (const from of c.envFrom ?? []) {
    const cm = from.configMapRef && configMaps.get(from.configMapRef.name);
    for (const k of Object.keys(cm?.data ?? {})) names.add(k);
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Checks

function checkWorkloads(docs: Doc[], configMaps: Map<string, Doc>) {
  const env = configMaps.get("mercato-env")?.data ?? {};
  const shutdownMs = Number(env.SHUTDOWN_TIMEOUT_MS ?? 10_000);
  const workloads = docs.filter((d) => d.kind === "Deployment" || d.kind === "StatefulSet");
  for (const w of workloads) {
    const id = nameOf(w);
    const spec = podSpec(w);
    if (!spec) {
      fail(`${id}: no pod template`);
      continue;
    }
    if (!matches(w.spec.selector?.matchLabels, w.spec.template.metadata?.labels))
      fail(`${id}: selector does not match the pod template's labels`);
    const podNonRoot = spec.securityContext?.runAsNonRoot === true;
    for (const c of containersOf(w)) {
      const cid = `${id} container ${c.name}`;
      for (const probe of ["livenessProbe", "readinessProbe"]) if (!c[probe]) fail(`${cid}: no ${probe}`);
      const { requests = {}, limits = {} } = c.resources ?? {};
      for (const r of ["cpu", "memory"]) {
        if (requests[r] == null) fail(`${cid}: no ${r} request`);
        if (limits[r] == null) fail(`${cid}: no ${r} limit`);
      }
      if (millicores(requests.cpu) > millicores(limits.cpu)) fail(`${cid}: cpu request above its limit`);
      if (quantity(requests.memory) > quantity(limits.memory)) fail(`${cid}: memory request above its limit`);
      if (!podNonRoot && c.securityContext?.runAsNonRoot !== true) fail(`${cid}: runAsNonRoot is not set`);
      if (c.securityContext?.allowPrivilegeEscalation !== false) fail(`${cid}: allowPrivilegeEscalation is not false`);
      if (c.securityContext?.readOnlyRootFilesystem !== true) fail(`${cid}: root filesystem is writable`);
      const ports = new Set((c.ports ?? []).flatMap((p: Doc) => [p.name, p.containerPort]));
      for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        const port = c[probe]?.httpGet?.port ?? c[probe]?.tcpSocket?.port;
        if (port != null && !ports.has(port)) fail(`${cid}: ${probe} uses port ${port}, which it does not expose`);
      }
      const volumes = new Set((spec.volumes ?? []).map((v: Doc) => v.name));
      for (const t of w.spec.volumeClaimTemplates ?? []) volumes.add(t.metadata.name);
      for (const m of c.volumeMounts ?? []) if (!volumes.has(m.name)) fail(`${cid}: mounts unknown volume ${m.name}`);
    }
    if (w.kind === "Deployment") {
      const graceMs = (spec.terminationGracePeriodSeconds ?? 30) * 1000;
      if (graceMs <= shutdownMs) fail(`${id}: terminationGracePeriodSeconds is not above SHUTDOWN_TIMEOUT_MS`);
      if ((w.spec.replicas ?? 1) < 2) fail(`${id}: fewer than 2 replicas`);
    }
  }
  return `${workloads.length} Deployments/StatefulSets: liveness + readiness probes on declared ports, cpu/memory requests ≤ limits, non-root, no privilege escalation, read-only root, mounts resolve; Deployments: ≥ 2 replicas, grace period > SHUTDOWN_TIMEOUT_MS (${shutdownMs} ms)`;
}

function checkServicesAndBudgets(docs: Doc[]) {
  const workloads = docs.filter((d) => d.kind === "Deployment" || d.kind === "StatefulSet");
  const services = docs.filter((d) => d.kind === "Service");
  for (const s of services) {
    const targets = workloads.filter((w) => matches(s.spec.selector, w.spec.template.metadata?.labels));
    if (targets.length === 0) {
      fail(`${nameOf(s)}: its selector matches no workload`);
      continue;
    }
    const ports = new Set(targets.flatMap(containersOf).flatMap((c) => (c.ports ?? []).map((p: Doc) => p.name)));
    for (const p of s.spec.ports ?? [])
      if (typeof p.targetPort === "string" && !ports.has(p.targetPort))
        fail(`${nameOf(s)}: targetPort ${p.targetPort} is not a container port of its pods`);
  }
  for (const w of workloads) {
    if (!services.some((s) => matches(s.spec.selector, w.spec.template.metadata?.labels)))
      fail(`${nameOf(w)}: no Service selects it`);
    if (w.kind === "StatefulSet") {
      const governing = services.find((s) => s.metadata.name === w.spec.serviceName);
      if (governing?.spec.clusterIP !== "None") fail(`${nameOf(w)}: serviceName is not a headless Service`);
      if (!w.spec.volumeClaimTemplates?.length) fail(`${nameOf(w)}: no volumeClaimTemplates (no persistent volume)`);
    }
  }
  const pdbs = docs.filter((d) => d.kind === "PodDisruptionBudget");
  for (const d of workloads.filter((w) => w.kind === "Deployment"))
    if (!pdbs.some((p) => matches(p.spec.selector?.matchLabels, d.spec.template.metadata?.labels)))
      fail(`${nameOf(d)}: no PodDisruptionBudget`);
  for (const p of pdbs)
    if (!workloads.some((w) => matches(p.spec.selector?.matchLabels, w.spec.template.metadata?.labels)))
      fail(`${nameOf(p)}: selects no workload`);
  const hpas = docs.filter((d) => d.kind === "HorizontalPodAutoscaler");
  for (const h of hpas) {
    const ref = h.spec.scaleTargetRef;
    if (!workloads.some((w) => w.kind === ref?.kind && w.metadata.name === ref?.name))
      fail(`${nameOf(h)}: scales ${ref?.kind}/${ref?.name}, which does not exist`);
    if ((h.spec.minReplicas ?? 1) < 2) fail(`${nameOf(h)}: minReplicas below 2`);
    if (!h.spec.metrics?.some((m: Doc) => m.resource?.name === "cpu")) fail(`${nameOf(h)}: not CPU based`);
  }
  for (const name of AUTOSCALED)
    if (!hpas.some((h) => h.spec.scaleTargetRef?.name === name)) fail(`Deployment/${name}: no HorizontalPodAutoscaler`);
  return `${services.length} Services select pods and name their ports; StatefulSets have a headless governing Service and PVCs; every Deployment has a PDB; ${hpas.length} CPU HPAs (${AUTOSCALED.join(", ")}) point at real Deployments`;
}

function checkReferences(docs: Doc[], configMaps: Map<string, Doc>, secrets: Map<string, Doc>) {
  let refs = 0;
  const secretHas = (name: string, key?: string) => {
    const s = secrets.get(name);
    return !!s && (key === undefined || key in (s.stringData ?? {}) || key in (s.data ?? {}));
  };
  for (const w of docs.filter((d) => podSpec(d))) {
    for (const c of containersOf(w)) {
      for (const from of c.envFrom ?? []) {
        refs++;
        if (from.configMapRef && !configMaps.has(from.configMapRef.name))
          fail(`${nameOf(w)}: envFrom ConfigMap ${from.configMapRef.name} is missing`);
        if (from.secretRef && !secretHas(from.secretRef.name))
          fail(`${nameOf(w)}: envFrom Secret ${from.secretRef.name} is missing`);
      }
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
        if (!ref) continue;
        refs++;
        const ok = e.valueFrom.secretKeyRef
          ? secretHas(ref.name, ref.key)
          : ref.key in (configMaps.get(ref.name)?.data ?? {});
        if (!ok) fail(`${nameOf(w)}: ${e.name} refers to ${ref.name}/${ref.key}, which is not in the manifests`);
      }
    }
    for (const v of podSpec(w)?.volumes ?? []) {
      if (v.configMap) refs++;
      if (v.secret) refs++;
      if (v.configMap && !configMaps.has(v.configMap.name))
        fail(`${nameOf(w)}: volume ConfigMap ${v.configMap.name} is missing`);
      if (v.secret && !secretHas(v.secret.secretName))
        fail(`${nameOf(w)}: volume Secret ${v.secret.secretName} is missing`);
    }
  }
  const services = new Map(docs.filter((d) => d.kind === "Service").map((s) => [s.metadata.name, s]));
  for (const ing of docs.filter((d) => d.kind === "Ingress")) {
    for (const rule of ing.spec.rules ?? [])
      for (const path of rule.http?.paths ?? []) {
        refs++;
        const b = path.backend.service;
        const svc = services.get(b.name);
        if (!svc?.spec.ports?.some((p: Doc) => p.name === b.port.name || p.port === b.port.number))
          fail(
            `${nameOf(ing)}: ${rule.host}${path.path} goes to ${b.name}:${b.port.name ?? b.port.number}, which does not exist`,
          );
      }
  }
  return `${refs} references (ConfigMaps, Secret keys, volumes, Ingress backends) resolve`;
}

function checkSecretTemplate(templates: Doc[]) {
  let values = 0;
  for (const s of templates) {
    if (s.kind !== "Secret") fail(`${SECRET_TEMPLATE}: ${nameOf(s)} is not a Secret`);
    if (s.data) fail(`${SECRET_TEMPLATE}: ${nameOf(s)} uses data:, use stringData: with placeholders`);
    for (const [k, v] of Object.entries(s.stringData ?? {})) {
      values++;
      if (!PLACEHOLDERS.has(String(v))) fail(`${SECRET_TEMPLATE}: ${s.metadata.name}.${k} is not a placeholder`);
    }
  }
  return `${SECRET_TEMPLATE}: ${values} values, every one a placeholder ("" or REPLACE-ME)`;
}

function checkNats(docs: Doc[], configMaps: Map<string, Doc>) {
  const sts = docs.find((d) => d.kind === "StatefulSet" && d.metadata.name === "nats");
  const conf: string | undefined = configMaps.get("nats-config")?.data?.["nats.conf"];
  if (!sts || !conf) {
    fail("NATS: StatefulSet nats or ConfigMap nats-config is missing");
    return;
  }
  const replicas = sts.spec.replicas ?? 1;
  if (replicas !== 3) fail(`NATS: ${replicas} nodes, want 3`);
  const routes = [...conf.matchAll(/nats:\/\/([a-z0-9-]+)\.([a-z0-9-]+):6222/g)];
  const want = Array.from({ length: replicas }, (_, i) => `nats-${i}.${sts.spec.serviceName}`);
  const have = routes.map((r) => `${r[1]}.${r[2]}`);
  if (want.join() !== have.join()) fail(`NATS: routes ${have.join(", ")} ≠ pods ${want.join(", ")}`);
  if (!/jetstream\s*\{/.test(conf)) fail("NATS: JetStream is not enabled");
  return `NATS: ${replicas}-node JetStream cluster, one route per pod via the headless Service`;
}

/**
 * The bus is not an open door: NATS runs with the users generated from the registry (one per
 * service and the gateway, passwords from NATS_PASSWORD_<NAME>), each process connects as its own
 * user, and compose does not publish NATS on the host.
 */
async function checkNatsAuth(docs: Doc[], configMaps: Map<string, Doc>, parse: Parse) {
  const template = natsAuthorizationTemplate();
  const regenerate = "regenerate with `bun packages/events/src/nats-config.ts`";
  const composeAuth = await Bun.file(join(DEPLOY, "nats", "auth.conf"))
    .text()
    .catch(() => "");
  if (composeAuth !== template) fail(`deploy/nats/auth.conf is not the registry's NATS users: ${regenerate}`);
  const data = configMaps.get("nats-config")?.data ?? {};
  if (String(data["auth.conf"] ?? "").trim() !== template.trim())
    fail(`ConfigMap nats-config: auth.conf is not the registry's NATS users: ${regenerate}`);
  if (!/^\s*include \.\/auth\.conf/m.test(String(data["nats.conf"] ?? "")))
    fail("ConfigMap nats-config: nats.conf does not include ./auth.conf");
  const sts = docs.find((d) => d.kind === "StatefulSet" && d.metadata.name === "nats");
  const stsEnv = new Map<string, Doc>(((sts && containersOf(sts)[0]?.env) ?? []).map((e: Doc) => [e.name, e]));
  for (const user of NATS_USERS) {
    const variable = natsPasswordEnv(user);
    if (stsEnv.get(variable)?.valueFrom?.secretKeyRef?.key !== variable)
      fail(`StatefulSet/nats: ${variable} does not come from the Secret key ${variable}`);
    const d = docs.find((x) => x.kind === "Deployment" && x.metadata.name === user);
    const env: Doc[] = (d && containersOf(d)[0]?.env) ?? [];
    const url = env.find((e) => e.name === "NATS_URL")?.value;
    const password = env.find((e) => e.name === "NATS_PASSWORD")?.valueFrom?.secretKeyRef?.key;
    if (url !== `nats://${user}:$(NATS_PASSWORD)@nats:4222` || password !== variable)
      fail(`Deployment/${user}: NATS_URL is not nats://${user}:$(NATS_PASSWORD)@nats:4222 with ${variable}`);
  }
  const compose = parse(await Bun.file(join(ROOT, "docker-compose.yml")).text(), "docker-compose.yml")[0] ?? {};
  const nats = compose.services?.nats ?? {};
  if (nats.ports?.length) fail("docker-compose.yml: NATS is published on the host");
  if (!String(nats.command ?? "").includes("/etc/nats/nats.conf"))
    fail("docker-compose.yml: NATS does not run with deploy/nats");
  for (const user of NATS_USERS) {
    const variable = natsPasswordEnv(user);
    if (!String(nats.environment?.[variable] ?? "").includes(`\${${variable}:?`))
      fail(`docker-compose.yml: nats does not require ${variable}`);
    const url = String(compose.services?.[user]?.environment?.NATS_URL ?? "");
    if (url !== `nats://${user}:\${${variable}}@nats:4222`)
      fail(`docker-compose.yml: ${user} does not connect as NATS user ${user}`);
  }
  return `NATS: ${NATS_USERS.length} users generated from the registry (compose and k8s), each process connects as its own user, NATS not published by compose`;
}

/** The Secret holding one service's private key (deploy/k8s/secrets.template.yaml). */
const serviceKeySecret = (name: string) => `mercato-service-key-${name}`;

/**
 * One credential per service: each Deployment of a registry service takes SERVICE_SIGNING_KEY
 * from its own Secret (mercato-service-key-<name>, holding that key only) and SERVICE_PUBLIC_KEYS
 * from mercato-secrets; no workload refers to another service's key Secret (the gateway and the
 * storefront to none); in docker-compose.yml each service's SERVICE_SIGNING_KEY is its own
 * required SERVICE_SIGNING_KEY_<NAME>, and the shared block carries none.
 */
async function checkServiceKeys(docs: Doc[], templates: Doc[], parse: Parse) {
  const keySecrets = new Set(SERVICE_NAMES.map(serviceKeySecret));
  for (const name of SERVICE_NAMES) {
    const secret = templates.find((t) => t.kind === "Secret" && t.metadata?.name === serviceKeySecret(name));
    const keys = Object.keys(secret?.stringData ?? {});
    if (keys.join() !== "SERVICE_SIGNING_KEY")
      fail(`${SECRET_TEMPLATE}: Secret ${serviceKeySecret(name)} does not hold exactly SERVICE_SIGNING_KEY`);
  }
  for (const w of docs.filter((d) => podSpec(d))) {
    const owner = w.metadata.name as string;
    for (const c of containersOf(w)) {
      const refs: string[] = [
        ...(c.env ?? []).map((e: Doc) => e.valueFrom?.secretKeyRef?.name),
        ...(c.envFrom ?? []).map((f: Doc) => f.secretRef?.name),
      ].filter((n): n is string => typeof n === "string");
      for (const v of podSpec(w)?.volumes ?? []) if (v.secret) refs.push(v.secret.secretName);
      for (const ref of refs)
        if (keySecrets.has(ref) && ref !== serviceKeySecret(owner))
          fail(`${nameOf(w)}: refers to ${ref}, another service's private key`);
    }
    if (!SERVICE_NAMES.includes(owner as never) || w.kind !== "Deployment") continue;
    const env = new Map<string, Doc>((containersOf(w)[0]?.env ?? []).map((e: Doc) => [e.name, e]));
    const signing = env.get("SERVICE_SIGNING_KEY")?.valueFrom?.secretKeyRef;
    if (signing?.name !== serviceKeySecret(owner) || signing?.key !== "SERVICE_SIGNING_KEY")
      fail(`${nameOf(w)}: SERVICE_SIGNING_KEY does not come from its own Secret ${serviceKeySecret(owner)}`);
    const publicKeys = env.get("SERVICE_PUBLIC_KEYS")?.valueFrom?.secretKeyRef;
    if (publicKeys?.name !== "mercato-secrets" || publicKeys?.key !== "SERVICE_PUBLIC_KEYS")
      fail(`${nameOf(w)}: SERVICE_PUBLIC_KEYS does not come from mercato-secrets`);
    if (env.has("SERVICE_SECRET")) fail(`${nameOf(w)}: still sets the shared SERVICE_SECRET`);
  }
  const compose = parse(await Bun.file(join(ROOT, "docker-compose.yml")).text(), "docker-compose.yml")[0] ?? {};
  for (const [name, svc] of Object.entries<Doc>(compose.services ?? {})) {
    const env = svc.environment ?? {};
    const value = String(env.SERVICE_SIGNING_KEY ?? "");
    const own = `SERVICE_SIGNING_KEY_${name.toUpperCase()}`;
    if (SERVICE_NAMES.includes(name as never)) {
      if (!value.startsWith(`\${${own}:?`))
        fail(`docker-compose.yml: ${name}'s SERVICE_SIGNING_KEY is not its own required ${own}`);
      if (!String(env.SERVICE_PUBLIC_KEYS ?? "").includes("${SERVICE_PUBLIC_KEYS:?"))
        fail(`docker-compose.yml: ${name} does not require SERVICE_PUBLIC_KEYS`);
    } else if (value) fail(`docker-compose.yml: ${name} is given a SERVICE_SIGNING_KEY`);
    for (const [k, v] of Object.entries(env))
      for (const other of SERVICE_NAMES)
        if (other !== name && String(v).includes(`SERVICE_SIGNING_KEY_${other.toUpperCase()}`))
          fail(`docker-compose.yml: ${name}.${k} reads ${other}'s private key`);
    if ("SERVICE_SECRET" in env) fail(`docker-compose.yml: ${name} still gets the shared SERVICE_SECRET`);
  }
  return `service identity: each of the ${SERVICE_NAMES.length} services gets only its own private key (its own Secret in k8s, its own variable in compose), every caller's public key from SERVICE_PUBLIC_KEYS; no shared SERVICE_SECRET`;
}

/** Redis asks for the password from mercato-secrets, and its probes give it (REDISCLI_AUTH). */
function checkRedisAuth(docs: Doc[]) {
  const sts = docs.find((d) => d.kind === "StatefulSet" && d.metadata.name === "redis");
  const c = (sts && containersOf(sts)[0]) ?? {};
  const args: string[] = (c.args ?? c.command ?? []).map(String);
  const env = new Map<string, Doc>((c.env ?? []).map((e: Doc) => [e.name, e]));
  const fromSecret = (name: string) =>
    env.get(name)?.valueFrom?.secretKeyRef?.name === "mercato-secrets" &&
    env.get(name)?.valueFrom?.secretKeyRef?.key === "REDIS_PASSWORD";
  if (args[args.indexOf("--requirepass") + 1] !== "$(REDIS_PASSWORD)" || !args.includes("--requirepass"))
    fail("StatefulSet/redis: does not run with --requirepass $(REDIS_PASSWORD)");
  if (!fromSecret("REDIS_PASSWORD")) fail("StatefulSet/redis: REDIS_PASSWORD does not come from mercato-secrets");
  if (!fromSecret("REDISCLI_AUTH")) fail("StatefulSet/redis: REDISCLI_AUTH (the probes' password) is not set");
  return "Redis: --requirepass from mercato-secrets (REDIS_PASSWORD), probes authenticate";
}

/** Whether a label selector (matchLabels and matchExpressions) selects these labels. */
function selects(selector: Doc | undefined, labels: Doc = {}): boolean {
  if (!selector) return false;
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpression = (selector.matchExpressions ?? []).every((e: Doc) => {
    const has = e.key in labels;
    if (e.operator === "In") return has && e.values.includes(labels[e.key]);
    if (e.operator === "NotIn") return !has || !e.values.includes(labels[e.key]);
    if (e.operator === "Exists") return has;
    return !has; // DoesNotExist
  });
  return byLabel && byExpression;
}

/**
 * The NetworkPolicies: ingress is denied by default; every policy selects pods that exist, on
 * ports they name, from pods that exist; every workload is admitted by some policy (or nothing
 * could reach it); NATS, Redis and the services admit pods of the platform only, and each sqld
 * only its own service.
 */
function checkNetworkPolicies(docs: Doc[]) {
  const policies = docs.filter((d) => d.kind === "NetworkPolicy");
  const pods = docs
    .filter((d) => d.kind === "Deployment" || d.kind === "StatefulSet")
    .map((w) => ({ name: w.metadata.name as string, labels: w.spec.template.metadata?.labels ?? {}, w }));
  const platform = new Set([...SERVICE_NAMES, "gateway"]);
  if (
    !policies.some(
      (p) =>
        Object.keys(p.spec?.podSelector ?? { x: 1 }).length === 0 &&
        p.spec.policyTypes?.includes("Ingress") &&
        !p.spec.ingress?.length,
    )
  )
    fail("NetworkPolicy: no default-deny of ingress (podSelector {}, policyTypes [Ingress], no rules)");
  const admitted = new Set<string>();
  for (const p of policies) {
    const id = nameOf(p);
    const targets = Object.keys(p.spec.podSelector ?? {}).length
      ? pods.filter((x) => selects(p.spec.podSelector, x.labels))
      : pods;
    if (targets.length === 0) fail(`${id}: its podSelector selects no pod`);
    const ports = new Set(
      targets.flatMap((t) => containersOf(t.w)).flatMap((c) => (c.ports ?? []).map((q: Doc) => q.name)),
    );
    for (const rule of p.spec.ingress ?? []) {
      for (const t of targets) admitted.add(t.name);
      for (const q of rule.ports ?? [])
        if (typeof q.port === "string" && !ports.has(q.port)) fail(`${id}: port ${q.port} is not a port of its pods`);
      const sources: string[] = [];
      for (const peer of rule.from ?? []) {
        if (peer.ipBlock || peer.namespaceSelector) {
          sources.push("(outside the namespace)");
          continue;
        }
        const from = pods.filter((x) => selects(peer.podSelector, x.labels)).map((x) => x.name);
        if (from.length === 0) fail(`${id}: a podSelector in from selects no pod`);
        sources.push(...from);
      }
      if (!rule.from?.length) sources.push("(anywhere)");
      for (const t of targets) {
        const allowed =
          t.name === "nats" && rule.ports?.every((q: Doc) => q.port === "cluster")
            ? new Set(["nats"])
            : t.name === "nats" || t.name === "redis" || SERVICE_NAMES.includes(t.name as never)
              ? platform
              : t.name.startsWith("sqld-")
                ? new Set([t.name.slice("sqld-".length)])
                : undefined;
        for (const src of sources)
          if (allowed && !allowed.has(src))
            fail(`${id}: admits ${src} to ${t.name}, which only ${[...allowed].join(", ")} may reach`);
      }
    }
  }
  for (const x of pods)
    if (!admitted.has(x.name)) fail(`${x.w.kind}/${x.name}: no NetworkPolicy admits anything to it`);
  return `${policies.length} NetworkPolicies: default-deny ingress; every pod admitted somewhere, on its own ports; NATS, Redis and the services only from the platform, each sqld only from its service`;
}

/**
 * Every in-cluster address a workload is given (`http://<Service>:<port>` in its env or its
 * ConfigMaps: service URLs, each sqld, web's GATEWAY_INTERNAL_URL) names a Service with that port,
 * whose pods have its target port, and some NetworkPolicy admits the caller's pods to that port
 * (else the call is refused at run time, which no schema notices).
 */
function checkInClusterCalls(docs: Doc[], configMaps: Map<string, Doc>) {
  const services = new Map(docs.filter((d) => d.kind === "Service").map((s) => [s.metadata.name as string, s]));
  const policies = docs.filter((d) => d.kind === "NetworkPolicy");
  const workloads = docs.filter((d) => d.kind === "Deployment" || d.kind === "StatefulSet");
  const podsOf = (selector: Doc) =>
    workloads.filter((w) => selects({ matchLabels: selector }, w.spec.template.metadata?.labels));
  let calls = 0;
  for (const w of workloads) {
    const labels = w.spec.template.metadata?.labels ?? {};
    for (const c of containersOf(w)) {
      const values: [string, unknown][] = (c.env ?? []).map((e: Doc) => [e.name, e.value]);
      for (const from of c.envFrom ?? []) {
        const cm = from.configMapRef && configMaps.get(from.configMapRef.name);
        values.push(...Object.entries(cm?.data ?? {}));
      }
      for (const [key, value] of values) {
        const [, host = "", portText] = /^https?:\/\/([a-z0-9-]+):(\d+)/.exec(String(value ?? "")) ?? [];
        if (!host) continue;
        const where = `${nameOf(w)} ${key}`;
        const svc = services.get(host);
        if (!svc) {
          fail(`${where}: ${host} is no Service`);
          continue;
        }
        calls++;
        const port = (svc.spec.ports ?? []).find((p: Doc) => p.port === Number(portText));
        if (!port) {
          fail(`${where}: Service ${host} has no port ${portText}`);
          continue;
        }
        const target = port.targetPort ?? port.port;
        const targets = podsOf(svc.spec.selector ?? {});
        const podPort = (t: Doc) =>
          containersOf(t)
            .flatMap((x) => x.ports ?? [])
            .find((q: Doc) => q.name === target || q.containerPort === target);
        if (!targets.some(podPort)) {
          fail(`${where}: Service ${host}'s port ${portText} leads to no container port (${target})`);
          continue;
        }
        const admitted = targets.every((t) => {
          const tp = podPort(t);
          return policies.some(
            (p) =>
              selects(p.spec.podSelector, t.spec.template.metadata?.labels) &&
              (p.spec.ingress ?? []).some(
                (rule: Doc) =>
                  (rule.from ?? []).some((peer: Doc) => peer.podSelector && selects(peer.podSelector, labels)) &&
                  (!rule.ports?.length ||
                    rule.ports.some((q: Doc) => q.port === tp?.name || q.port === tp?.containerPort)),
              ),
          );
        });
        if (!admitted) fail(`${where}: no NetworkPolicy admits ${nameOf(w)} to ${host}:${portText}`);
      }
    }
  }
  return `${calls} in-cluster addresses in env name a Service port that reaches a container port, and a NetworkPolicy admits the caller`;
}

async function checkComposeParity(docs: Doc[], configMaps: Map<string, Doc>, parse: Parse) {
  const compose = parse(await Bun.file(join(ROOT, "docker-compose.yml")).text(), "docker-compose.yml")[0] ?? {};
  const deployments = new Map(docs.filter((d) => d.kind === "Deployment").map((d) => [d.metadata.name, d]));
  const statefulSets = new Set(docs.filter((d) => d.kind === "StatefulSet").map((d) => d.metadata.name));
  const names = Object.keys(compose?.services ?? {}).filter((n) => n !== "nats" && n !== "redis");
  for (const name of names) {
    const d = deployments.get(name);
    if (!d) {
      fail(`docker-compose service ${name} has no Deployment`);
      continue;
    }
    const c = podSpec(d)?.containers?.[0] ?? {};
    const have = envNames(c, configMaps);
    const want = Object.keys(compose.services[name].environment ?? {});
    for (const key of want)
      if (!have.has(key) && !NOT_FROM_COMPOSE[name]?.includes(key))
        fail(`Deployment/${name}: docker-compose.yml sets ${key}, the Deployment does not`);
    const port = Number(
      compose.services[name].environment?.PORT ?? String(compose.services[name].ports?.[0]).split(":")[1],
    );
    if (!c.ports?.some((p: Doc) => p.containerPort === port)) fail(`Deployment/${name}: does not expose port ${port}`);
    const dbUrl = (c.env ?? []).find((e: Doc) => e.name === "DATABASE_URL")?.value as string | undefined;
    if (want.includes("DATABASE_URL")) {
      const host = dbUrl && /^(?:libsql|https?|wss?):\/\/([a-z0-9-]+)/.exec(dbUrl)?.[1];
      if (!host || !statefulSets.has(host))
        fail(`Deployment/${name}: DATABASE_URL ${dbUrl} is not one of the sqld servers`);
    }
  }
  return `docker-compose.yml parity: ${names.length} services each have a Deployment on the same port with every variable compose gives them; each DATABASE_URL points at its own sqld`;
}

// ---------------------------------------------------------------------------------------------

const { name: parserName, parse } = await chooseParser();

// 1. Every YAML file under deploy/ parses.
const byFile = new Map<string, Doc[]>();
await check(async () => {
  for (const file of yamlFiles(DEPLOY)) byFile.set(file, parse(await Bun.file(file).text(), relative(ROOT, file)));
  const docCount = [...byFile.values()].reduce((n, d) => n + d.length, 0);
  return `${byFile.size} YAML files (${docCount} documents) parse with ${parserName}`;
});

// 2. The kustomization lists every manifest (but the secret template) and nothing missing.
const listed = new Set<string>();
await check(() => {
  const kustomization = byFile.get(join(K8S, "kustomization.yaml"))?.[0] ?? {};
  if (kustomization.namespace !== NAMESPACE) fail(`kustomization.yaml: namespace is not ${NAMESPACE}`);
  for (const r of kustomization.resources ?? []) listed.add(join(K8S, r));
  for (const f of listed)
    if (!byFile.has(f)) fail(`kustomization.yaml lists ${relative(K8S, f)}, which does not exist`);
  for (const f of yamlFiles(K8S)) {
    const base = relative(K8S, f);
    if (!listed.has(f) && base !== "kustomization.yaml" && base !== SECRET_TEMPLATE)
      fail(`${base} is not listed in kustomization.yaml`);
  }
  return `kustomization.yaml: namespace ${NAMESPACE}, lists all ${listed.size} manifests`;
});

// 3. What would be applied: rendered by kubectl when present, else the listed files as written.
let docs: Doc[] = [...listed].flatMap((f) => byFile.get(f) ?? []);
let templates = byFile.get(join(K8S, SECRET_TEMPLATE)) ?? [];
await check(async () => {
  if (!Bun.which("kubectl")) return "kubectl not found: the files are checked as written (no kustomize rendering)";
  const rendered = await kubectl(["kustomize", K8S]);
  if (rendered !== undefined) {
    docs = parse(rendered, "kubectl kustomize output");
    for (const d of docs)
      if (d.kind !== "Namespace" && d.metadata?.namespace !== NAMESPACE)
        fail(`${nameOf(d)}: rendered outside ${NAMESPACE}`);
    for (const c of docs.flatMap(containersOf))
      if (!/:[^/]+$/.test(c.image)) fail(`image ${c.image} has no tag after kustomize`);
  }
  // The template stays out of the kustomization; render it alone so Go's YAML parser reads it too.
  const dir = mkdtempSync(join(tmpdir(), "mercato-secrets-"));
  try {
    await Bun.write(join(dir, SECRET_TEMPLATE), Bun.file(join(K8S, SECRET_TEMPLATE)));
    await Bun.write(join(dir, "kustomization.yaml"), `resources: [${SECRET_TEMPLATE}]\n`);
    const secretsRendered = await kubectl(["kustomize", dir]);
    if (secretsRendered !== undefined) templates = parse(secretsRendered, SECRET_TEMPLATE);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return `kubectl kustomize renders ${docs.length} objects (and the secret template), all in namespace ${NAMESPACE}, every image tagged`;
});

await check(() => {
  for (const d of docs)
    if (!d.apiVersion || !d.kind || !d.metadata?.name) fail("a document lacks apiVersion, kind or metadata.name");
  return `${docs.length} objects have apiVersion, kind and metadata.name`;
});

const configMaps = new Map(docs.filter((d) => d.kind === "ConfigMap").map((d) => [d.metadata.name, d]));
const secrets = new Map(templates.filter((d) => d.kind === "Secret").map((d) => [d.metadata.name, d]));

// 4. The Kubernetes API schemas, on the files as written (kustomize adds only names and labels).
await check(async () => {
  const files = [...listed, join(K8S, SECRET_TEMPLATE)];
  const manifests = files.flatMap((f) => (byFile.get(f) ?? []).map((doc) => ({ source: relative(ROOT, f), doc })));
  for (const p of await schemaProblems(manifests)) fail(p);
  return `${manifests.length} objects match the Kubernetes API schemas (types, required fields, no unknown fields)`;
});

// 5. The registry: docker-compose.yml and deploy/k8s run exactly its services, on its ports.
await check(async () => {
  const compose = parse(await Bun.file(join(ROOT, "docker-compose.yml")).text(), "docker-compose.yml")[0] ?? {};
  for (const p of composeProblems(compose)) fail(p);
  const serviceFiles = yamlFiles(join(K8S, "services")).map((f) => basename(f).replace(/\.ya?ml$/, ""));
  const kustomization = byFile.get(join(K8S, "kustomization.yaml"))?.[0] ?? {};
  for (const p of clusterProblems({ docs, serviceFiles, kustomization })) fail(p);
  return `registry parity: docker-compose.yml and deploy/k8s run the ${SERVICE_NAMES.length} registry services (and nothing else) on their ports, every service URL as the registry derives it`;
});

await check(() => checkWorkloads(docs, configMaps));
await check(() => checkServicesAndBudgets(docs));
await check(() => checkReferences(docs, configMaps, secrets));
await check(() => checkSecretTemplate(templates));
await check(() => checkNats(docs, configMaps));
await check(() => checkComposeParity(docs, configMaps, parse));
await check(() => checkNatsAuth(docs, configMaps, parse));
await check(() => checkServiceKeys(docs, templates, parse));
await check(() => checkRedisAuth(docs));
await check(() => checkNetworkPolicies(docs));
await check(() => checkInClusterCalls(docs, configMaps));

if (problems.length) {
  console.log(`\n${problems.length} problem(s) in deploy/.`);
  process.exit(1);
}
console.log("\ndeploy/ is consistent.");
