import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Node-RED 5 and the Node it needs, installed by the bench beside it (git-ignored), never a product dependency. */
const dir = join(import.meta.dirname, ".node-red");
const NODE_RED = "node-red@5";
/** Node-RED 5 needs Node 22.9 or later; the npm registry carries Node's binaries as `node-<platform>-<arch>`. */
const NODE_MAJOR = 22;

export interface NodeRed {
  node: string;
  redJs: string;
  settings: string;
  flows: string;
}

/** Installs Node-RED (and, when this Node is older than it needs, a Node 22) the first time; later runs reuse them. */
export function nodeRed(): NodeRed {
  const redJs = join(dir, "node_modules", "node-red", "red.js");
  const ownMajor = Number(process.versions.node.split(".")[0]);
  const binaryPackage = `node-${process.platform}-${process.arch}`;
  const node = ownMajor >= NODE_MAJOR ? process.execPath : join(dir, "node_modules", binaryPackage, "bin", "node");
  const wanted = [
    existsSync(redJs) ? undefined : NODE_RED,
    existsSync(node) ? undefined : `${binaryPackage}@${NODE_MAJOR}`,
  ];
  const missing = wanted.filter((name): name is string => name !== undefined);
  if (missing.length > 0) {
    console.log(`installing ${missing.join(" and ")} into ${dir} for the comparison (once)`);
    mkdirSync(dir, { recursive: true });
    if (!existsSync(join(dir, "package.json"))) {
      writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "relais-bench-node-red", private: true })}\n`);
    }
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", ...missing], {
      cwd: dir,
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  return {
    node,
    redJs,
    settings: join(import.meta.dirname, "node-red", "settings.cjs"),
    flows: join(import.meta.dirname, "node-red", "flows.json"),
  };
}
