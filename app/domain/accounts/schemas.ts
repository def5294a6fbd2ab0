// Form and API shapes for accounts, shared by the browser (Conform) and the server.
import { z } from 'zod'
import { checkPassword, describePasswordProblem, PASSWORD_MAX_LENGTH } from '../auth/passwords.ts'
import { normalizeRecoveryCode, normalizeTotpCode } from '../auth/two-factor.ts'

export const EmailSchema = z
	.string({ required_error: 'Enter your email address.' })
	.trim()
	.min(1, 'Enter your email address.')
	.max(254, 'An email address has at most 254 characters.')
	.email('Enter an email address like name@example.com.')
	.transform((value) => value.toLowerCase())

export const NameSchema = z.string({ required_error: 'Enter your name.' }).trim().min(1, 'Enter your name.').max(100, 'Use at most 100 characters.')

export const ClinicNameSchema = z
	.string({ required_error: 'Enter the clinic’s name.' })
	.trim()
	.min(1, 'Enter the clinic’s name.')
	.min(2, 'A clinic’s name has at least 2 characters.')
	.max(120, 'Use at most 120 characters.')

const AnyPassword = z.string({ required_error: 'Enter your password.' }).min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH, `A password has at most ${PASSWORD_MAX_LENGTH} characters.`)

function newPassword<T extends z.ZodRawShape>(shape: T, field: string, emailOf: (value: z.infer<z.ZodObject<T>>) => string | undefined) {
	return z.object(shape).superRefine((value, ctx) => {
		const password = (value as Record<string, unknown>)[field]
		if (typeof password !== 'string') return
		const problem = checkPassword(password, { email: emailOf(value) })
		if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: describePasswordProblem(problem) })
	})
}

export const SignupSchema = newPassword({ name: NameSchema, email: EmailSchema, password: z.string({ required_error: 'Choose a password.' }) }, 'password', (v) => v.email)

export const LoginSchema = z.object({
	email: EmailSchema,
	password: AnyPassword,
	redirectTo: z.string().max(2000).optional(),
})

export const ForgotPasswordSchema = z.object({ email: EmailSchema })

export const ResetPasswordSchema = newPassword({ token: z.string().max(64), password: z.string({ required_error: 'Choose a password.' }) }, 'password', () => undefined)

export const ChangePasswordSchema = newPassword({ currentPassword: AnyPassword, newPassword: z.string({ required_error: 'Choose a new password.' }) }, 'newPassword', () => undefined)

export const TotpCodeSchema = z
	.string({ required_error: 'Enter the 6-digit code from your authenticator app.' })
	.trim()
	.max(20, 'Enter the 6-digit code from your authenticator app.')
	.refine((value) => normalizeTotpCode(value) !== null, 'Enter the 6 digits your authenticator app shows for Tandem.')

export const RecoveryCodeSchema = z
	.string({ required_error: 'Enter one of your recovery codes.' })
	.trim()
	.max(40, 'A recovery code looks like ABCD-EFGH-IJKL-MNOP.')
	.refine((value) => normalizeRecoveryCode(value) !== null, 'A recovery code looks like ABCD-EFGH-IJKL-MNOP.')

export const TwoFactorLoginSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('totp'), code: TotpCodeSchema, redirectTo: z.string().max(2000).optional() }),
	z.object({ intent: z.literal('recovery'), recoveryCode: RecoveryCodeSchema, redirectTo: z.string().max(2000).optional() }),
])

export const SignInCodeSchema = z.discriminatedUnion('intent', [
	z.object({
		intent: z.literal('verify'),
		code: z
			.string({ required_error: 'Enter the 6-digit code from the email.' })
			.trim()
			.regex(/^[\d\s-]{6,9}$/, 'The code is 6 digits, like 123456.'),
		redirectTo: z.string().max(2000).optional(),
	}),
	z.object({ intent: z.literal('resend'), redirectTo: z.string().max(2000).optional() }),
])
