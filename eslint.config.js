// @ts-check
/**
 * The linter: eslint's and typescript-eslint's recommended rules, minus the
 * few that fight how quire is written. Layout is prettier's job
 * (.prettierrc.json), so no rule here is about it.
 */
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'site/', 'node_modules/', '.quire-cache/', 'test/fixtures/', 'screenshots/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.node },
    rules: {
      // quire matches control characters on purpose: to show them escaped in diagnostics and to strip them from output.
      'no-control-regex': 'off',
      // `const { body: _body, ...rest } = doc` leaves a field out; `_` marks what is unused on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // A variable declared before the closures that read it, and assigned once later, stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // The scripts the site ships and the dev server's client run in the browser.
    files: ['templates/assets/**/*.js', 'templates/dev/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests read parsed XML and JSON whose shape the assertions check.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
)
