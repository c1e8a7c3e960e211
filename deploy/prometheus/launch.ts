// Runs Debian's `prometheus` binary on this machine for `bun dev --observe` and the live alert
// test (packages/kit/test/consumer-lag-alert.test.ts): a config and rule files written into a
// data folder of its own, the TSDB there too, listening on loopback only.
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Subprocess, spawn } from "bun";
import { type ConfigOptions, configText } from "./config.ts";

export const RULES_FILE = join(import.meta.dir, "rules.yml");
/** Where ensure-tools.sh --observe puts it (Debian's prometheus package). */
const PROMETHEUS_BIN = "prometheus";

/** The command line of a Prometheus with its config, TSDB and listen address. */
export function prometheusArgs(o: { configFile: string; dataDir: string; port: number }): string[] {
  const bin = Bun.which(PROMETHEUS_BIN, { PATH: `${process.env.PATH}:/usr/bin:/usr/sbin` });
  if (!bin) throw new Error("prometheus is not installed: source scripts/ensure-tools.sh --observe");
  return [
    bin,
    `--config.file=${o.configFile}`,
    `--storage.tsdb.path=${join(o.dataDir, "tsdb")}`,
    `--web.listen-address=127.0.0.1:${o.port}`,
    "--log.level=warn",
  ];
}

/**
 * Writes `prometheus.yml` (from `config`) into `dir`, beside the rule files it names: the real
 * rules.yml, or `rules` (a text derived from it) in its place. Answers the config file's path.
 */
export function writePrometheusFiles(dir: string, config: Omit<ConfigOptions, "ruleFiles">, rules?: string): string {
  const rulesFile = join(dir, "rules.yml");
  if (rules === undefined) copyFileSync(RULES_FILE, rulesFile);
  else writeFileSync(rulesFile, rules);
  const configFile = join(dir, "prometheus.yml");
  writeFileSync(configFile, configText({ ...config, ruleFiles: [rulesFile] }));
  return configFile;
}

export interface RunningPrometheus {
  url: string;
  proc: Subprocess;
  stop(): Promise<void>;
}

/** Starts Prometheus and waits until it answers `/-/ready` (or fails naming the reason). */
export async function startPrometheus(o: {
  configFile: string;
  dataDir: string;
  port: number;
  timeoutMs?: number;
}): Promise<RunningPrometheus> {
  const proc = spawn(prometheusArgs(o), { stdout: "ignore", stderr: "pipe" });
  const url = `http://127.0.0.1:${o.port}`;
  const stop = async () => {
    if (proc.exitCode !== null) return;
    proc.kill("SIGTERM");
    if (!(await Promise.race([proc.exited.then(() => true), Bun.sleep(5_000).then(() => false)]))) {
      proc.kill("SIGKILL");
      await proc.exited;
    }
  };
  const deadline = Date.now() + (o.timeoutMs ?? 30_000);
  for (;;) {
    if (proc.exitCode !== null) {
      throw new Error(`prometheus exited (${proc.exitCode}): ${await new Response(proc.stderr).text()}`);
    }
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { url, proc, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus did not answer ${url}/-/ready in time`);
    }
    await Bun.sleep(200);
  }
}
