import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";
import { serveFromWeb } from "@/lib/server/web-door";

export const dynamic = "force-dynamic";

// Every method goes to the core, which answers a wrong one with an OpenAI-shaped 405.
async function handle(request: Request) {
  return serveFromWeb((await getGatewayRuntime()).gateway, request);
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
