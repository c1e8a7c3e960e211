export { type GatewayEnv, gatewayEnvSchema } from "./env.ts";
export { type RunningGateway, startGateway } from "./gateway.ts";
