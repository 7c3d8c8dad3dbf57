#!/usr/bin/env node
// The published entry point: the TypeScript sources are compiled to dist/ by `npm install`
// (the prepare script), so the command starts without a TypeScript loader.
const args = process.argv.slice(2);

// Commands that compile an email start importing mjml on a worker thread first thing: the import
// takes most of a second and then overlaps everything else the command does.
if (args[0] === 'build' || args[0] === 'run') {
  const { startMjmlWorker } = await import('../dist/src/render/mjml.js');
  startMjmlWorker();
}

const { main } = await import('../dist/src/cli/main.js');
process.exitCode = await main(args);
