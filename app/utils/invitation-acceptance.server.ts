// Accepting an emailed invitation, whichever kind (a clinic's team, therapist sign-up): the form's
// schema, the rate limit, a signed-in person accepting as themself or someone new creating their
// account, and the answer to each outcome. The kinds differ only in what accepting does.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect } from '@remix-run/node'
import { z } from 'zod'
import { NameSchema } from '#app/domain/accounts/schemas.ts'
import { checkPassword, describePasswordProblem } from '#app/domain/auth/passwords.ts'
import { clientIp, tooManyAttempts } from './http.server.ts'
import { getFullAuth } from './permissions.server.ts'
import { consumeRateLimits } from './rate-limit.server.ts'
import { startSessionAndRedirect } from './session.server.ts'

const TokenSchema = z.string().max(64)

export const AcceptInvitationSchema = z
	.discriminatedUnion('intent', [
		z.object({ intent: z.literal('accept'), token: TokenSchema }),
		z.object({ intent: z.literal('create-account'), token: TokenSchema, name: NameSchema, password: z.string({ required_error: 'Choose a password.' }) }),
	])
	.superRefine((value, ctx) => {
		const problem = value.intent === 'create-account' ? checkPassword(value.password) : null
		if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['password'], message: describePasswordProblem(problem) })
	})

export type Who = { as: { userId: string; email: string } } | { newAccount: { name: string; password: string } }
type Outcome = { kind: 'joined'; userId: string } | { kind: 'invalid' } | { kind: 'wrong_account'; invitedEmail: string } | { kind: 'account_exists' } | { kind: string }

/**
 * The action of an invitation page at `path`: `accept` uses the token for `who`; `joinedTo` is
 * where someone who joined goes; `refusals` answers the kinds of outcome only this invitation has.
 */
export async function acceptInvitationForm<R extends Outcome>(
	request: Request,
	options: {
		path: string
		accept: (token: string, who: Who) => Promise<R>
		joinedTo: (joined: Extract<R, { kind: 'joined' }>) => string
		refusals?: Record<string, { status: number; message: string }>
	},
) {
	const submission = parseWithZod(await request.formData(), { schema: AcceptInvitationSchema })
	if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
	const limited = await consumeRateLimits([['invitationPerIp', clientIp()]])
	if (!limited.allowed) return tooManyAttempts(submission.reply({ hideFields: ['password'] }), limited.retryAfterSeconds)

	const { value } = submission
	const auth = await getFullAuth(request)
	if (value.intent === 'accept' && !auth) throw redirect(`/login?${new URLSearchParams({ redirectTo: `${options.path}?token=${value.token}` })}`)
	const result = await options.accept(
		value.token,
		value.intent === 'accept' ? { as: { userId: auth!.user.id, email: auth!.user.email } } : { newAccount: { name: value.name, password: value.password } },
	)
	const refuse = (status: number, message: string, hidePassword = true) =>
		data({ result: submission.reply({ formErrors: [message], ...(hidePassword ? { hideFields: ['password'] } : {}) }) }, { status })
	if (result.kind === 'joined') {
		const joined = result as Extract<R, { kind: 'joined' }>
		const to = options.joinedTo(joined)
		return value.intent === 'accept' ? redirect(to) : startSessionAndRedirect((joined as { userId: string }).userId, to)
	}
	if (result.kind === 'invalid') return refuse(410, 'This invitation has already been used, was withdrawn, or has expired. Ask the clinic to invite you again.')
	if (result.kind === 'wrong_account') return refuse(403, `This invitation is for ${(result as { invitedEmail: string }).invitedEmail}. Log out, then open the link again.`, false)
	if (result.kind === 'account_exists') return refuse(409, 'That address already has an account. Log in to accept the invitation.')
	const refusal = options.refusals?.[result.kind]
	if (!refusal) throw new Error(`No answer for the invitation outcome ${result.kind}`)
	return refuse(refusal.status, refusal.message)
}
