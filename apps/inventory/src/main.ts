import { runMain } from "@mercato/kit";
import { inventoryService } from "./service.ts";

await runMain(inventoryService);
