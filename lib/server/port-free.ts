import { createServer } from "node:net";

/**
 * Refuses to go on when `port` is taken on `hostname`, before anything slow or lasting
 * happens (a build, the first seed). Port 0 (any free port) always passes. Binds and
 * lets go at once; a race with another program remains possible and is caught at listen.
 * @throws Error naming the port and the variable that moves it.
 */
export async function assertPortFree(port: number, hostname = "0.0.0.0"): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          err.code === "EADDRINUSE"
            ? `port ${port} is already in use: stop what holds it, or start with PORT=<another port>`
            : `port ${port} cannot be used: ${err.message}`,
        ),
      ),
    );
    probe.listen(port, hostname, () => probe.close(() => resolve()));
  });
}
