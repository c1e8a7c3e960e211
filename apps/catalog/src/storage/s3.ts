import { DeleteObjectsCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { type MediaStorage, mediaUrl } from "./index.ts";

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** An S3-compatible server's URL (MinIO, R2, a test server); absent: AWS's own. */
  endpoint?: string;
  /** Absent: the SDK's default chain (instance role, AWS_* variables). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `bucket` in the path instead of the host name, which most S3-compatible servers want. */
  forcePathStyle: boolean;
}

/** Objects in an S3-compatible bucket, through the AWS SDK. */
export function s3Storage(opts: S3StorageOptions): MediaStorage {
  const client = new S3Client({
    region: opts.region,
    endpoint: opts.endpoint,
    forcePathStyle: opts.forcePathStyle,
    credentials:
      opts.accessKeyId && opts.secretAccessKey
        ? { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey }
        : undefined,
  });
  const Bucket = opts.bucket;
  return {
    async put(key, bytes, contentType) {
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: bytes, ContentType: contentType }));
    },
    async get(key) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        if (!res.Body) return null;
        return {
          bytes: new Uint8Array(await res.Body.transformToByteArray()),
          contentType: res.ContentType ?? "application/octet-stream",
        };
      } catch (err) {
        if (err instanceof NoSuchKey) return null;
        throw err;
      }
    },
    async delete(keys) {
      // One request removes up to 1000 keys.
      for (let i = 0; i < keys.length; i += 1000) {
        const batch = keys.slice(i, i + 1000);
        await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: batch.map((Key) => ({ Key })) } }));
      }
    },
    url: mediaUrl,
  };
}
