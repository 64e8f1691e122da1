// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

// Layering (see ../shared/ARCHITECTURE.md): shared <- renderer, shared <- electron, shared <- server.
// Nothing imports renderer/, electron/ or server/ from outside its own folder, shared/ uses no DOM,
// Node or Electron, and the renderer reaches the desktop only through the bridge.
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

const crossLayer = (/** @type {string[]} */ ...layers) =>
  layers.map((layer) => ({
    group: [`**/${layer}`, `**/${layer}/**`],
    message: `Layering: this folder may not import from ${layer}/ (see ARCHITECTURE.md).`,
  }));

const noNode = { paths: nodeBuiltins.map((name) => ({ name, message: 'Layering: no Node built-ins here.' })) };
const noElectron = [
  { group: ['electron', 'electron/*', 'electron-log', 'electron-log/*'], message: 'Layering: only electron/ may use Electron; the renderer goes through the bridge.' },
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-electron', 'release', 'bench/results', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noNode,
          patterns: [
            ...crossLayer('renderer', 'electron', 'server'),
            ...noElectron,
            { group: ['react', 'react-dom', 'react/*', 'dexie', 'zustand', 'i18next', 'react-i18next'], message: 'Layering: shared/ is pure TypeScript (no UI or storage libraries).' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator', 'indexedDB', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...crossLayer('renderer', 'electron', 'server'), ...noElectron] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { ...noNode, patterns: [...crossLayer('electron', 'server'), ...noElectron] },
      ],
    },
  },
  {
    files: ['renderer/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...crossLayer('electron', 'server'), ...noElectron] }] },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': ['error', { patterns: crossLayer('renderer', 'server') }] },
  },
  {
    files: ['server/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...crossLayer('renderer', 'electron'), ...noElectron, { group: ['react', 'react-dom', 'dexie'], message: 'Layering: the server has no UI or IndexedDB.' }] },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{js,mjs}', '*.{js,mjs,ts}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
