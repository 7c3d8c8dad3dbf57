import { existsSync } from 'node:fs';

/**
 * Secrets and machine settings come from the environment, or from a `.env` file in the working
 * directory (Node's own loader; real environment variables win over the file).
 */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
