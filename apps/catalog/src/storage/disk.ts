import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { type MediaStorage, mediaUrl } from "./index.ts";

/**
 * Objects as files under `root`: the key is the relative path, its content type a sidecar file
 * beside it (`<key>.type`), so a `get` answers what `put` was given, as S3 does.
 */
export function diskStorage(root: string): MediaStorage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const path = resolve(join(base, key));
    // Keys are made by the catalog, never taken from a request as they are; still, stay inside root.
    if (!path.startsWith(base + sep)) throw new Error(`storage: key "${key}" leaves the media folder`);
    return path;
  };
  return {
    async put(key, bytes, contentType) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, bytes);
      await writeFile(`${path}.type`, contentType);
    },
    async get(key) {
      const path = pathOf(key);
      try {
        const [bytes, contentType] = await Promise.all([readFile(path), readFile(`${path}.type`, "utf8")]);
        return { bytes: new Uint8Array(bytes), contentType };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw err;
      }
    },
    async delete(keys) {
      await Promise.all(
        keys.flatMap((key) => [rm(pathOf(key), { force: true }), rm(`${pathOf(key)}.type`, { force: true })]),
      );
    },
    url: mediaUrl,
  };
}
