// The deployment checks fail on what they are meant to catch: each case breaks one thing in the
// real manifests and expects a problem naming it.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { GATEWAY, SERVICES } from "@mercato/registry";
import { clusterProblems, composeProblems } from "../registry-parity.ts";
import { type Manifest, schemaProblems } from "../schema.ts";

// biome-ignore lint/suspicious/noExplicitAny: manifests are untyped YAML
type Doc = Record<string, any>;

const ROOT = join(import.meta.dir, "../..");
const K8S = join(ROOT, "deploy/k8s");

async function yamlDocs(path: string): Promise<Doc[]> {
  const text = await Bun.file(path).text();
  return text.split(/^---[ \t]*$/m).flatMap((chunk) => {
    const doc = Bun.YAML.parse(chunk) as Doc | null;
    return doc ? [doc] : [];
  });
}

async function cartManifests(): Promise<Manifest[]> {
  return (await yamlDocs(join(K8S, "services/cart.yaml"))).map((doc) => ({ source: "cart.yaml", doc }));
}

const deploymentOf = (manifests: Manifest[]) => manifests.find((m) => m.doc.kind === "Deployment")!.doc;

describe("Kubernetes schemas", () => {
  test("the real cart manifests pass", async () => {
    expect(await schemaProblems(await cartManifests())).toEqual([]);
  }, 60_000);

  test("a misspelled field, a wrong type, a missing required field and an unknown kind all fail", async () => {
    const manifests = await cartManifests();
    const container = deploymentOf(manifests).spec.template.spec.containers[0];
    container.imagePullPolcy = "Always";
    deploymentOf(manifests).spec.replicas = "two";
    const service = manifests.find((m) => m.doc.kind === "Service" && m.doc.metadata.name === "cart")!.doc;
    service.spec.selectr = service.spec.selector;
    const hpa = manifests.find((m) => m.doc.kind === "HorizontalPodAutoscaler")!.doc;
    delete hpa.spec.scaleTargetRef.name;
    manifests.push({
      source: "extra.yaml",
      doc: { apiVersion: "apps/v1", kind: "Deploymnet", metadata: { name: "x" } },
    });

    const problems = (await schemaProblems(manifests)).join("\n");
    // The type pass: unknown fields (which the JSON Schemas accept) and wrong types.
    expect(problems).toContain(
      "cart.yaml Deployment/cart: Object literal may only specify known properties, and 'imagePullPolcy' does not exist in type 'IContainer'.",
    );
    expect(problems).toContain(
      "cart.yaml Service/cart: Object literal may only specify known properties, and 'selectr'",
    );
    expect(problems).toContain(`(at "replicas": "two")`);
    // The validator pass: types and required fields, by path.
    expect(problems).toContain("cart.yaml Deployment/cart: spec/replicas must be integer");
    expect(problems).toContain(
      "cart.yaml HorizontalPodAutoscaler/cart: spec/scaleTargetRef must have required property name",
    );
    expect(problems).toContain("extra.yaml Deploymnet/x: apps/v1 Deploymnet is not a Kubernetes API kind");
  }, 60_000);
});

describe("registry parity", () => {
  async function cluster() {
    const files = [
      "config.yaml",
      "web.yaml",
      ...[...SERVICES.map((s) => s.name), GATEWAY.name].map((n) => `services/${n}.yaml`),
    ];
    const docs = (await Promise.all(files.map((f) => yamlDocs(join(K8S, f))))).flat();
    const [kustomization] = await yamlDocs(join(K8S, "kustomization.yaml"));
    return { docs, serviceFiles: [...SERVICES.map((s) => s.name), GATEWAY.name], kustomization: kustomization! };
  }

  test("docker-compose.yml and deploy/k8s match the registry", async () => {
    const [compose] = await yamlDocs(join(ROOT, "docker-compose.yml"));
    expect(composeProblems(compose!)).toEqual([]);
    expect(clusterProblems(await cluster())).toEqual([]);
  });

  test("a missing service, a stale one and a wrong port are named in docker-compose.yml", async () => {
    const [compose] = await yamlDocs(join(ROOT, "docker-compose.yml"));
    const services = compose!.services;
    delete services.notifications;
    services.shipping = { ...services.payments, environment: { ...services.payments.environment, PORT: "4010" } };
    services.cart.environment.PORT = "4999";
    services.gateway.environment.ORDERS_URL = "http://orders:4999";
    const problems = composeProblems(compose!).join("\n");
    expect(problems).toContain("docker-compose.yml services: notifications is missing (it is in the registry)");
    expect(problems).toContain("docker-compose.yml services: shipping is not in the registry");
    expect(problems).toContain("docker-compose.yml cart: PORT is 4999, the registry says 4004");
    expect(problems).toContain(
      "docker-compose.yml gateway: ORDERS_URL is http://orders:4999, the registry says http://orders:4005",
    );
  });

  test("a missing service file, a stale URL and a wrong port are named in deploy/k8s", async () => {
    const c = await cluster();
    c.serviceFiles = c.serviceFiles.filter((n) => n !== "payments");
    const config = c.docs.find((d) => d.kind === "ConfigMap" && d.metadata.name === "mercato-env")!;
    config.data.SHIPPING_URL = "http://shipping:4010";
    const inventory = c.docs.find((d) => d.kind === "Service" && d.metadata.name === "inventory")!;
    inventory.spec.ports[0].port = 4999;
    const problems = clusterProblems(c).join("\n");
    expect(problems).toContain("deploy/k8s/services/: payments is missing (it is in the registry)");
    expect(problems).toContain(
      "ConfigMap/mercato-env: SHIPPING_URL points at shipping, which the registry does not have",
    );
    expect(problems).toContain("Service/inventory: does not listen on 4003 (its registry port)");
  });

  test("Redis without its password is named in docker-compose.yml and deploy/k8s", async () => {
    const [compose] = await yamlDocs(join(ROOT, "docker-compose.yml"));
    compose!.services.redis.command = ["redis-server", "--appendonly", "yes"];
    compose!.services.orders.environment.REDIS_URL = "redis://redis:6379";
    const composeText = composeProblems(compose!).join("\n");
    expect(composeText).toContain(`docker-compose.yml redis: does not run with --requirepass \${REDIS_PASSWORD:?...}`);
    expect(composeText).toContain("docker-compose.yml orders: REDIS_URL is redis://redis:6379");

    const c = await cluster();
    const config = c.docs.find((d) => d.kind === "ConfigMap" && d.metadata.name === "mercato-env")!;
    config.data.REDIS_URL = "redis://redis:6379";
    const cart = c.docs.find((d) => d.kind === "Deployment" && d.metadata.name === "cart")!;
    const env = cart.spec.template.spec.containers[0].env as Doc[];
    cart.spec.template.spec.containers[0].env = env.filter((e) => e.name !== "REDIS_URL");
    const problems = clusterProblems(c).join("\n");
    expect(problems).toContain("ConfigMap/mercato-env: holds REDIS_URL");
    expect(problems).toContain(
      "Deployment/cart: REDIS_URL is not redis://:$(REDIS_PASSWORD)@redis:6379 with REDIS_PASSWORD from mercato-secrets",
    );
  });
});
