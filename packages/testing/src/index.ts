export { type TempDatabase, tempDatabase, tempDir } from "./database.ts";
export { startTestIssuer, type TestIssuer } from "./issuer.ts";
export { freePort, waitForHttp, waitForPort } from "./ports.ts";
export { type ServiceProcess, spawnService } from "./process.ts";
export { type RunningServer, startNats, startRedis } from "./servers.ts";
export { type Runnable, startTestService, TEST_SERVICE_SECRET, testServiceEnv } from "./service.ts";
