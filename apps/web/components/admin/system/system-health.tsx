"use client";

import { useEffect, useState } from "react";
import type { ServiceHealth, SystemSnapshot } from "@/lib/admin/system.ts";

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const age = (ms: number | null) => (ms === null ? "—" : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

function ReplayButton({ service, sequence }: { service: string; sequence: number }) {
  const [state, setState] = useState<"idle" | "busy" | "done" | string>("idle");
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={state === "busy" || state === "done"}
        className="rounded-md bg-brand-600 px-3 py-1 text-xs font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        onClick={async () => {
          setState("busy");
          const res = await fetch("/admin/system/replay", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ service, sequence }),
          }).catch(() => null);
          const body = (await res?.json().catch(() => null)) as { error?: { message?: string } } | null;
          setState(res?.ok ? "done" : (body?.error?.message ?? "replay failed"));
        }}
      >
        Replay
      </button>
      {state !== "idle" && state !== "busy" && state !== "done" ? (
        <span role="alert" className="text-xs text-red-700">
          {state}
        </span>
      ) : null}
    </span>
  );
}

function ServiceCard({ s }: { s: ServiceHealth }) {
  const st = s.status;
  return (
    <section
      aria-labelledby={`svc-${s.service}`}
      data-service={s.service}
      data-state={s.up ? "up" : "down"}
      className="rounded-xl border border-neutral-200 bg-white p-4 shadow-sm"
    >
      <div className="flex items-center justify-between gap-2">
        <h2 id={`svc-${s.service}`} className="text-base font-semibold">
          {s.service}
        </h2>
        <span
          className={`rounded-full px-2 py-0.5 text-xs font-semibold ${s.up ? "bg-green-100 text-green-800" : "bg-red-100 text-red-800"}`}
        >
          {s.up ? "ready" : "down"}
        </span>
      </div>
      {s.error ? <p className="mt-1 text-sm text-red-700">{s.error}</p> : null}
      {st ? (
        <dl className="mt-3 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
          <dt className="text-neutral-600">Version</dt>
          <dd>
            {st.version}
            {st.gitSha ? ` (${st.gitSha.slice(0, 8)})` : ""}
          </dd>
          <dt className="text-neutral-600">Memory (RSS / heap)</dt>
          <dd>
            {mb(st.memory.rssBytes)} / {mb(st.memory.heapUsedBytes)}
          </dd>
          <dt className="text-neutral-600">Event-loop delay p99</dt>
          <dd>{st.eventLoopDelayMs.p99} ms</dd>
          <dt className="text-neutral-600">Outbox pending</dt>
          <dd data-outbox>
            {st.outbox.pending} (oldest {age(st.outbox.oldestAgeMs)})
          </dd>
          {st.consumers.map((c) => (
            <div key={c.durable} className="contents">
              <dt className="text-neutral-600">Lag {c.durable}</dt>
              <dd>
                {c.pending} pending, {c.ackPending} in flight, {c.redelivered} redelivered
              </dd>
            </div>
          ))}
          <dt className="text-neutral-600">Dead letters</dt>
          <dd>{st.deadLetters.total}</dd>
        </dl>
      ) : null}
      {st && st.deadLetters.items.length > 0 ? (
        <ul className="mt-3 space-y-2" aria-label={`${s.service} dead letters`}>
          {st.deadLetters.items.map((d) => (
            <li
              key={d.sequence}
              data-dead-letter={d.sequence}
              data-replayed={d.replayedAt ? "true" : "false"}
              className="rounded-lg border border-neutral-200 p-2 text-xs"
            >
              <p className="font-medium">
                #{d.sequence} {d.eventType}
              </p>
              <p className="text-neutral-700">Reason: {d.reason}</p>
              <p className="text-neutral-600">
                {new Date(d.at).toISOString().replace("T", " ").slice(0, 19)} UTC · event {d.eventId ?? "?"}
              </p>
              {d.replayedAt ? (
                <p className="text-green-800">
                  Replayed {d.replayedAt.replace("T", " ").slice(0, 19)} UTC by {d.replayedBy}
                </p>
              ) : (
                <ReplayButton service={s.service} sequence={d.sequence} />
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The live system health view: one EventSource on /admin/system/stream, a snapshot every ~2 s. */
export function SystemHealth() {
  const [snapshot, setSnapshot] = useState<SystemSnapshot | null>(null);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const source = new EventSource("/admin/system/stream");
    source.addEventListener("snapshot", (e) => {
      setSnapshot(JSON.parse((e as MessageEvent<string>).data) as SystemSnapshot);
      setConnected(true);
    });
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, []);
  return (
    <div data-testid="system-health" data-live={connected ? "true" : "false"} className="space-y-4">
      <p className="text-sm text-neutral-600" aria-live="polite">
        {snapshot ? `Updated ${snapshot.at.replace("T", " ").slice(0, 19)} UTC` : "Connecting…"}
        {connected ? "" : snapshot ? " · reconnecting" : ""}
      </p>
      <section
        aria-labelledby="gateway-breakers"
        className="rounded-xl border border-neutral-200 bg-white p-4 shadow-sm"
      >
        <h2 id="gateway-breakers" className="text-base font-semibold">
          Gateway circuit breakers
        </h2>
        {snapshot?.breakers ? (
          <ul className="mt-2 flex flex-wrap gap-2 text-sm">
            {Object.entries(snapshot.breakers).map(([name, state]) => (
              <li
                key={name}
                data-breaker={name}
                data-breaker-state={state}
                className={`rounded-full px-2 py-0.5 ${state === "closed" ? "bg-green-100 text-green-800" : "bg-red-100 text-red-800"}`}
              >
                {name}: {state}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-neutral-700">{snapshot?.breakersError ?? "—"}</p>
        )}
      </section>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {snapshot?.services.map((s) => (
          <ServiceCard key={s.service} s={s} />
        ))}
      </div>
    </div>
  );
}
