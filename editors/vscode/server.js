// How the extension starts `partnercheck server` and what it tells it: no `vscode` import, so a plain
// Node test can start the server exactly as the extension does.
"use strict";

/** The command and arguments from the settings (`partnercheck.path`, `partnercheck.args`). */
function serverCommand(settings) {
  return { command: settings.path || "partnercheck", args: settings.args && settings.args.length ? settings.args : ["server"] };
}

/** The server's initializationOptions from the settings; an empty choice is left to the server (as `check`). */
function initializationOptions(settings) {
  const options = { rulePacks: settings.rulePacks || [], allowLocalPlugins: Boolean(settings.allowLocalPlugins) };
  if (settings.language) options.language = settings.language;
  if (settings.failLevel) options.failLevel = settings.failLevel;
  return options;
}

module.exports = { serverCommand, initializationOptions };
