import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";
import { serveFromWeb } from "@/lib/server/web-door";

export const dynamic = "force-dynamic";

/**
 * The one `/v1/*` route handler: every path and every method goes to the gateway core,
 * which routes it (`/v1/chat/completions`, `/v1/models`, ...) and answers an unknown path
 * or a wrong method in OpenAI's error shape, as the product's own server does. HEAD and
 * OPTIONS are exported too, so Next answers neither by itself.
 */
async function handle(request: Request) {
  return serveFromWeb((await getGatewayRuntime()).gateway, request);
}

export {
  handle as GET,
  handle as POST,
  handle as PUT,
  handle as PATCH,
  handle as DELETE,
  handle as HEAD,
  handle as OPTIONS,
};
