#!/usr/bin/env node
// The published entry point: the TypeScript sources are compiled to dist/ by `npm install`
// (the prepare script), so the command starts without a TypeScript loader.
import { main } from '../dist/src/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
