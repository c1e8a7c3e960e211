import { runMain } from "@mercato/kit";
import { ordersService } from "./service.ts";

await runMain(ordersService);
