import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** A `file:` URL for a service's database under a data directory, creating the folder. */
export function fileUrlFor(dataDir: string, service: string): string {
  const path = resolve(dataDir, `${service}.db`);
  mkdirSync(dirname(path), { recursive: true });
  return `file:${path}`;
}
