// Stops `npm install`, `npm start` and `npm test` at once on a Node.js older than 24, with one clear line.
// Written in CommonJS with no modern syntax so that it runs (and explains itself) on any old Node.
var major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    'lmrec needs Node.js 24 or newer (this is ' +
      process.version +
      '): install Node 24 LTS from https://nodejs.org, or run `nvm install 24` (the repo has an .nvmrc).',
  );
  process.exit(1);
}
