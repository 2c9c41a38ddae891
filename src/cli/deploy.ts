import type { DeployOptions } from "./args.js";
import { UserError } from "./serve.js";

export async function deploy(options: DeployOptions): Promise<void> {
  throw new UserError(`deploy is not available yet (asked for ${options.directory})`);
}
