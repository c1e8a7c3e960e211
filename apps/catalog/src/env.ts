import { baseEnvSchema, ownPortSchema, serviceUrlsSchema } from "@mercato/kit";
import { z } from "zod";

export const catalogEnvSchema = baseEnvSchema.extend({
  PORT: ownPortSchema("catalog"),
  /** Inventory, where the CSV import sets stock (#24). */
  ...serviceUrlsSchema("inventory"),
  /** Seeds the demo categories and products at start-up when they are not there yet. */
  SEED_DEMO: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /**
   * The share of storefront searches announced as catalog.search.performed.v1 for analytics (#23):
   * 0 announces none, 1 every one. Each announced search is one outbox row.
   */
  /** Publish shoppers' reviews at once instead of holding them for a moderator (#27). */
  REVIEWS_AUTO_PUBLISH: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  SEARCH_EVENT_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0.1),
  /**
   * The edge's D1 replica (#25), written through Cloudflare's D1 HTTP API. Unset account,
   * database or token: no replica is kept. The token is a secret: read from env, never logged.
   */
  EDGE_D1_API_URL: z.string().url().default("https://api.cloudflare.com/client/v4"),
  EDGE_D1_ACCOUNT_ID: z.string().min(1).optional(),
  EDGE_D1_DATABASE_ID: z.string().min(1).optional(),
  EDGE_D1_API_TOKEN: z.string().min(1).optional(),
  /** Where uploaded product images are kept (#27): a local folder, or an S3-compatible bucket. */
  MEDIA_STORAGE: z.enum(["disk", "s3"]).default("disk"),
  /** The folder of the disk driver. */
  MEDIA_DISK_DIR: z.string().min(1).default("./data/media"),
  MEDIA_S3_BUCKET: z.string().min(1).default("mercato-media"),
  MEDIA_S3_REGION: z.string().min(1).default("us-east-1"),
  /** An S3-compatible server's URL (MinIO, R2...); absent: AWS S3 itself. */
  MEDIA_S3_ENDPOINT: z.url().optional(),
  /** Absent: the AWS SDK's default credential chain (instance role, AWS_* variables). */
  MEDIA_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  MEDIA_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  MEDIA_S3_FORCE_PATH_STYLE: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
});

export type CatalogEnv = z.infer<typeof catalogEnvSchema>;
