/** The services' call policy (timeouts, breakers), for tests that must wait out a breaker. */
export { DEFAULT_SERVICE_CALL_OPTIONS } from "@mercato/kit";
export { type AuthOptions, DEMO_ADMIN, signIn, signInDemoAdmin, signUp, type TestUser } from "./auth.ts";
export { type TempDatabase, tempDatabase, tempDir } from "./database.ts";
export { eventually } from "./eventually.ts";
export { type CsvExportPage, everyExportPage } from "./export-pages.ts";
export { startTestIssuer, type TestIssuer } from "./issuer.ts";
export type { ServiceClient } from "./names.ts";
export {
  type AttributeValue,
  type OtlpReceiver,
  type ReceivedSpan,
  SPAN_KIND,
  startOtlpReceiver,
} from "./otlp.ts";
export {
  type InProcessService,
  type PlatformEnv,
  type PlatformOptions,
  startPlatform,
  type TestPlatform,
} from "./platform.ts";
export { freePort, freePortOffset, waitForHttp, waitForPort } from "./ports.ts";
export { ROOT, type ServiceProcess, type SpawnOptions, spawnService, tail } from "./process.ts";
export {
  decryptAes128gcm,
  type PushEndpoint,
  type ReceivedPush,
  type RejectedPush,
  startPushEndpoint,
  type TestPushSubscription,
} from "./push-endpoint.ts";
export { type NatsServer, type RunningServer, startNats, startRedis } from "./servers.ts";
export {
  type Runnable,
  startAlone,
  startTestInfra,
  startTestService,
  TEST_AUTH_SECRET,
  TEST_CALLERS,
  TEST_SERVICE_KEYS,
  testServiceEnv,
  testServiceSigner,
  testSigningKey,
} from "./service.ts";
export { availableOf, setStock, stockRowMade } from "./stock.ts";
export { type CallerAuth, clientFor, failure, type TokenSource } from "./trpc.ts";
