// Lint with type information, and the architecture as rules: what may import what is checked, not remembered.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Code that runs (and is tested) in plain Node or a browser: it must not reach for VS Code. */
const NO_VSCODE = {
  name: 'vscode',
  message: 'Only src/ui, src/extension.ts and the extension-host tests may import vscode; this code runs in plain Node or a webview.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'test-output/**', '**/*.js', '**/*.mjs', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
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
    // Test fakes implement async interfaces with answers that need no await.
    files: ['test/**'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
);
