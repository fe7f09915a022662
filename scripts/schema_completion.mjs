// Ask the YAML language server (Red Hat's yaml-language-server, what VS Code's YAML
// extension runs) for completions in an InstanceType file mapped to our schema, over LSP.
// Usage: node scripts/schema_completion.mjs <path to yaml-language-server's bin> <schema>
// Prints the labels offered at the top level and under spec:, and exits 1 when either is
// empty (the YAML language server offers nothing under a root if/then/else).
import { spawn } from "node:child_process";
import { pathToFileURL } from "node:url";

const [server, schemaPath] = process.argv.slice(2);
const child = spawn(process.execPath, [server, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
let buffer = Buffer.alloc(0);
let nextId = 1;
const waiting = new Map();

child.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf("\r\n\r\n");
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
    if (buffer.length < end + 4 + length) return;
    const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString());
    buffer = buffer.subarray(end + 4 + length);
    if (message.id !== undefined && waiting.has(message.id) && !message.method) {
      waiting.get(message.id)(message.result);
      waiting.delete(message.id);
    } else if (message.method === "workspace/configuration") {
      send({ jsonrpc: "2.0", id: message.id, result: message.params.items.map(() => settings) });
    } else if (message.id !== undefined && message.method) {
      send({ jsonrpc: "2.0", id: message.id, result: null });
    }
  }
});

function send(message) {
  const body = Buffer.from(JSON.stringify(message));
  child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  child.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  send({ jsonrpc: "2.0", id, method, params });
  return new Promise((resolve) => waiting.set(id, resolve));
}
const notify = (method, params) => send({ jsonrpc: "2.0", method, params });

const uri = "file:///work/instance-types/cpu-small.yaml";
const settings = {
  schemas: { [pathToFileURL(schemaPath).href]: ["/work/instance-types/*.yaml"] },
  completion: true, validate: true, hover: true,
};
const text = [
  `# yaml-language-server: $schema=${pathToFileURL(schemaPath).href}`,
  "apiVersion: amlarc.azureml.com/v1alpha1",
  "kind: InstanceType",
  "",
  "spec:",
  "  ",
  "",
].join("\n");

await request("initialize", {
  processId: process.pid, rootUri: "file:///work", capabilities: {
    workspace: { configuration: true },
    textDocument: { completion: { completionItem: { snippetSupport: true } } },
  },
});
notify("initialized", {});
notify("workspace/didChangeConfiguration", { settings: { yaml: settings } });
notify("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text } });
const labels = async (line, character) => {
  const result = await request("textDocument/completion", {
    textDocument: { uri }, position: { line, character },
  });
  return (Array.isArray(result) ? result : result?.items ?? []).map((item) => item.label).sort();
};
const top = await labels(3, 0);
const spec = await labels(5, 2);
console.log(`top level: ${top.join(", ")}`);
console.log(`under spec: ${spec.join(", ")}`);
child.kill();
process.exit(top.length && spec.length ? 0 : 1);
