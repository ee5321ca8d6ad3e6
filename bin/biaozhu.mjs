#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx biaozhu` works straight from a checkout.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('tsx/cjs');
const { runCli } = require('../electron/cli/main.ts');
runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`biaozhu: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
