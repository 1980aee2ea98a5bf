import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const uiPackages = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', '@xyflow/*', 'monaco-editor', 'monaco-editor/*', 'monaco-yaml', '@xterm/*'];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-e2e-*/**', 'node_modules/**', 'test-results/**', 'test-results-*/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // Architecture invariant: the engine is pure and deterministic. It imports nothing from the UI world
    // and reads no wall-clock time or ambient randomness; time comes from VirtualClock, chance from Rng.
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: uiPackages, message: 'src/engine must not import UI libraries.' }, { group: ['**/ui/**', '../../ui/*'], message: 'src/engine must not import from src/ui.' }] }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'No DOM in the engine.' },
        { name: 'document', message: 'No DOM in the engine.' },
        { name: 'setTimeout', message: 'Use the VirtualClock.' },
        { name: 'setInterval', message: 'Use the VirtualClock.' },
        { name: 'requestAnimationFrame', message: 'Use the VirtualClock.' },
        { name: 'performance', message: 'No wall-clock time in the engine.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Use the VirtualClock.' },
        { object: 'Math', property: 'random', message: 'Use the seeded Rng.' },
        { object: 'globalThis', property: 'setTimeout', message: 'Use the VirtualClock.' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() reads the wall clock; use the VirtualClock.' }],
    },
  },
);
