import { runMain } from "@mercato/kit";
import { analyticsService } from "./service.ts";

await runMain(analyticsService);
