import js from '@eslint/js'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
	{ ignores: ['build/**', 'dist/**', 'app/generated/**', 'data/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.{ts,tsx}'],
		languageOptions: { globals: { ...globals.node, ...globals.browser } },
		plugins: { react, 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
		settings: { react: { version: 'detect' } },
		rules: {
			...react.configs.recommended.rules,
			...react.configs['jsx-runtime'].rules,
			...reactHooks.configs.recommended.rules,
			...jsxA11y.configs.recommended.rules,
			'react/prop-types': 'off',
			'@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'no-restricted-imports': ['error', { patterns: [{ group: ['**/*.server', '**/*.server.ts'], message: 'Pure domain modules must not import server code.' }] }],
		},
	},
	{
		// The launcher and the server build run before anything is compiled: plain JavaScript for Node.
		files: ['scripts/*.js'],
		languageOptions: { globals: globals.node },
	},
	{
		// Server code, routes, scripts and tests may import server modules; pure modules may not.
		files: ['**/*.server.ts', 'app/routes/**', 'app/root.tsx', 'app/entry.server.tsx', 'scripts/**', 'server/**', 'tests/**', 'prisma/**', '*.config.ts', '**/*.server.test.ts'],
		rules: { 'no-restricted-imports': 'off' },
	},
)
