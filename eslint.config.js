// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * Dependency direction: widgets → client → query; server → query; nothing imports widgets.
 * Each package may import only the packages listed here, and never another package's files by path.
 */
const allowedImports = {
  query: [],
  client: ['query'],
  widgets: ['client', 'query'],
  server: ['query'],
};
const allPackages = Object.keys(allowedImports);

const dependencyDirection = Object.entries(allowedImports).map(([name, allowed]) => ({
  files: [`packages/${name}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...allPackages
            .filter((other) => other !== name && !allowed.includes(other))
            .map((other) => ({
              group: [`@campus-cockpit/${other}`, `@campus-cockpit/${other}/*`],
              message: `packages/${name} may not import @campus-cockpit/${other} (dependency direction: widgets → client → query; server → query).`,
            })),
          {
            group: ['**/packages/*/src/**', '../../*/src/**', '../../../*/src/**'],
            message: 'Import another package by its name (@campus-cockpit/…), never by path.',
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'storybook-static/**',
      'coverage/**',
      '**/*.duckdb*',
      'packages/*/src/**/*.generated.*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        performance: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  ...dependencyDirection,
  prettier,
);
