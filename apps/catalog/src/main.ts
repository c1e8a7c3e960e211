import { runMain } from "@mercato/kit";
import { catalogService } from "./service.ts";

await runMain(catalogService);
