import { ConfigError, startGateway } from "./gateway.ts";

let gateway: Awaited<ReturnType<typeof startGateway>>;
try {
  gateway = await startGateway();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const onSignal = () => {
  gateway.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once("SIGTERM", onSignal);
process.once("SIGINT", onSignal);
