// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const mainProcessOnly = [
  { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' },
  { name: 'keytar', message: 'The keychain lives in the main process (electron/core/vault).' },
  { name: 'electron-store', message: 'Settings live in the main process.' },
  { name: 'conf', message: 'Settings live in the main process.' },
  { name: 'ws', message: 'The renderer reaches the main process through renderer/src/transport only.' },
  { name: '@kubernetes/client-node', message: 'The cluster is reached from the main process only.' },
];
const mainProcessOnlyPatterns = [
  { group: ['node:*'], message: 'Node built-ins are main-process only.' },
  { group: ['@octokit/*'], message: 'GitHub is reached from the main process only.' },
  { group: ['**/electron/**', '../electron', '../../electron'], message: 'Use the contract in shared/.' },
];
const nodeBuiltinNames = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'util',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'test-results/',
      'playwright-report/',
      'docs/screenshots/',
      'config/forbidden-import.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...mainProcessOnly,
            ...nodeBuiltinNames.map((name) => ({ name, message: 'Node built-ins are main-process only.' })),
          ],
          patterns: mainProcessOnlyPatterns,
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...mainProcessOnly,
            { name: 'react', message: 'shared/ is plain data and types: no React.' },
            ...nodeBuiltinNames.map((name) => ({
              name,
              message: 'shared/ runs in both processes: no Node built-ins.',
            })),
          ],
          patterns: [
            ...mainProcessOnlyPatterns,
            { group: ['**/renderer/**'], message: 'shared/ may not import the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'Raw IPC only in electron/main/ipc-handlers.ts and the preload.',
            },
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'electron/ may not import the renderer.' }],
        },
      ],
    },
  },
  {
    // The plain-Node core runs under the CLI, serve mode and tests: it never sees Electron.
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'electron/core is plain Node; inject what you need from electron/main.',
            },
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'electron/ may not import the renderer.' }],
        },
      ],
    },
  },
  {
    files: ['electron/main/ipc-handlers.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
