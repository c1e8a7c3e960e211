/**
 * Makes the service identity of a deployment: one Ed25519 key pair per registry service (and the
 * `ops` tools), printed once to stdout — never written into the repository.
 *
 *   bun deploy/service-keys.ts --env   # lines for docker-compose's .env (SERVICE_PUBLIC_KEYS, SERVICE_SIGNING_KEY_<NAME>)
 *   bun deploy/service-keys.ts --k8s   # the Secrets mercato-service-key-<name>, and SERVICE_PUBLIC_KEYS for mercato-secrets
 *
 * Each service gets only its own private key (docker-compose.yml and deploy/k8s give each one its
 * own variable or Secret; `bun deploy/check.ts` verifies it). The `ops` private key is for the
 * audit tools' operator and goes nowhere else.
 */
import { SERVICE_NAMES } from "@mercato/registry";
import { generateServiceKeySet } from "../packages/kit/src/service-keys.ts";

const callers = [...SERVICE_NAMES, "ops"];
const keys = generateServiceKeySet(callers);
const quote = (json: string) => `'${json}'`;

if (process.argv.includes("--k8s")) {
  const docs = SERVICE_NAMES.map(
    (name) =>
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: mercato-service-key-${name}\n  namespace: mercato\ntype: Opaque\nstringData:\n  SERVICE_SIGNING_KEY: ${quote(keys.signingKeys[name] ?? "")}\n`,
  );
  console.log(`# mercato-secrets.stringData.SERVICE_PUBLIC_KEYS: ${quote(keys.publicKeys)}`);
  console.log(`# ops (audit tools) SERVICE_SIGNING_KEY, for the operator only: ${quote(keys.signingKeys.ops ?? "")}`);
  console.log(docs.join("---\n"));
} else if (process.argv.includes("--env")) {
  console.log(`SERVICE_PUBLIC_KEYS=${quote(keys.publicKeys)}`);
  for (const name of SERVICE_NAMES) {
    console.log(`SERVICE_SIGNING_KEY_${name.toUpperCase()}=${quote(keys.signingKeys[name] ?? "")}`);
  }
  console.log(`# ops (audit tools), for the operator only: SERVICE_SIGNING_KEY=${quote(keys.signingKeys.ops ?? "")}`);
} else {
  console.error("usage: bun deploy/service-keys.ts --env | --k8s");
  process.exit(2);
}
