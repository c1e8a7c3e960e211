"use client";
import { useMercatoClient } from "@mercato/client/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Badge, ErrorNote } from "@/components/ui/states.tsx";
import type { ApiProcedure } from "@/lib/admin/api-catalog.ts";
import { callProcedure, subscribeProcedure } from "@/lib/admin/dynamic-call.ts";
import { errorCode, errorMessage } from "@/lib/admin/errors.ts";
import { example, validate } from "@/lib/admin/json-schema.ts";
import { ChoiceFilter, SearchFilter } from "../data-table.tsx";
import { Card } from "../page-header.tsx";

const KIND_TONES: Record<string, "neutral" | "green" | "amber" | "red" | "blue"> = {
  public: "green",
  authed: "blue",
  staff: "amber",
  internal: "red",
};

function initialText(p: ApiProcedure): string {
  const value = example(p.input);
  return value === undefined ? "" : JSON.stringify(value, null, 2);
}

type Outcome = { ok: true; value: unknown; ms: number } | { ok: false; message: string; code?: string } | null;

function Runner({ procedure }: { procedure: ApiProcedure }) {
  const client = useMercatoClient();
  const [text, setText] = useState(() => initialText(procedure));
  const [problems, setProblems] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [running, setRunning] = useState(false);
  const [events, setEvents] = useState<unknown[]>([]);
  const subscription = useRef<{ unsubscribe(): void } | null>(null);
  useEffect(() => () => subscription.current?.unsubscribe(), []);

  function parse(): { ok: true; input: unknown } | { ok: false } {
    if (!text.trim()) return { ok: true, input: undefined };
    try {
      return { ok: true, input: JSON.parse(text) };
    } catch (err) {
      setProblems([`input: not JSON (${err instanceof Error ? err.message : "parse error"})`]);
      return { ok: false };
    }
  }

  async function run() {
    const parsed = parse();
    if (!parsed.ok) return;
    const found = validate(procedure.input, parsed.input);
    setProblems(found);
    if (found.length > 0) return;
    setOutcome(null);
    if (procedure.type === "subscription") {
      subscription.current?.unsubscribe();
      setEvents([]);
      setRunning(true);
      subscription.current = subscribeProcedure(client, procedure, parsed.input, {
        onData: (data) => setEvents((list) => [data, ...list].slice(0, 50)),
        onError: (err) => {
          setRunning(false);
          setOutcome({ ok: false, message: errorMessage(err), code: errorCode(err) });
        },
        onComplete: () => setRunning(false),
      });
      return;
    }
    setRunning(true);
    const started = performance.now();
    try {
      const value = await callProcedure(client, { ...procedure, type: procedure.type }, parsed.input);
      setOutcome({ ok: true, value, ms: Math.round(performance.now() - started) });
    } catch (err) {
      setOutcome({ ok: false, message: errorMessage(err), code: errorCode(err) });
    } finally {
      setRunning(false);
    }
  }

  function stop() {
    subscription.current?.unsubscribe();
    subscription.current = null;
    setRunning(false);
  }

  return (
    <div className="space-y-3">
      <label className="block text-sm" htmlFor="api-input">
        <span className="mb-1 block font-medium text-neutral-700">Input (JSON)</span>
        <textarea
          id="api-input"
          rows={8}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={procedure.input ? "{}" : "This procedure takes no input"}
          aria-invalid={problems.length > 0 ? true : undefined}
          className="w-full rounded-lg border border-neutral-300 px-3 py-2 font-mono text-xs shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
        />
      </label>
      {problems.length > 0 ? (
        <ul role="alert" className="space-y-0.5 text-xs text-red-600">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <div className="flex items-center gap-2">
        {procedure.type === "subscription" && running ? (
          <Button variant="secondary" onClick={stop}>
            Stop
          </Button>
        ) : (
          <Button onClick={run} disabled={running}>
            {procedure.type === "mutation"
              ? "Run mutation"
              : procedure.type === "subscription"
                ? "Subscribe"
                : "Run query"}
          </Button>
        )}
        {procedure.type === "mutation" ? (
          <span className="text-xs text-amber-700">Mutations change real data.</span>
        ) : null}
      </div>
      {outcome && !outcome.ok ? (
        <ErrorNote>
          {outcome.code ? <strong className="mr-1">{outcome.code}</strong> : null}
          {outcome.message}
        </ErrorNote>
      ) : null}
      {outcome?.ok ? (
        <div>
          <div className="mb-1 text-xs text-neutral-500">Answered in {outcome.ms} ms</div>
          <pre
            className="max-h-[32rem] overflow-auto rounded-lg bg-neutral-900 p-4 text-xs text-neutral-100"
            data-testid="api-result"
          >
            {JSON.stringify(outcome.value, null, 2) ?? "undefined"}
          </pre>
        </div>
      ) : null}
      {procedure.type === "subscription" && (running || events.length > 0) ? (
        <div>
          <div className="mb-1 text-xs text-neutral-500">
            {running ? "Listening…" : "Stopped"} · {events.length} events
          </div>
          <pre className="max-h-[32rem] overflow-auto rounded-lg bg-neutral-900 p-4 text-xs text-neutral-100">
            {events.map((e) => JSON.stringify(e)).join("\n")}
          </pre>
        </div>
      ) : null}
    </div>
  );
}

/** Every tRPC procedure of the platform, searchable, with its input schema and a way to call it. */
export function ApiExplorer({ procedures }: { procedures: ApiProcedure[] }) {
  const [q, setQ] = useState("");
  const [kind, setKind] = useState("");
  const [selected, setSelected] = useState<string>(
    procedures.find((p) => p.kind === "staff")?.path ?? procedures[0]?.path ?? "",
  );
  const kinds = useMemo(() => [...new Set(procedures.map((p) => p.kind))].sort(), [procedures]);
  const shown = procedures.filter(
    (p) => (!kind || p.kind === kind) && (!q.trim() || p.path.toLowerCase().includes(q.trim().toLowerCase())),
  );
  const current = procedures.find((p) => p.path === selected);

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
      <div className="space-y-3">
        <div className="grid grid-cols-[minmax(0,1fr)_8rem] gap-2">
          <SearchFilter label="Search procedures" placeholder="e.g. orders.admin" value={q} onChange={setQ} />
          <ChoiceFilter
            label="Kind"
            name="kind"
            any="All"
            options={kinds.map((k) => [k, k] as const)}
            value={kind}
            onChange={setKind}
          />
        </div>
        <p className="text-xs text-neutral-500">
          {shown.length} of {procedures.length} procedures
        </p>
        <ul
          className="max-h-[70vh] divide-y divide-neutral-100 overflow-y-auto rounded-xl border border-neutral-200 bg-white text-sm shadow-sm"
          data-testid="api-list"
        >
          {shown.map((p) => (
            <li key={p.path}>
              <button
                type="button"
                onClick={() => setSelected(p.path)}
                aria-current={p.path === selected ? "true" : undefined}
                className={`flex w-full items-center justify-between gap-2 px-3 py-2 text-left hover:bg-neutral-50 ${p.path === selected ? "bg-brand-50" : ""}`}
              >
                <span className="truncate font-mono text-xs">{p.path}</span>
                <span className="flex shrink-0 gap-1">
                  <Badge tone={KIND_TONES[p.kind] ?? "neutral"}>{p.kind}</Badge>
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      {current ? (
        <div className="min-w-0 space-y-6">
          <Card>
            <div className="flex flex-wrap items-center gap-2">
              <h2 className="font-mono text-base font-semibold">{current.path}</h2>
              <Badge tone="neutral">{current.type}</Badge>
              <Badge tone={KIND_TONES[current.kind] ?? "neutral"}>{current.kind}</Badge>
            </div>
            <p className="mt-1 text-xs text-neutral-500">
              {current.kind === "internal"
                ? "Only other services may call this (service credential); the gateway refuses it from browsers."
                : `Served by the ${current.service} service through the gateway.`}
            </p>
            <details className="mt-4" open>
              <summary className="cursor-pointer text-sm font-medium">Input schema</summary>
              <pre
                className="mt-2 max-h-80 overflow-auto rounded-lg bg-neutral-50 p-3 text-xs"
                data-testid="api-schema"
              >
                {current.input ? JSON.stringify(current.input, null, 2) : "No input"}
              </pre>
            </details>
          </Card>
          <Card title="Try it">
            <Runner key={current.path} procedure={current} />
          </Card>
        </div>
      ) : null}
    </div>
  );
}
