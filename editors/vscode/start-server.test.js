// Starts the server as the extension does (server.js, package.json's defaults) and completes an LSP
// initialize handshake; prints the server's name and version. Used by tests/test_editors.py.
"use strict";

const { spawn } = require("child_process");
const path = require("path");
const { serverCommand, initializationOptions } = require("./server.js");
const pkg = require("./package.json");

const defaults = {};
for (const [key, spec] of Object.entries(pkg.contributes.configuration.properties)) defaults[key.replace("partnercheck.", "")] = spec.default;
const settings = { ...defaults, path: process.argv[2] || defaults.path, language: "fr" };
const { command, args } = serverCommand(settings);
const child = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });

function send(message) {
  const body = JSON.stringify({ jsonrpc: "2.0", ...message });
  child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

let buffer = Buffer.alloc(0);
child.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf("\r\n\r\n");
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.slice(0, end).toString())[1]);
    if (buffer.length < end + 4 + length) return;
    const message = JSON.parse(buffer.slice(end + 4, end + 4 + length).toString());
    buffer = buffer.slice(end + 4 + length);
    if (message.id === 1) {
      console.log(JSON.stringify({ serverInfo: message.result.serverInfo, hover: Boolean(message.result.capabilities.hoverProvider) }));
      send({ method: "initialized", params: {} });
      send({ id: 2, method: "shutdown" });
    } else if (message.id === 2) {
      send({ method: "exit" });
    }
  }
});
child.on("exit", (code) => process.exit(code === null ? 3 : code));
setTimeout(() => { console.error("no answer from the server"); child.kill(); process.exit(4); }, 60000);
send({ id: 1, method: "initialize", params: { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: initializationOptions(settings) } });
