/** The ceiling: a bare Bun.serve in its own process answering fixed bytes, nothing else. */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, waitForHttp } from "@mercato/testing";
import { spawn } from "bun";

export async function startBare(
  body: Uint8Array,
  contentType: string,
): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const bodyFile = join(tmpdir(), `mercato-bench-bare-${process.pid}-${Date.now()}.bin`);
  await Bun.write(bodyFile, body);
  const port = await freePort();
  const proc = spawn(
    [
      "bun",
      "-e",
      `const body = await Bun.file(process.env.BODY_FILE).bytes();
       Bun.serve({ port: ${port}, hostname: "127.0.0.1",
         fetch: () => new Response(body, { headers: { "content-type": process.env.CONTENT_TYPE } }) });`,
    ],
    { env: { ...process.env, BODY_FILE: bodyFile, CONTENT_TYPE: contentType }, stdout: "ignore", stderr: "inherit" },
  );
  const url = `http://127.0.0.1:${port}/`;
  await waitForHttp(url);
  return {
    url,
    pid: proc.pid,
    async stop() {
      proc.kill();
      await proc.exited;
      rmSync(bodyFile, { force: true });
    },
  };
}
