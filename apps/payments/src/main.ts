import { runMain } from "@mercato/kit";
import { paymentsService } from "./service.ts";

await runMain(paymentsService);
