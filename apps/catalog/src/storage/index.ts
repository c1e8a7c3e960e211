/**
 * Where product image bytes live (#27): one interface, a driver per place. `disk` keeps objects
 * under a folder (development, tests, one-machine deployments); `s3` keeps them in an
 * S3-compatible bucket (production). Which one is the env's `MEDIA_STORAGE`.
 */
import type { CatalogEnv } from "../env.ts";
import { diskStorage } from "./disk.ts";
import { s3Storage } from "./s3.ts";

export interface StoredObject {
  bytes: Uint8Array<ArrayBuffer>;
  contentType: string;
}

export interface MediaStorage {
  /** Writes the object at `key`; writing the same key again replaces it. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The object, or null when there is none at `key`. */
  get(key: string): Promise<StoredObject | null>;
  /** Removes the objects; keys that hold nothing are fine. */
  delete(keys: readonly string[]): Promise<void>;
  /** The public path the object is served at (through the catalog's `/media/` route). */
  url(key: string): string;
}

/** The public path of a stored key: every driver serves through the catalog's `/media/` route. */
export const mediaUrl = (key: string) => `/media/${key}`;

export function storageFromEnv(env: CatalogEnv): MediaStorage {
  if (env.MEDIA_STORAGE === "s3") {
    return s3Storage({
      bucket: env.MEDIA_S3_BUCKET,
      region: env.MEDIA_S3_REGION,
      endpoint: env.MEDIA_S3_ENDPOINT,
      accessKeyId: env.MEDIA_S3_ACCESS_KEY_ID,
      secretAccessKey: env.MEDIA_S3_SECRET_ACCESS_KEY,
      forcePathStyle: env.MEDIA_S3_FORCE_PATH_STYLE,
    });
  }
  return diskStorage(env.MEDIA_DISK_DIR);
}
