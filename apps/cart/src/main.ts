import { runMain } from "@mercato/kit";
import { cartService } from "./service.ts";

await runMain(cartService);
