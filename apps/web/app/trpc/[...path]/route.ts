import { forwardToGateway } from "@/lib/gateway-proxy.ts";

export const dynamic = "force-dynamic";

export const GET = forwardToGateway;
export const POST = forwardToGateway;
