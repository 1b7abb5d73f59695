// The VS Code client: starts `partnercheck server` over stdio for YAML files and passes the settings.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");
const { serverCommand, initializationOptions } = require("./server.js");

let client;

function settings() {
  const config = vscode.workspace.getConfiguration("partnercheck");
  return {
    path: config.get("path"),
    args: config.get("args"),
    language: config.get("language"),
    failLevel: config.get("failLevel"),
    rulePacks: config.get("rulePacks"),
    allowLocalPlugins: config.get("allowLocalPlugins"),
  };
}

async function start() {
  const current = settings();
  const { command, args } = serverCommand(current);
  client = new LanguageClient(
    "partnercheck",
    "partnercheck",
    { command, args, transport: TransportKind.stdio },
    {
      documentSelector: [{ scheme: "file", language: "yaml" }],
      initializationOptions: initializationOptions(current),
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/{.partnercheck.yaml,.partnercheck.yml,pyproject.toml}") },
    },
  );
  await client.start();
}

async function activate(context) {
  await start();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration("partnercheck")) return;
      if (event.affectsConfiguration("partnercheck.path") || event.affectsConfiguration("partnercheck.args")) {
        await client.stop();
        await start();
        return;
      }
      await client.sendNotification("workspace/didChangeConfiguration", { settings: initializationOptions(settings()) });
    }),
  );
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
