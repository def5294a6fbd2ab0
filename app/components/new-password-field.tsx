// The field for choosing a password: the length rule and a strength hint that updates as the
// person types (announced politely to screen readers).
import { type FieldMetadata } from '@conform-to/react'
import { useState } from 'react'
import { PASSWORD_MIN_LENGTH, passwordStrength } from '#app/domain/auth/passwords.ts'
import { TextField } from './ui/conform-fields.tsx'

const STRENGTH_TEXT = { weak: 'Weak', fair: 'Fair', strong: 'Strong' } as const

export function NewPasswordField({ meta, label = 'Password' }: { meta: FieldMetadata<string>; label?: string }) {
	const [password, setPassword] = useState('')
	const strength = password ? passwordStrength(password) : null
	return (
		<div onChange={(event) => setPassword((event.target as HTMLInputElement).value)}>
			<TextField
				meta={meta}
				label={label}
				type="password"
				autoComplete="new-password"
				hint={
					<>
						At least {PASSWORD_MIN_LENGTH} characters; length matters more than symbols.
						{strength ? (
							<span aria-live="polite">
								{' '}
								Strength: <strong>{STRENGTH_TEXT[strength]}</strong>.
							</span>
						) : null}
					</>
				}
			/>
		</div>
	)
}
