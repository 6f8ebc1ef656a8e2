#!/usr/bin/env -S node --max-semi-space-size=64
// The published `relais` command: runs the TypeScript CLI through tsx's loader, no build step, with
// the runtime's Node.js flags (runtime/node-flags.ts), which only the command line can set.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
