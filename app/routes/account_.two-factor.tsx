// Setting up two-factor sign-in (or moving it to a new phone): scan the QR code or type the key,
// confirm with a code, then save the recovery codes, shown this once. Platform admins are sent
// here after their password until they have done it.
import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding'
import QRCode from 'qrcode'
import { z } from 'zod'
import { ButtonLink } from '#app/components/ui/button.tsx'
import { TextField } from '#app/components/ui/conform-fields.tsx'
import { AuthPage, FormError, Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { RecoveryCodeList } from '#app/components/recovery-codes.tsx'
import { TotpCodeSchema } from '#app/domain/accounts/schemas.ts'
import { enableTwoFactor, twoFactorStatus } from '#app/domain/accounts/two-factor.server.ts'
import { safeRedirect } from '#app/domain/auth/redirect.ts'
import { formatTotpKey, generateTotpKey, TOTP_KEY_BYTES, totpKeyUri } from '#app/domain/auth/two-factor.ts'
import { clientIp, tooManyAttempts } from '#app/utils/http.server.ts'
import { requireSession } from '#app/utils/permissions.server.ts'
import { consumeRateLimits } from '#app/utils/rate-limit.server.ts'

export const meta: MetaFunction = () => [{ title: 'Set up two-factor sign-in — Tandem' }]

/** Anyone signed in may set it up, but moving it to a new phone needs the current second factor first. */
async function requireSetupSession(request: Request) {
	const auth = await requireSession(request)
	if (auth.access === 'sign_in_code') throw redirect(`/login/code?${new URLSearchParams({ redirectTo: '/account/two-factor' })}`)
	if (auth.access === 'two_factor') {
		throw redirect(`/login/two-factor?${new URLSearchParams({ redirectTo: '/account/two-factor' })}`)
	}
	return auth
}

async function setupFor(email: string, key: Uint8Array) {
	const svg = await QRCode.toString(totpKeyUri(email, key), { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
	return {
		key: encodeBase32UpperCaseNoPadding(key),
		formattedKey: formatTotpKey(key),
		qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
	}
}

export async function loader({ request }: LoaderFunctionArgs) {
	const auth = await requireSetupSession(request)
	const status = await twoFactorStatus(auth.user.id)
	return { setup: await setupFor(auth.user.email, generateTotpKey()), enabled: status.enabled, required: status.required }
}

const EnableSchema = z.object({
	key: z.string().regex(/^[A-Z2-7]{32}$/, 'The set-up form was damaged; reload the page.'),
	code: TotpCodeSchema,
	/** Moving two-factor to a new phone: a code from the app in use now. */
	currentCode: TotpCodeSchema.optional(),
	redirectTo: z.string().max(2000).optional(),
})

export async function action({ request }: ActionFunctionArgs) {
	const auth = await requireSetupSession(request)
	const submission = parseWithZod(await request.formData(), { schema: EnableSchema })
	const key = submission.status === 'success' ? decodeBase32IgnorePadding(submission.value.key) : null
	if (submission.status !== 'success' || key?.length !== TOTP_KEY_BYTES) {
		return data({ result: submission.reply({ hideFields: ['code'] }), setup: null, recoveryCodes: null, next: null }, { status: 400 })
	}
	const limited = await consumeRateLimits([
		['totpPerAccount', auth.user.id],
		['totpPerIp', clientIp()],
	])
	if (!limited.allowed) return tooManyAttempts(submission.reply({ hideFields: ['code'] }), limited.retryAfterSeconds)

	const result = await enableTwoFactor({ userId: auth.user.id, sessionId: auth.sessionId, key, code: submission.value.code, currentCode: submission.value.currentCode })
	if (result.kind === 'wrong_current_code') {
		return data(
			{
				result: submission.reply({ fieldErrors: { currentCode: ['That is not a current code from the app you use now. Moving two-factor sign-in needs one.'] }, hideFields: ['code', 'currentCode'] }),
				setup: await setupFor(auth.user.email, key),
				recoveryCodes: null,
				next: null,
			},
			{ status: 400 },
		)
	}
	if (result.kind === 'wrong_code') {
		// The same key again, so the app the person has just set up keeps working.
		return data(
			{
				result: submission.reply({ fieldErrors: { code: ['That code does not match. Check that you scanned this page’s QR code and that your phone’s clock is correct.'] }, hideFields: ['code'] }),
				setup: await setupFor(auth.user.email, key),
				recoveryCodes: null,
				next: null,
			},
			{ status: 400 },
		)
	}
	return { result: submission.reply({ resetForm: true }), setup: null, recoveryCodes: result.recoveryCodes, next: safeRedirect(submission.value.redirectTo, '/account') }
}

export default function TwoFactorSetup() {
	const loaderData = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const outcome = actionData && 'setup' in actionData ? actionData : null
	const navigation = useNavigation()
	const [searchParams] = useSearchParams()
	const [form, fields] = useForm({
		id: 'two-factor-setup',
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: EnableSchema }),
	})

	if (outcome?.recoveryCodes) {
		return (
			<AuthPage title="Save your recovery codes">
				<Notice tone="success">Two-factor sign-in is on.</Notice>
				<p className="text-slate-700">If you lose your phone, each of these codes lets you sign in once. Keep them somewhere safe, such as a password manager. They will not be shown again.</p>
				<RecoveryCodeList codes={outcome.recoveryCodes} />
				<ButtonLink to={outcome.next ?? '/account'}>I have saved them — continue</ButtonLink>
			</AuthPage>
		)
	}

	const setup = outcome?.setup ?? loaderData.setup
	return (
		<AuthPage
			title={loaderData.enabled ? 'Move two-factor sign-in to a new phone' : 'Set up two-factor sign-in'}
			intro={
				loaderData.required && !loaderData.enabled
					? 'Platform admins must use two-factor sign-in. Set it up to continue.'
					: 'After your password, Tandem will ask for a code from an authenticator app on your phone.'
			}
		>
			{loaderData.enabled ? <Notice>When you confirm below, your old authenticator app and recovery codes stop working, and you are signed out everywhere else.</Notice> : null}
			<ol className="list-decimal space-y-4 pl-5 text-slate-800">
				<li>
					<p>Scan this QR code with an authenticator app (for example 1Password, Google Authenticator or Microsoft Authenticator).</p>
					<img src={setup.qrCode} alt="QR code for your authenticator app; the key is written out below it" width={192} height={192} className="mt-3 rounded border border-slate-200" />
					<p className="mt-3 text-sm">
						Cannot scan? Enter this key in the app instead:{' '}
						<code className="break-all rounded bg-slate-100 px-1 py-0.5 font-mono" data-testid="totp-key">
							{setup.formattedKey}
						</code>
					</p>
				</li>
				<li>
					<Form method="post" {...getFormProps(form)} className="space-y-4">
						<input type="hidden" name="key" value={setup.key} />
						<input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
						{loaderData.enabled ? <TextField meta={fields.currentCode} label="A code from the app you use now (on your old phone)" inputMode="numeric" autoComplete="one-time-code" /> : null}
						<TextField meta={fields.code} label={loaderData.enabled ? 'The 6-digit code the new app shows' : 'Enter the 6-digit code the app shows'} inputMode="numeric" autoComplete="one-time-code" />
						<FormError id={form.errorId} errors={form.errors} />
						<SubmitButton pending={navigation.state === 'submitting'}>Turn on two-factor sign-in</SubmitButton>
					</Form>
				</li>
			</ol>
		</AuthPage>
	)
}

/** Keep the key on the page after a wrong code rather than generating another. */
export function shouldRevalidate({ formMethod, defaultShouldRevalidate }: { formMethod?: string; defaultShouldRevalidate: boolean }) {
	return formMethod === 'POST' ? false : defaultShouldRevalidate
}
