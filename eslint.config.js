import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', '.tmp/**', 'web/dist/**', 'data/**', 'test-artifacts/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    // migrations are frozen: they import nothing from live application code (only kysely, the
    // migration kit and frozen copies kept beside them), so a later change of the code cannot change them
    files: ['server/**/migrations/**/*.ts', 'server/db/migration-kit.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!kysely$|(\\.\\./)+(db/)?migration-kit\\.js$|\\./frozen-[\\w-]+\\.js$)',
              message: 'Migrations are frozen: import only kysely, the migration kit or a frozen copy beside the migration (inline what you need).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**', '**/*.test.ts', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // Only the repo speaks SQL (CONVENTIONS.md, "Use cases and authorization"): in every module, the core
  // ones (identity, org, system) included, Kysely and the db/trx query builders appear only in
  // `*.repo.ts` and `repo/**` (migrations, seeds and tests aside). A new module is covered as it lands.
  {
    files: ['server/modules/**/*.ts'],
    ignores: ['**/*.repo.ts', '**/repo/**', '**/migrations/**', '**/*.test.ts', '**/*.seed.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'kysely', message: 'SQL belongs in the repo (<m>.repo.ts or repo/): call a repo function.' }] }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto)$/]',
          message: 'Query builders belong in the repo (<m>.repo.ts or repo/): call a repo function.',
        },
      ],
    },
  },
);
