import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { TextField } from '#app/components/ui/conform-fields.tsx'
import { AuthPage, FormError, Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { logIn, resendVerification } from '#app/domain/accounts/accounts.server.ts'
import { type DemoSignIn } from '#app/domain/accounts/demo-accounts.ts'
import { demoSignInFor } from '#app/domain/accounts/demo-accounts.server.ts'
import { accountUnderAttack, isKnownAddress, passwordTriesLeft, recordWrongPassword, rememberAddress, sendSignInCode } from '#app/domain/accounts/sign-in.server.ts'
import { secondStepAfterPassword, signInCodeWaitMessage } from '#app/domain/auth/login-policy.ts'
import { LoginSchema } from '#app/domain/accounts/schemas.ts'
import { safeRedirect } from '#app/domain/auth/redirect.ts'
import { type SessionAccess } from '#app/domain/auth/two-factor.ts'
import { env } from '#app/utils/env.server.ts'
import { clientIp, tooManyAttempts } from '#app/utils/http.server.ts'
import { requireAnonymous } from '#app/utils/permissions.server.ts'
import { consumeRateLimits } from '#app/utils/rate-limit.server.ts'
import { startSessionAndRedirect } from '#app/utils/session.server.ts'

export const meta: MetaFunction = () => [{ title: 'Log in — Tandem' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	// In development, the seeded demo log-ins are listed so a newcomer can sign in (never in production).
	return { demo: await demoSignInFor(env().NODE_ENV) }
}

export async function action({ request }: ActionFunctionArgs) {
	await requireAnonymous(request)
	const submission = parseWithZod(await request.formData(), { schema: LoginSchema })
	if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
	const { email, password, redirectTo } = submission.value

	// Per address, so that nobody can lock anyone else out (login-policy.ts).
	const ip = clientIp()
	const limited = await consumeRateLimits([['loginPerIp', ip]])
	const tries = limited.allowed ? await passwordTriesLeft(email, ip) : limited
	if (!tries.allowed) return tooManyAttempts(submission.reply({ hideFields: ['password'] }), tries.retryAfterSeconds)

	const underAttack = await accountUnderAttack(email)
	const result = await logIn({ email, password })
	if (result.kind === 'invalid') {
		await recordWrongPassword(email, ip)
		return data({ result: submission.reply({ formErrors: ['That email address and password do not match an account.'], hideFields: ['password'] }) }, { status: 400 })
	}
	if (result.kind === 'unverified') {
		await resendVerification(result.email)
		return data({ result: submission.reply({ formErrors: ['Please confirm your email address first. We have sent you a new link.'], hideFields: ['password'] }) }, { status: 403 })
	}
	const next = safeRedirect(redirectTo)
	const step = secondStepAfterPassword({ access: result.access, accountUnderAttack: underAttack, knownAddress: await isKnownAddress(result.userId, ip) })
	if (step === 'sign_in_code') {
		const code = await sendSignInCode(result.userId, email)
		// Past the sending limit: no email and no session, only how long to wait.
		if (code.kind === 'limited') return tooManyAttempts(submission.reply({ hideFields: ['password'] }), code.retryAfterSeconds, undefined, signInCodeWaitMessage(code.retryAfterSeconds))
		return startSessionAndRedirect(result.userId, `/login/code?${new URLSearchParams({ redirectTo: next })}`, code)
	}
	if (result.access === 'full') await rememberAddress(result.userId, ip)
	return startSessionAndRedirect(result.userId, afterPassword(result.access, next))
}

/** Where a fresh session goes: on, or first to the second factor (given, or set up). */
function afterPassword(access: SessionAccess, next: string) {
	if (access === 'full') return next
	const step = access === 'two_factor' ? '/login/two-factor' : '/account/two-factor'
	return `${step}?${new URLSearchParams({ redirectTo: next })}`
}

export default function Login() {
	const { demo } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [searchParams] = useSearchParams()
	const [form, fields] = useForm({
		id: 'login',
		lastResult: actionData?.result,
		constraint: getZodConstraint(LoginSchema),
		shouldRevalidate: 'onBlur',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
	})
	return (
		<AuthPage
			title="Log in"
			intro={
				<>
					New to Tandem?{' '}
					<Link className="font-medium text-brand-700 underline" to="/signup">
						Create an account
					</Link>
					.
				</>
			}
		>
			{searchParams.get('reset') === '1' ? <Notice tone="success">Your password has been changed. Log in with the new one.</Notice> : null}
			<Form method="post" {...getFormProps(form)} className="space-y-5">
				<input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
				<TextField meta={fields.email} label="Email address" type="email" autoComplete="email" />
				<TextField meta={fields.password} label="Password" type="password" autoComplete="current-password" />
				<FormError id={form.errorId} errors={form.errors} />
				<div className="flex items-center justify-between">
					<SubmitButton pending={navigation.state === 'submitting'}>Log in</SubmitButton>
					<Link className="text-sm font-medium text-brand-700 underline" to="/forgot-password">
						Forgot your password?
					</Link>
				</div>
			</Form>
			{demo ? (
				<DemoAccounts
					demo={demo}
					onUse={(email) => {
						form.update({ name: fields.email.name, value: email })
						form.update({ name: fields.password.name, value: demo.password })
						document.getElementById(fields.password.id)?.focus()
					}}
				/>
			) : null}
		</AuthPage>
	)
}

function DemoAccounts({ demo, onUse }: { demo: DemoSignIn; onUse: (email: string) => void }) {
	return (
		<section aria-labelledby="demo-accounts-title" className="mt-10 rounded border border-dashed border-slate-400 bg-slate-50 p-4 text-sm text-slate-800">
			<h2 id="demo-accounts-title" className="text-base font-semibold text-slate-900">
				Demo accounts <span className="font-normal text-slate-700">(development only)</span>
			</h2>
			<p className="mt-1">
				Every demo account’s password is <code className="whitespace-nowrap rounded bg-white px-1 font-mono text-slate-900">{demo.password}</code>. “Use” fills in the form.
			</p>
			<ul className="mt-3 divide-y divide-slate-200">
				{demo.accounts.map((account) => (
					<li key={account.email} className="flex items-start gap-3 py-2">
						<button
							type="button"
							onClick={() => onUse(account.email)}
							aria-label={`Use ${account.email}`}
							className="shrink-0 rounded border border-brand-700 px-2 py-0.5 font-medium text-brand-700 hover:bg-brand-50"
						>
							Use
						</button>
						<span className="min-w-0">
							<span className="block break-all font-mono text-slate-900">{account.email}</span>
							<span className="block text-slate-700">{account.role}</span>
						</span>
					</li>
				))}
			</ul>
			{demo.adminTotpKey ? (
				<p className="mt-2">
					The platform admin also needs a code from an authenticator app set up with the key <code className="break-all rounded bg-white px-1 font-mono text-slate-900">{demo.adminTotpKey}</code>.
				</p>
			) : null}
		</section>
	)
}
