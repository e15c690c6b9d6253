import { disconnectPrisma } from "@/lib/db";
import { closeGatewayRuntime } from "./gateway-runtime";
import { currentBoot, forgetBoot } from "./process-gateway";

/**
 * The last steps of a shutdown, once the server has stopped taking requests: the
 * runtime (the meter's final flush among them), the simulator, the database pools,
 * and the embedded database when this process started it.
 */
export async function shutdownGateway(): Promise<void> {
  const boot = await currentBoot()?.catch(() => undefined);
  await closeGatewayRuntime();
  await boot?.simulator?.close();
  await disconnectPrisma();
  await boot?.database.stop();
  forgetBoot();
}
