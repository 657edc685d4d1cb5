// The simulator profile a test run connects the extension to: `--profile demo|micetro` taken out of the arguments.
'use strict';

const PROFILES = ['demo', 'micetro'];

/**
 * Removes `--profile NAME` from `args` and returns NAME (default `demo`); an unknown name stops the run.
 * @param {string[]} args
 * @returns {string}
 */
function takeProfile(args) {
  const at = args.indexOf('--profile');
  if (at < 0) return 'demo';
  const [, name] = args.splice(at, 2);
  if (!PROFILES.includes(name)) throw new Error(`--profile must be one of ${PROFILES.join(', ')}; got "${name ?? ''}"`);
  return name;
}

module.exports = { takeProfile };
