#!/usr/bin/env node
// The `lmrec` executable: checks the Node.js version first, then runs the TypeScript CLI through Node's type stripping.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`lmrec needs Node.js 24 or newer (this is ${process.version}): install Node 24 LTS from https://nodejs.org, or run \`nvm install 24\`.`);
  process.exit(1);
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
