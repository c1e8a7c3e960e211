import { runMain } from "@mercato/kit";
import { notificationsService } from "./service.ts";

await runMain(notificationsService);
