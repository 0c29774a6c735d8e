import { generateCity } from "/work/main/bench/generate.ts";
import { loadConfig } from "/work/main/src/config.ts";

const n = Number(process.argv[2]);
const config = loadConfig({
  KANSLI_DATA_DIR: `/tmp/benchgen-${n}`,
  KANSLI_LOG_LEVEL: "silent",
  ...(process.argv[3] ? { DATABASE_URL: process.argv[3] } : {}),
});
const t = Date.now();
const city = await generateCity(config, n, console.log);
console.log("done", (Date.now() - t) / 1000, city.token.slice(0, 6));
