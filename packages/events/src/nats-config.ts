/**
 * Writes the NATS authorization block every deployment uses, generated from the registry
 * (nats-auth.ts): deploy/nats/auth.conf (docker-compose) and the `auth.conf` key of the
 * Kubernetes ConfigMap nats-config (deploy/k8s/nats.yaml). `bun deploy/check.ts` fails when
 * either is out of date.
 *
 *   bun packages/events/src/nats-config.ts          # rewrite both
 *   bun packages/events/src/nats-config.ts --print  # print the block
 */
import { join } from "node:path";
import { natsAuthorizationTemplate } from "./nats-auth.ts";

const ROOT = join(import.meta.dir, "..", "..", "..");
export const COMPOSE_AUTH_FILE = join(ROOT, "deploy", "nats", "auth.conf");
export const K8S_NATS_FILE = join(ROOT, "deploy", "k8s", "nats.yaml");

/** The ConfigMap's `auth.conf: |` block, indented as in deploy/k8s/nats.yaml. */
export function k8sAuthBlock(template = natsAuthorizationTemplate()): string {
  return template
    .trimEnd()
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}

const BEGIN = "  auth.conf: |\n";
const END = "\n---";

if (import.meta.main) {
  const template = natsAuthorizationTemplate();
  if (process.argv.includes("--print")) {
    process.stdout.write(template);
  } else {
    await Bun.write(COMPOSE_AUTH_FILE, template);
    const yaml = await Bun.file(K8S_NATS_FILE).text();
    const start = yaml.indexOf(BEGIN);
    const end = yaml.indexOf(END, start);
    if (start < 0 || end < 0) throw new Error(`${K8S_NATS_FILE}: no "auth.conf: |" key before the first ---`);
    await Bun.write(K8S_NATS_FILE, `${yaml.slice(0, start + BEGIN.length)}${k8sAuthBlock(template)}${yaml.slice(end)}`);
    console.log(`wrote ${COMPOSE_AUTH_FILE} and the auth.conf key of ${K8S_NATS_FILE}`);
  }
}
