"use client";
import { SHARE_NAME_MAX } from "@mercato/cart/contract";
import { useState } from "react";
import { WishlistItems } from "@/components/shop/wishlist-items.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Empty, ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { useCart } from "@/lib/shop/cart.tsx";
import { errorMessage, fieldErrors } from "@/lib/shop/errors.ts";
import { useWishlist } from "@/lib/shop/wishlist.ts";

/** The share link: made with a first name to show, shown once (only its hash is kept), revocable. */
function ShareLink() {
  const { wishlist, share, unshare } = useWishlist();
  const [name, setName] = useState("");
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(fieldErrors(err).shareName ?? errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  const make = () =>
    run(async () => {
      const token = await share(name);
      setLink(`${window.location.origin}/wishlist/${token}`);
    });
  return (
    <section aria-labelledby="share-heading" className="mt-8 rounded-xl border border-neutral-200 bg-white p-4">
      <h2 id="share-heading" className="text-lg font-semibold">
        Share your wishlist
      </h2>
      <p className="mt-1 text-sm text-neutral-600">
        Anyone with the link sees the items and the first name you choose, nothing else, and cannot change anything.
      </p>
      {link ? (
        <label className="mt-3 block text-sm" htmlFor="share-link">
          <span className="mb-1 block font-medium text-neutral-700">Your link (copy it now: it is shown once)</span>
          <input
            id="share-link"
            readOnly
            value={link}
            onFocus={(e) => e.currentTarget.select()}
            className="w-full rounded-lg border border-neutral-300 bg-neutral-50 px-3 py-2"
            data-testid="share-link"
          />
        </label>
      ) : null}
      {wishlist?.shared ? (
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <p className="text-sm text-neutral-700">A link is live, showing the name “{wishlist.shareName}”.</p>
          <Button
            variant="secondary"
            disabled={busy}
            onClick={() =>
              run(async () => {
                await unshare();
                setLink(null);
              })
            }
          >
            Revoke the link
          </Button>
        </div>
      ) : null}
      <form
        className="mt-3 flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void make();
        }}
      >
        <Field
          label="First name to show"
          name="shareName"
          value={name}
          maxLength={SHARE_NAME_MAX}
          required
          onChange={(e) => setName(e.target.value)}
          className="min-w-48 flex-1"
          {...(error ? { error } : {})}
        />
        <Button type="submit" disabled={busy || name.trim().length === 0}>
          {wishlist?.shared ? "Make a new link" : "Create a share link"}
        </Button>
      </form>
    </section>
  );
}

/** The signed-in shopper's wishlist: move an item to the cart, remove it, share the list. */
export function AccountWishlist() {
  const { wishlist, loading, remove, moveToCart } = useWishlist();
  const { setDrawerOpen } = useCart();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  async function act(sku: string, action: () => Promise<unknown>) {
    setBusy(sku);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }
  if (loading || !wishlist) return <Spinner label="Loading your wishlist" />;
  return (
    <div>
      {error ? <ErrorNote>{error}</ErrorNote> : null}
      {wishlist.items.length === 0 ? (
        <Empty title="Nothing saved yet">Use the heart on a product to save it here.</Empty>
      ) : (
        <WishlistItems
          items={wishlist.items}
          actions={(item) => (
            <>
              <Button
                disabled={busy === item.sku || !item.forSale || item.available <= 0}
                onClick={() =>
                  act(item.sku, async () => {
                    await moveToCart(item.sku);
                    setDrawerOpen(true);
                  })
                }
              >
                Move to cart
              </Button>
              <Button
                variant="secondary"
                disabled={busy === item.sku}
                onClick={() => act(item.sku, () => remove(item.sku))}
              >
                Remove
              </Button>
            </>
          )}
        />
      )}
      <ShareLink />
    </div>
  );
}
