#!/usr/bin/env node
// The command line of @campus-cockpit/server, built into dist/ by `npm run build`.
// From a source checkout without a build: `npx tsx packages/server/src/cli.ts <command> …`.
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
