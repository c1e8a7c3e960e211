import Link from "next/link";

/** Shown to a signed-in user who is not an admin, on every /admin page. */
export function Forbidden() {
  return (
    <main className="flex min-h-screen items-center justify-center bg-neutral-50 px-4">
      <div className="max-w-md rounded-2xl border border-neutral-200 bg-white p-8 text-center shadow-sm">
        <p className="text-sm font-semibold text-red-600">403 · Forbidden</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">This area is for admins</h1>
        <p className="mt-3 text-sm text-neutral-600">
          Your account has no admin role. Ask an admin to change your role, or sign in with another account.
        </p>
        <div className="mt-6 flex justify-center gap-3">
          <Link
            href="/"
            className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            Back to the shop
          </Link>
          <Link
            href="/account/sign-in?next=/admin"
            className="rounded-lg border border-neutral-300 px-4 py-2 text-sm font-medium hover:bg-neutral-50"
          >
            Switch account
          </Link>
        </div>
      </div>
    </main>
  );
}
