import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'esbuild.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
      'no-throw-literal': 'error',
      'prefer-const': 'error',
    },
  },
  {
    // The core must stay testable in plain Node: no VS Code API below src/api, src/contacts, src/avatars or src/cache.
    files: ['src/api/**/*.ts', 'src/contacts/**/*.ts', 'src/avatars/**/*.ts', 'src/cache/**/*.ts', 'src/lifecycle.ts', 'src/names.ts', 'src/storedKey.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'The core (src/api, src/contacts, src/avatars, src/cache) never imports vscode.' }] },
      ],
    },
  },
);
