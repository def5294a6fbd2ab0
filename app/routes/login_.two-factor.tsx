// The second step of logging in for accounts with two-factor on: a code from the authenticator
// app, or a recovery code. Rate-limited per account and per IP; a code works once.
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { TextField } from '#app/components/ui/conform-fields.tsx'
import { AuthPage, FormError, SubmitButton } from '#app/components/ui/forms.tsx'
import { TwoFactorLoginSchema } from '#app/domain/accounts/schemas.ts'
import { redeemRecoveryCode, verifyTwoFactor } from '#app/domain/accounts/two-factor.server.ts'
import { rememberAddress } from '#app/domain/accounts/sign-in.server.ts'
import { safeRedirect } from '#app/domain/auth/redirect.ts'
import { clientIp, tooManyAttempts } from '#app/utils/http.server.ts'
import { requireSession } from '#app/utils/permissions.server.ts'
import { consumeRateLimits } from '#app/utils/rate-limit.server.ts'

export const meta: MetaFunction = () => [{ title: 'Two-factor sign-in — Tandem' }]

/** Only sessions that owe a code belong here; others are sent where they can go. */
async function requirePendingSession(request: Request) {
	const auth = await requireSession(request)
	const next = safeRedirect(new URL(request.url).searchParams.get('redirectTo'))
	if (auth.access === 'full') throw redirect(next)
	if (auth.access === 'sign_in_code') throw redirect(`/login/code?${new URLSearchParams({ redirectTo: next })}`)
	if (auth.access === 'two_factor_setup') throw redirect(`/account/two-factor?${new URLSearchParams({ redirectTo: next })}`)
	return auth
}

export async function loader({ request }: LoaderFunctionArgs) {
	await requirePendingSession(request)
	return null
}

export async function action({ request }: ActionFunctionArgs) {
	const auth = await requirePendingSession(request)
	const submission = parseWithZod(await request.formData(), { schema: TwoFactorLoginSchema })
	const hide = { hideFields: ['code', 'recoveryCode'] }
	if (submission.status !== 'success') return data({ result: submission.reply(hide) }, { status: 400 })

	const limited = await consumeRateLimits([
		['totpPerAccount', auth.user.id],
		['totpPerIp', clientIp()],
	])
	if (!limited.allowed) return tooManyAttempts(submission.reply(hide), limited.retryAfterSeconds)

	const next = safeRedirect(submission.value.redirectTo)
	const who = { userId: auth.user.id, sessionId: auth.sessionId }
	if (submission.value.intent === 'totp') {
		const result = await verifyTwoFactor({ ...who, code: submission.value.code })
		if (result.kind === 'locked') return lockedStep(submission.reply(hide), result.retryAfterSeconds)
		if (result.kind === 'verified') {
			await rememberAddress(auth.user.id, clientIp())
			return redirect(next)
		}
		const message = result.reason === 'reused' ? 'That code has just been used. Wait for the next one.' : 'That code is not right. Check that your phone’s clock is correct and try the newest code.'
		return data({ result: submission.reply({ fieldErrors: { code: [message] }, ...hide }) }, { status: 400 })
	}
	const result = await redeemRecoveryCode({ ...who, code: submission.value.recoveryCode })
	if (result.kind === 'locked') return lockedStep(submission.reply(hide), result.retryAfterSeconds)
	if (result.kind === 'wrong_code') {
		return data({ result: submission.reply({ fieldErrors: { recoveryCode: ['That recovery code is not right or has been used.'] }, ...hide }) }, { status: 400 })
	}
	await rememberAddress(auth.user.id, clientIp())
	// Few codes left: say so on the account page, where new ones can be made.
	return redirect(result.codesLeft <= 3 ? `/account?${new URLSearchParams({ recoveryCodesLeft: String(result.codesLeft) })}` : next)
}

/** Too many wrong codes: the step is locked for a while, and the person has been told by email. */
function lockedStep(result: SubmissionResult<string[]>, retryAfterSeconds: number) {
	const minutes = Math.ceil(retryAfterSeconds / 60)
	const message = `Too many wrong codes: two-factor sign-in is locked for ${minutes} minute${minutes === 1 ? '' : 's'}. We have emailed the account’s owner.`
	return data({ result: { ...result, status: 'error' as const, error: { '': [message] } } }, { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } })
}

export default function TwoFactorLogin() {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [searchParams] = useSearchParams()
	// A link rather than a toggle, so it works before JavaScript has loaded.
	const useRecovery = searchParams.get('method') === 'recovery'
	const other = new URLSearchParams(searchParams)
	if (useRecovery) other.delete('method')
	else other.set('method', 'recovery')
	const [form, fields] = useForm({
		id: useRecovery ? 'two-factor-recovery' : 'two-factor-code',
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: TwoFactorLoginSchema }),
	})
	return (
		<AuthPage
			title="Two-factor sign-in"
			intro={useRecovery ? 'Enter one of the recovery codes you saved when you set up two-factor sign-in. Each code works once.' : 'Enter the 6-digit code your authenticator app shows for Tandem.'}
		>
			<Form method="post" {...getFormProps(form)} className="space-y-5">
				<input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
				{useRecovery ? (
					<TextField meta={fields.recoveryCode} label="Recovery code" autoComplete="off" />
				) : (
					<TextField meta={fields.code} label="Code" inputMode="numeric" autoComplete="one-time-code" />
				)}
				<FormError id={form.errorId} errors={form.errors} />
				<SubmitButton name="intent" value={useRecovery ? 'recovery' : 'totp'} pending={navigation.state === 'submitting'}>
					Continue
				</SubmitButton>
			</Form>
			<Link className="block text-sm font-medium text-brand-700 underline" to={`?${other}`}>
				{useRecovery ? 'Use a code from my authenticator app' : 'I cannot use my authenticator app'}
			</Link>
			<Form method="post" action="/logout">
				<button type="submit" className="text-sm text-slate-700 underline">
					Cancel and log out
				</button>
			</Form>
		</AuthPage>
	)
}
