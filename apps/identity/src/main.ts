import { runMain } from "@mercato/kit";
import { identityService } from "./service.ts";

await runMain(identityService);
