// ESLint flat config: typescript-eslint's recommended rules plus the project's
// conventions (type-only imports, no `any`, strict equality). Generated code is ignored.
import tseslint from 'typescript-eslint';

export default tseslint.config(
    { ignores: ['node_modules/', 'dist/', 'out/', 'language/generated/', '.cache/', 'test/e2e/.vscode-test/', '.scratch/', '**/*.cjs', '**/*.js'] },
    ...tseslint.configs.recommended,
    {
        files: ['**/*.ts', '**/*.mjs'],
        rules: {
            '@typescript-eslint/consistent-type-imports': 'error',
            '@typescript-eslint/no-explicit-any': 'error',
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
            eqeqeq: ['error', 'always'],
        },
    },
);
