/**
 * The review photos migration (0013, #27) on a database written before it: reviews whose photos
 * were typed URLs read on, published and with their votes, and now carry no photos (the URLs are
 * dropped, never fetched: see the migration's comment and docs/ARCHITECTURE.md).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type TempDatabase, tempDatabase, tempDir } from "@mercato/testing";
import { sql } from "drizzle-orm";
import { myReview, productReviews } from "../src/app/reviews-read.ts";
import * as schema from "../src/db/schema.ts";
import { MIGRATIONS, migrationsBefore } from "./migrations-before.ts";

const REVIEW_PHOTOS = "0013_review_photos";

let old: { path: string; dispose(): void };
let t: TempDatabase<typeof schema>;

beforeAll(async () => {
  old = tempDir("catalog-review-photos-");
  t = await tempDatabase(schema, migrationsBefore(REVIEW_PHOTOS, old.path));
  const now = Date.now();
  await t.db.client.execute({
    sql: `INSERT INTO reviews (id, product_id, customer_id, author_name, rating, title, body, photos, status,
            helpful_count, created_at, updated_at, published_at)
          VALUES ('r-old', 'p-old', 'c-old', 'Ada', 4, 'Old', 'Written with a typed photo URL.',
            '["https://tracker.example/pixel.gif"]', 'published', 1, ?, ?, ?)`,
    args: [now, now, now],
  });
  await t.db.client.execute({
    sql: "INSERT INTO review_helpful_votes (review_id, voter_id, created_at) VALUES ('r-old', 'c-voter', ?)",
    args: [now],
  });
  await t.db.migrate(MIGRATIONS);
}, 30_000);
afterAll(() => {
  t?.dispose();
  old?.dispose();
});

describe("the review photos migration", () => {
  test("an old review reads on, with its vote and no photos; the typed URL is gone", async () => {
    const page = await productReviews(t.db.orm, { productId: "p-old", sort: "newest", limit: 10 }, "c-voter");
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ id: "r-old", title: "Old", photos: [], helpfulCount: 1, votedHelpful: true });
    expect((await myReview(t.db.orm, "c-old", "p-old"))?.photos).toEqual([]);
    const stored = await t.db.orm.all<Record<string, unknown>>(sql`SELECT * FROM reviews WHERE id = 'r-old'`);
    expect(JSON.stringify(stored)).not.toContain("tracker.example");
  });
});
