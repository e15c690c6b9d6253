/**
 * Next's start-up hook. Under `next start` it runs the gateway's bootstrap (the same as
 * `npm start`: configuration, migrations, seed, simulator, breakers, drain on SIGTERM);
 * inside `npm start`'s own server it finds the gateway already booted and does nothing.
 */
export async function register(): Promise<void> {
  // Node.js only; and `next build` has nothing to boot.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build")
    return;
  const { registerGateway } = await import("./lib/server/next-instrumentation");
  await registerGateway({ manualSignals: Boolean(process.env.NEXT_MANUAL_SIG_HANDLE) });
}
