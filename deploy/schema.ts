/**
 * The manifests against the Kubernetes API schemas, offline, with the `kubernetes-models` package
 * (models generated from the Kubernetes OpenAPI spec). Two passes, because neither alone catches
 * everything the API server would refuse:
 *
 * - its run-time validators (JSON Schema): wrong types, missing required fields, bad formats
 *   (`replicas: "two"`, a container without `name`); they accept unknown fields, as the schemas do;
 * - its TypeScript interfaces, through `tsc`: each document becomes a typed object literal, and
 *   TypeScript's excess-property check names every misspelled or misplaced field
 *   (`imagePullPolcy`, `spec.selectr`), which `kubectl apply --validate=strict` would refuse.
 *
 * (`kubectl --dry-run=client` does not help here: it fetches the schemas from a cluster.)
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";

// biome-ignore lint/suspicious/noExplicitAny: manifests are untyped YAML
type Doc = Record<string, any>;

export interface Manifest {
  /** Where the document came from, for messages (a file, "kubectl kustomize output"). */
  source: string;
  doc: Doc;
}

const ROOT = join(import.meta.dir, "..");

/** `kubernetes-models/<group>/<version>/<Kind>`; the core group ("v1") has no group part. */
const modelPath = (d: Doc) => `kubernetes-models/${d.apiVersion}/${d.kind}`;
const label = (m: Manifest) => `${m.source} ${m.doc.kind}/${m.doc.metadata?.name}`;

interface Model {
  validate(): void;
}
type ModelClass = new (data: Doc) => Model;

/** Loads the model class of each document's apiVersion and kind; unknown ones are problems. */
async function modelsOf(manifests: Manifest[], problems: string[]): Promise<(ModelClass | undefined)[]> {
  return Promise.all(
    manifests.map(async (m) => {
      try {
        const module = (await import(modelPath(m.doc))) as Record<string, ModelClass>;
        const model = module[m.doc.kind];
        if (model) return model;
      } catch {
        // no such module: reported below
      }
      problems.push(`${label(m)}: ${m.doc.apiVersion} ${m.doc.kind} is not a Kubernetes API kind`);
      return undefined;
    }),
  );
}

/** The run-time pass: each document through its model's JSON Schema validator. */
function validatorProblems(manifests: Manifest[], models: (ModelClass | undefined)[]): string[] {
  const problems: string[] = [];
  manifests.forEach((m, i) => {
    const Model = models[i];
    if (!Model) return;
    try {
      new Model(m.doc).validate();
    } catch (err) {
      for (const line of String((err as Error).message).split(/,\s*(?=data)/))
        problems.push(`${label(m)}: ${line.replace(/^data\//, "").trim()}`);
    }
  });
  return problems;
}

/**
 * The type pass: one TypeScript file with every document as a typed constant, compiled with tsc.
 * It is written under node_modules/.cache so that `kubernetes-models` resolves from it.
 */
async function typeProblems(manifests: Manifest[], models: (ModelClass | undefined)[]): Promise<string[]> {
  const typed = manifests.filter((_, i) => models[i]);
  if (typed.length === 0) return [];
  const imports = typed.map((m, i) => `import type { I${m.doc.kind} as T${i} } from "${modelPath(m.doc)}";`);
  const bodies = typed.map((m) => JSON.stringify(m.doc, null, 2));
  // The line each document starts on, to name the document an error is in.
  const firstLines: number[] = [];
  let next = imports.length + 1;
  for (const body of bodies) {
    firstLines.push(next);
    next += body.split("\n").length;
  }
  const text = [...imports, ...bodies.map((body, i) => `export const doc${i}: T${i} = ${body};`)].join("\n");
  const lines = text.split("\n");

  const cache = join(ROOT, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, "k8s-types-"));
  try {
    await Bun.write(join(dir, "manifests.ts"), `${text}\n`);
    await Bun.write(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          target: "ES2022",
          module: "ESNext",
          moduleResolution: "bundler",
          types: [],
        },
        files: ["manifests.ts"],
      }),
    );
    const tscBin = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const tsc = Bun.spawn([process.execPath, tscBin, "-p", join(dir, "tsconfig.json"), "--pretty", "false"], {
      cwd: ROOT,
      stdout: "pipe",
      stderr: "pipe",
    });
    const [out, err, code] = await Promise.all([
      new Response(tsc.stdout).text(),
      new Response(tsc.stderr).text(),
      tsc.exited,
    ]);
    const problems: string[] = [];
    for (const entry of `${out}${err}`.split("\n")) {
      const found = /manifests\.ts\((\d+),\d+\): error TS\d+: (.*)$/.exec(entry);
      if (!found) continue;
      const index = firstLines.findLastIndex((first) => first <= Number(found[1]));
      // Property names come quoted twice ('"imagePullPolcy"'): the literal's keys are JSON strings.
      const message = found[2]!.replace(/'"([^"]+)"'/g, "'$1'");
      const at = lines[Number(found[1]) - 1]?.trim().replace(/,$/, "");
      problems.push(`${index >= 0 ? label(typed[index]!) : "manifests"}: ${message} (at ${at})`);
    }
    if (code !== 0 && problems.length === 0) problems.push(`tsc failed: ${`${out}${err}`.trim().slice(0, 500)}`);
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every problem the Kubernetes schemas find in these documents (none: they would be accepted). */
export async function schemaProblems(manifests: Manifest[]): Promise<string[]> {
  const problems: string[] = [];
  const models = await modelsOf(manifests, problems);
  problems.push(...validatorProblems(manifests, models), ...(await typeProblems(manifests, models)));
  return problems;
}
