import type { Command } from 'commander';
import { contextFrom, withLogging, withPaths, type CommandRegistrar, type GlobalOptions } from './context.js';
import { ExitCode } from '../errors.js';
import { loadDotEnv } from '../config/env.js';
import { parsePort } from './options.js';

interface ServeFlags extends GlobalOptions {
  port: string;
  host: string;
}

export const registerServe: CommandRegistrar = (program: Command, run) => {
  withLogging(withPaths(program.command('serve')))
    .description('serve the web archive (out/) and the unsubscribe endpoint (GET confirm page, RFC 8058 one-click POST)')
    .option('--port <n>', 'port to listen on; 0 picks a free one', '8080')
    .option('--host <address>', 'address to bind; keep 127.0.0.1 behind a reverse proxy', '127.0.0.1')
    .action((flags: ServeFlags) =>
      run(async () => {
        loadDotEnv();
        const ctx = contextFrom(flags);
        const [{ loadConfig }, { digestSecretFromEnv }, { openState }, { startServe }] = await Promise.all([
          import('../config/load.js'),
          import('../config/secrets.js'),
          import('../store/db.js'),
          import('../serve/server.js'),
        ]);
        const config = loadConfig(ctx.contentDir);
        const secret = digestSecretFromEnv();
        const db = openState();
        const server = await startServe({
          outDir: ctx.outDir,
          db,
          secret,
          newsletterName: config.newsletter.name,
          basePath: new URL(config.newsletter.webBaseUrl).pathname,
          host: flags.host,
          port: parsePort(flags.port),
          log: ctx.log,
        });
        ctx.log.info(`Serving ${ctx.outDir}/ and /unsubscribe at ${server.url}  (Ctrl-C to stop)`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await server.close();
        db.close();
        return ExitCode.ok;
      }),
    );
};
