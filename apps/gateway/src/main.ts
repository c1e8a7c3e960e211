import { runMain } from "@mercato/kit";
import { startGateway } from "./gateway.ts";

await runMain({ run: startGateway });
