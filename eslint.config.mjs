// Lint the TypeScript with type information and the JavaScript scripts without, and the architecture as rules: what
// may import what is checked, not remembered.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Code that runs (and is tested) in plain Node or a browser: it must not reach for VS Code. */
const NO_VSCODE = {
  name: 'vscode',
  message: 'Only src/ui, src/extension.ts and the extension-host tests may import vscode; this code runs in plain Node or a webview.',
};

/** The few Node globals the scripts use (the `globals` package is not a dependency). */
const NODE_GLOBALS = { console: 'readonly', process: 'readonly', setTimeout: 'readonly' };
/** What Node's CommonJS wrapper gives each .js file. */
const COMMONJS_GLOBALS = { require: 'readonly', module: 'readonly', __dirname: 'readonly' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'test-output/**', '**/*.d.ts'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['src/api/**', 'src/failover/**', 'src/simulator/**', 'src/wizards/**', 'webview/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [NO_VSCODE] }] },
  },
  {
    files: ['webview/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [NO_VSCODE], patterns: [{ group: ['**/src/ui', '**/src/ui/**'], message: 'The webview must not import the extension side (src/ui).' }] },
      ],
    },
  },
  {
    // Plain JavaScript for Node, linted by the recommended rules without type information: the build script and
    // this file as ES modules, the test runners and the mocha reporter as CommonJS.
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: NODE_GLOBALS },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...NODE_GLOBALS, ...COMMONJS_GLOBALS } },
  },
  {
    // Test fakes implement async interfaces with answers that need no await.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
);
