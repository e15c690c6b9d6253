import { unknownApiPath } from "@/lib/server/route-fallbacks";

export const dynamic = "force-dynamic";

// Any /api/ path no other route serves: a JSON 404 in the API's shape, not an HTML page.
export {
  unknownApiPath as GET,
  unknownApiPath as POST,
  unknownApiPath as PUT,
  unknownApiPath as PATCH,
  unknownApiPath as DELETE,
};
