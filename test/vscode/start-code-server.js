// `npm start`: serves the built extension in code-server on 127.0.0.1 and prints the URL to open.
// The extension folder is linked (not copied) into a persistent extensions dir, so a rebuild plus a window
// reload picks up changes; settings, global storage (the simulator's data) and the workspace persist in .vscode-test/start.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, startCodeServer, linkExtension, portInUse, freePort } = require('./codeServer');

const DEFAULT_PORT = 8080;
const START_DIR = path.join(ROOT, '.vscode-test', 'start');

async function choosePort() {
  const wanted = Number(process.env.PORT ?? DEFAULT_PORT);
  if (!(await portInUse(wanted))) return wanted;
  const port = await freePort();
  console.log(`Port ${wanted} is in use; using ${port} instead.`);
  return port;
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run node esbuild.mjs first');
  const extensionsDir = path.join(START_DIR, 'extensions');
  const workspace = path.join(START_DIR, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const linked = linkExtension(ROOT, extensionsDir);

  const server = await startCodeServer({
    port: await choosePort(),
    userDataDir: path.join(START_DIR, 'user-data'),
    extensionsDir,
    onOutput: process.env.VERBOSE === '1' ? (line) => console.log(`[code-server] ${line}`) : undefined,
  });
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await server.stop();
    console.log('code-server stopped.');
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, stop);
  server.exited.then((code) => {
    if (stopping) return;
    console.error(`code-server exited unexpectedly (${code}); see ${server.logFile}`);
    process.exit(1);
  });

  console.log(`Extension linked: ${linked}`);
  console.log(`code-server (pid ${server.pid}) log: ${server.logFile}`);
  console.log('');
  console.log(`  Open ${server.url}/?folder=${encodeURIComponent(workspace)}`);
  console.log('');
  console.log('Press Ctrl+C to stop code-server and everything it started.');
}

main().catch((error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
