#!/usr/bin/env node
// Runs kansli's TypeScript sources directly: tsx compiles them as they load.
// npm scripts and npx put node_modules/.bin first on the PATH, where `npm install` places the
// pinned Node 24; a system `node` older than 22 is refused here, before anything is loaded.
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  process.stderr.write(
    `kansli needs Node.js 22 or later (24 is tested); this is ${process.version} (${process.execPath}).\n` +
      "Run it through npm (npm start, npx kansli …), which uses the Node 24 that npm install put in\n" +
      "node_modules/.bin, or as node_modules/.bin/node bin/kansli.js …\n",
  );
  process.exit(1);
}
const { register } = await import("tsx/esm/api");
register();
await import("../src/main.ts");
