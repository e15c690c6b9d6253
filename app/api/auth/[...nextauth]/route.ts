import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import { authSecret } from "@/lib/auth/auth-secret";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request: the secret is read at run time (environment or data
// directory), never baked into the build.
const handler = async (request: Request, context: Context) =>
  (await NextAuth(request as never, context as never, authOptions(await authSecret()))) as Response;

export { handler as GET, handler as POST };
