import path from "node:path";
import { generateSite } from "./generate.js";

/** `node dist/manifest/main.js DIR OUT`: wrangler.toml's [build] step for `npx wrangler dev`. */
const [root = "public", out = ".edgeserve"] = process.argv.slice(2);
const { index } = await generateSite(path.resolve(root), path.resolve(out), { isForEdge: true });
process.stdout.write(`edgeserve: ${index.files.size} files of ${root} indexed into ${out}\n`);
