// The proxy agents log through the `debug` package (10 KB with supports-color and ms), which prints only when the
// DEBUG environment variable names them. The extension logs its own API calls to its output channel instead, so
// esbuild resolves `debug` to this logger that is never enabled.
interface Debugger {
  (...args: unknown[]): void;
  enabled: boolean;
}

function createDebug(): Debugger {
  const log = (() => undefined) as Debugger;
  log.enabled = false;
  return log;
}

export = createDebug;
