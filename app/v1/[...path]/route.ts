import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";
import { serveFromWeb } from "@/lib/server/web-door";

export const dynamic = "force-dynamic";

/** Unknown `/v1/*` paths and methods get the gateway's OpenAI-shaped answer, not an HTML 404. */
async function handle(request: Request) {
  return serveFromWeb((await getGatewayRuntime()).gateway, request);
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
