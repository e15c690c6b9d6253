/** vitest globalSetup: integration tests run the production build, so make sure it is current. */
import { ensureBuild } from "../../scripts/ensure-build";

export default function setup(): void {
  ensureBuild();
}
