// Confirming an email address. The link opens a page with a button: following the link alone
// changes nothing, so mail scanners that prefetch links cannot use the token up.
import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { TextField } from '#app/components/ui/conform-fields.tsx'
import { AuthPage, FormError, Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { isUsableToken, resendVerification, verifyEmail } from '#app/domain/accounts/accounts.server.ts'
import { EmailSchema } from '#app/domain/accounts/schemas.ts'
import { clientIp, tooManyAttempts } from '#app/utils/http.server.ts'
import { consumeRateLimits } from '#app/utils/rate-limit.server.ts'
import { startSessionAndRedirect } from '#app/utils/session.server.ts'

export const meta: MetaFunction = () => [{ title: 'Confirm your email — Tandem' }]

const ActionSchema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('confirm'), token: z.string().max(64) }), z.object({ intent: z.literal('resend'), email: EmailSchema })])

export async function loader({ request }: LoaderFunctionArgs) {
	const url = new URL(request.url)
	const token = url.searchParams.get('token')
	return {
		token,
		tokenUsable: token ? await isUsableToken(token, 'email_verification') : null,
		sent: url.searchParams.get('sent') === '1',
	}
}

// Said of the form, and of the field it is about (the link's token), for clients that read fields.
const EXPIRED = 'This link has already been used or has expired. Ask for a new one below.'

export async function action({ request }: ActionFunctionArgs) {
	const submission = parseWithZod(await request.formData(), { schema: ActionSchema })
	if (submission.status !== 'success') return data({ result: submission.reply(), resent: false }, { status: 400 })
	if (submission.value.intent === 'resend') {
		const limited = await consumeRateLimits([
			['verifyResendPerAccount', submission.value.email],
			['verifyResendPerIp', clientIp()],
		])
		if (!limited.allowed) return tooManyAttempts(submission.reply(), limited.retryAfterSeconds)
		await resendVerification(submission.value.email)
		return { result: submission.reply({ resetForm: true }), resent: true }
	}
	const verified = await verifyEmail(submission.value.token)
	if (verified.kind === 'invalid') {
		return data({ result: submission.reply({ formErrors: [EXPIRED], fieldErrors: { token: [EXPIRED] } }), resent: false }, { status: 400 })
	}
	return startSessionAndRedirect(verified.userId, '/account?verified=1')
}

export default function VerifyEmail() {
	const { token, tokenUsable, sent } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useForm({
		id: 'resend-verification',
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ActionSchema }),
	})
	if (token && tokenUsable) {
		return (
			<AuthPage title="Confirm your email address">
				<Form method="post" className="space-y-4">
					<input type="hidden" name="token" value={token} />
					<FormError id="confirm-error" errors={actionData?.result?.error?.[''] ?? null} />
					<SubmitButton name="intent" value="confirm">
						Confirm my email address
					</SubmitButton>
				</Form>
			</AuthPage>
		)
	}
	return (
		<AuthPage title={token ? 'This link cannot be used' : 'Check your email'}>
			{token ? (
				<Notice>
					This confirmation link has already been used or has expired. If you have already confirmed,{' '}
					<Link className="underline" to="/login">
						log in
					</Link>
					.
				</Notice>
			) : sent ? (
				<Notice tone="success">If the address can be used, we have sent a confirmation link to it. It expires in 24 hours.</Notice>
			) : null}
			{actionData && 'resent' in actionData && actionData.resent ? <Notice tone="success">If that address has an unconfirmed account, a new link is on its way.</Notice> : null}
			<Form method="post" {...getFormProps(form)} className="space-y-4">
				<p className="text-slate-700">No email? Check your spam folder, or ask for another link.</p>
				<TextField meta={fields.email} label="Email address" type="email" autoComplete="email" />
				<FormError id={form.errorId} errors={form.errors} />
				<SubmitButton name="intent" value="resend">
					Send a new link
				</SubmitButton>
			</Form>
		</AuthPage>
	)
}
