#!/usr/bin/env node
// Runs kansli's TypeScript sources directly: tsx compiles them as they load.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
