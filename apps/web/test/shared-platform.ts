// Preloaded by `bun test` in apps/web (bunfig.toml): the browser suites share one platform, which
// outlives each file's `stop()` and is stopped here, after the last test file.
import { afterAll } from "bun:test";
import { keepSharedPlatformBetweenFiles, stopSharedPlatform } from "./platform.ts";

keepSharedPlatformBetweenFiles();
afterAll(() => stopSharedPlatform(), 60_000);
