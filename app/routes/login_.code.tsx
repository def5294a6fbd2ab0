// The emailed code a log-in owes when the account is under attack and the address is new
// (login-policy.ts): enter it, or have a new one sent. Wrong codes are limited per account; the
// code works only in the session that asked for it.
import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { TextField } from '#app/components/ui/conform-fields.tsx'
import { AuthPage, FormError, Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { SignInCodeSchema } from '#app/domain/accounts/schemas.ts'
import { resendSignInCode, verifySignInCode } from '#app/domain/accounts/sign-in.server.ts'
import { signInCodeWaitMessage } from '#app/domain/auth/login-policy.ts'
import { safeRedirect } from '#app/domain/auth/redirect.ts'
import { clientIp, tooManyAttempts } from '#app/utils/http.server.ts'
import { requireSession } from '#app/utils/permissions.server.ts'

export const meta: MetaFunction = () => [{ title: 'Finish signing in — Tandem' }]

/** Only sessions that owe a code belong here; others are sent on, through two-factor if it is owed. */
async function requireCodeOwed(request: Request) {
	const auth = await requireSession(request)
	if (auth.access !== 'sign_in_code') throw redirect(afterCode(auth.access, safeRedirect(new URL(request.url).searchParams.get('redirectTo'))))
	return auth
}

function afterCode(access: string, next: string) {
	if (access === 'two_factor') return `/login/two-factor?${new URLSearchParams({ redirectTo: next })}`
	if (access === 'two_factor_setup') return `/account/two-factor?${new URLSearchParams({ redirectTo: next })}`
	return next
}

export async function loader({ request }: LoaderFunctionArgs) {
	const auth = await requireCodeOwed(request)
	return { email: auth.user.email }
}

export async function action({ request }: ActionFunctionArgs) {
	const auth = await requireCodeOwed(request)
	const submission = parseWithZod(await request.formData(), { schema: SignInCodeSchema })
	const hide = { hideFields: ['code'] }
	if (submission.status !== 'success') return data({ result: submission.reply(hide), resent: false }, { status: 400 })
	const who = { userId: auth.user.id, sessionId: auth.sessionId }
	if (submission.value.intent === 'resend') {
		const sent = await resendSignInCode({ ...who, email: auth.user.email })
		if (sent.kind !== 'sent') {
			const message = sent.kind === 'limited' ? signInCodeWaitMessage(sent.retryAfterSeconds) : undefined
			return tooManyAttempts(submission.reply(hide), sent.retryAfterSeconds, { resent: false }, message)
		}
		return { result: submission.reply({ resetForm: true }), resent: true }
	}
	const result = await verifySignInCode({ ...who, ip: clientIp(), typed: submission.value.code })
	if (result.kind === 'locked') return tooManyAttempts(submission.reply(hide), result.retryAfterSeconds, { resent: false })
	// On, through two-factor when the account has it (the code is owed before it).
	if (result.kind === 'verified') return redirect(afterCode(result.access, safeRedirect(submission.value.redirectTo)))
	const message = result.kind === 'expired' ? 'That code has expired. Send yourself a new one below.' : 'That code is not right. Check the newest email from Tandem.'
	return data({ result: submission.reply({ fieldErrors: { code: [message] }, ...hide }), resent: false }, { status: 400 })
}

export default function SignInCode() {
	const { email } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [searchParams] = useSearchParams()
	const [form, fields] = useForm({
		id: 'sign-in-code',
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInCodeSchema }),
	})
	const redirectTo = searchParams.get('redirectTo') ?? ''
	return (
		<AuthPage
			title="Finish signing in"
			intro={`Someone has been trying to guess this account’s password, so signing in from a new place takes one more step. We have emailed a 6-digit code to ${email}.`}
		>
			{actionData?.resent ? <Notice tone="success">We have sent a new code. Only the newest one works.</Notice> : null}
			<Form method="post" {...getFormProps(form)} className="space-y-5">
				<input type="hidden" name="redirectTo" value={redirectTo} />
				<TextField meta={fields.code} label="Code from the email" inputMode="numeric" autoComplete="one-time-code" />
				<FormError id={form.errorId} errors={form.errors} />
				<SubmitButton name="intent" value="verify" pending={navigation.state === 'submitting'}>
					Continue
				</SubmitButton>
			</Form>
			<Form method="post" className="space-y-2">
				<input type="hidden" name="redirectTo" value={redirectTo} />
				<button type="submit" name="intent" value="resend" className="text-sm font-medium text-brand-700 underline">
					Send me a new code
				</button>
			</Form>
			<Form method="post" action="/logout">
				<button type="submit" className="text-sm text-slate-700 underline">
					Cancel and log out
				</button>
			</Form>
		</AuthPage>
	)
}
