// The signed-in person's account: who they are, their active sessions (revoke one, or log out
// everywhere), two-factor sign-in, and changing the password, which ends every other session.
import { TextField } from '#app/components/ui/conform-fields.tsx'
import { formatDateTime } from '#app/domain/time-format.ts'
import { timeZoneOf } from '#app/domain/accounts/viewer-time-zone.server.ts'
import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { Button, ButtonLink } from '#app/components/ui/button.tsx'
import { ConfirmAction } from '#app/components/ui/confirm-dialog.tsx'
import { FormError, Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pill } from '#app/components/ui/pill.tsx'
import { changePassword } from '#app/domain/accounts/accounts.server.ts'
import { ChangePasswordSchema, TotpCodeSchema } from '#app/domain/accounts/schemas.ts'
import { disableTwoFactor, regenerateRecoveryCodes, twoFactorStatus } from '#app/domain/accounts/two-factor.server.ts'
import { RecoveryCodeList } from '#app/components/recovery-codes.tsx'
import { audit } from '#app/domain/audit/audit.server.ts'
import { describeDevice } from '#app/domain/auth/devices.ts'
import { describePasswordProblem, PASSWORD_MIN_LENGTH } from '#app/domain/auth/passwords.ts'
import { clientIp, tooManyAttempts } from '#app/utils/http.server.ts'
import { requireUser } from '#app/utils/permissions.server.ts'
import { consumeRateLimits } from '#app/utils/rate-limit.server.ts'
import { invalidateSession, invalidateUserSessions, listUserSessions, redirectSignedOut, revokeUserSession } from '#app/utils/session.server.ts'

export const meta: MetaFunction = () => [{ title: 'Your account — Tandem' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const auth = await requireUser(request)
	const [sessions, twoFactor, timeZone] = await Promise.all([listUserSessions(auth.user.id), twoFactorStatus(auth.user.id), timeZoneOf(auth.principal)])
	return {
		user: auth.user,
		timeZone,
		twoFactor: { enabled: twoFactor.enabled, required: twoFactor.required, recoveryCodesLeft: twoFactor.recoveryCodesLeft },
		sessions: sessions.map((s) => ({
			id: s.id,
			device: describeDevice(s.userAgent),
			ip: s.ip,
			createdAt: s.createdAt.toISOString(),
			lastActiveAt: s.lastActiveAt.toISOString(),
			current: s.id === auth.sessionId,
		})),
	}
}

const ActionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('revoke-session'), sessionId: z.string().regex(/^[0-9a-f]{64}$/, 'Unknown session.') }),
	z.object({ intent: z.literal('logout-everywhere') }),
	z.object({ intent: z.literal('regenerate-recovery-codes'), code: TotpCodeSchema }),
	z.object({ intent: z.literal('disable-two-factor'), code: TotpCodeSchema }),
])

type ActionData = { result: SubmissionResult<string[]>; notice: string | null; recoveryCodes?: string[] }

export async function action({ request }: ActionFunctionArgs) {
	const auth = await requireUser(request)
	const formData = await request.formData()
	const intent = formData.get('intent')

	if (intent === 'change-password') {
		const submission = parseWithZod(formData, { schema: ChangePasswordSchema })
		if (submission.status !== 'success') return data<ActionData>({ result: submission.reply({ hideFields: ['currentPassword', 'newPassword'] }), notice: null }, { status: 400 })
		const result = await changePassword({ userId: auth.user.id, sessionId: auth.sessionId, ...submission.value })
		if (result.kind === 'wrong_current') {
			return data<ActionData>(
				{ result: submission.reply({ fieldErrors: { currentPassword: ['That is not your current password.'] }, hideFields: ['currentPassword', 'newPassword'] }), notice: null },
				{ status: 400 },
			)
		}
		if (result.kind === 'weak') {
			return data<ActionData>(
				{ result: submission.reply({ fieldErrors: { newPassword: [describePasswordProblem(result.problem)] }, hideFields: ['currentPassword', 'newPassword'] }), notice: null },
				{ status: 400 },
			)
		}
		return data<ActionData>({
			result: submission.reply({ resetForm: true }),
			notice: `Password changed. ${result.sessionsEnded} other session${result.sessionsEnded === 1 ? ' was' : 's were'} signed out.`,
		})
	}

	const submission = parseWithZod(formData, { schema: ActionSchema })
	if (submission.status !== 'success') return data<ActionData>({ result: submission.reply({ hideFields: ['code'] }), notice: null }, { status: 400 })
	const { value } = submission
	if (value.intent === 'regenerate-recovery-codes' || value.intent === 'disable-two-factor') {
		const limited = await consumeRateLimits([
			['totpPerAccount', auth.user.id],
			['totpPerIp', clientIp()],
		])
		if (!limited.allowed) return tooManyAttempts(submission.reply({ hideFields: ['code'] }), limited.retryAfterSeconds, { notice: null })
		const input = { userId: auth.user.id, code: value.code }
		const result = value.intent === 'disable-two-factor' ? await disableTwoFactor(input) : await regenerateRecoveryCodes(input)
		if (result.kind === 'wrong_code') {
			return data<ActionData>(
				{ result: submission.reply({ fieldErrors: { code: ['That code is not right. Try the newest code from your app.'] }, hideFields: ['code'] }), notice: null },
				{ status: 400 },
			)
		}
		if (result.kind === 'not_allowed') {
			const why = value.intent === 'disable-two-factor' && auth.principal.isPlatformAdmin ? 'Platform admins must keep two-factor sign-in on.' : 'Two-factor sign-in is not on.'
			return data<ActionData>({ result: submission.reply({ formErrors: [why], hideFields: ['code'] }), notice: null }, { status: 403 })
		}
		if ('recoveryCodes' in result) {
			return data<ActionData>({ result: submission.reply({ resetForm: true }), notice: 'New recovery codes made; the old ones no longer work.', recoveryCodes: result.recoveryCodes as string[] })
		}
		return data<ActionData>({ result: submission.reply({ resetForm: true }), notice: 'Two-factor sign-in is off.' })
	}
	if (value.intent === 'revoke-session') {
		const { sessionId } = value
		if (!(await revokeUserSession(auth.user.id, sessionId))) return data<ActionData>({ result: submission.reply({ formErrors: ['That session has already ended.'] }), notice: null }, { status: 404 })
		await audit({ actorId: auth.user.id, action: 'session.revoked', entity: 'session', entityId: sessionId })
		if (sessionId === auth.sessionId) return redirectSignedOut('/login')
		return data<ActionData>({ result: submission.reply(), notice: 'That session has been signed out.' })
	}
	const ended = await invalidateUserSessions(auth.user.id)
	await audit({ actorId: auth.user.id, action: 'auth.logout_everywhere', entity: 'user', entityId: auth.user.id, details: { sessionsEnded: ended } })
	await invalidateSession(auth.sessionId)
	return redirectSignedOut('/login')
}

/** The authenticator code a two-factor change asks for, inside its confirmation. */
function CodeInput({ id }: { id: string }) {
	return (
		<div className="space-y-1">
			<label htmlFor={id} className="block text-sm font-medium text-slate-900">
				Code from your authenticator app
			</label>
			<input id={id} name="code" required inputMode="numeric" autoComplete="one-time-code" maxLength={8} className="block w-full rounded border border-slate-400 px-3 py-2" />
		</div>
	)
}

export default function Account() {
	const { user, sessions, twoFactor, timeZone } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const navigation = useNavigation()
	const [searchParams] = useSearchParams()
	const [form, fields] = useForm({
		id: 'change-password',
		lastResult: navigation.state === 'idle' && actionData?.result.initialValue?.intent === 'change-password' ? actionData.result : undefined,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
	})
	const twoFactorResult = actionData?.result.initialValue?.intent
	const twoFactorError =
		navigation.state === 'idle' && (twoFactorResult === 'regenerate-recovery-codes' || twoFactorResult === 'disable-two-factor') && actionData?.result.error
			? Object.values(actionData.result.error)
					.flat()
					.filter((e): e is string => Boolean(e))
			: null
	const sessionError =
		navigation.state === 'idle' && twoFactorResult === 'revoke-session' && actionData?.result.error
			? Object.values(actionData.result.error)
					.flat()
					.filter((e): e is string => Boolean(e))
			: null
	const recoveryCodesLeft = searchParams.get('recoveryCodesLeft')
	return (
		<div className="mx-auto max-w-3xl space-y-12 px-4 py-12">
			<section aria-labelledby="page-title" className="space-y-3">
				<PageHeader title="Your account" />
				{searchParams.get('verified') === '1' ? <Notice tone="success">Your email address is confirmed. Welcome to Tandem.</Notice> : null}
				{actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}
				{recoveryCodesLeft !== null && !actionData ? <Notice>You signed in with a recovery code. You have {recoveryCodesLeft} left; make new ones below before they run out.</Notice> : null}
				<dl className="grid grid-cols-[5rem_minmax(0,1fr)] gap-y-1 text-slate-800 sm:grid-cols-[8rem_minmax(0,1fr)]">
					<dt className="font-medium">Name</dt>
					<dd className="[overflow-wrap:anywhere]">{user.name}</dd>
					<dt className="font-medium">Email</dt>
					<dd className="[overflow-wrap:anywhere]">{user.email}</dd>
				</dl>
			</section>

			<section aria-labelledby="sessions-title" className="space-y-4">
				<h2 id="sessions-title" className="text-xl font-semibold">
					Where you are signed in
				</h2>
				<FormError id="sessions-error" errors={sessionError} />
				<ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
					{sessions.map((session) => (
						<li key={session.id} className="flex flex-wrap items-center justify-between gap-3 p-4">
							<div className="min-w-0">
								<p className="flex flex-wrap items-center gap-2 font-medium">
									{session.device}
									{session.current ? <Pill tone="info">This browser</Pill> : null}
								</p>
								<p className="text-sm text-slate-700">
									Last active {formatDateTime(new Date(session.lastActiveAt), timeZone)}
									{session.ip ? ` · ${session.ip}` : ''} · signed in {formatDateTime(new Date(session.createdAt), timeZone)}
								</p>
							</div>
							<Form method="post">
								<input type="hidden" name="sessionId" value={session.id} />
								<Button type="submit" name="intent" value="revoke-session" variant="secondary" size="sm">
									Sign out
									<span className="sr-only">
										{' '}
										{session.device}
										{session.current ? ' (this browser)' : ''}
									</span>
								</Button>
							</Form>
						</li>
					))}
				</ul>
				<ConfirmAction
					trigger="Log out everywhere"
					triggerVariant="danger-outline"
					triggerSize="sm"
					title="Log out everywhere?"
					description="Every browser and device signed in to your account is signed out, this one included. You log in again with your password."
					confirmLabel="Log out everywhere"
					fields={{ intent: 'logout-everywhere' }}
				/>
			</section>

			<section aria-labelledby="two-factor-title" className="space-y-4">
				<h2 id="two-factor-title" className="text-xl font-semibold">
					Two-factor sign-in
				</h2>
				{actionData?.recoveryCodes ? (
					<div className="space-y-3">
						<p className="text-slate-700">Your new recovery codes. Keep them somewhere safe; they will not be shown again.</p>
						<RecoveryCodeList codes={actionData.recoveryCodes} />
					</div>
				) : null}
				{twoFactor.enabled ? (
					<>
						<p className="text-slate-700">On. After your password, Tandem asks for a code from your authenticator app. Recovery codes left: {twoFactor.recoveryCodesLeft}.</p>
						<div className="flex flex-wrap gap-3">
							<ConfirmAction
								trigger="Make new recovery codes"
								title="Make new recovery codes?"
								description="Your current recovery codes stop working; keep the new ones somewhere safe. Give the code your authenticator app shows now."
								confirmLabel="Make new codes"
								confirmVariant="primary"
								fields={{ intent: 'regenerate-recovery-codes' }}
							>
								<CodeInput id="regenerate-code" />
							</ConfirmAction>
							{twoFactor.required ? null : (
								<ConfirmAction
									trigger="Turn off two-factor sign-in"
									triggerVariant="danger-outline"
									title="Turn off two-factor sign-in?"
									description="Your password alone will open your account again. Give the code your authenticator app shows now."
									confirmLabel="Turn it off"
									fields={{ intent: 'disable-two-factor' }}
								>
									<CodeInput id="disable-code" />
								</ConfirmAction>
							)}
						</div>
						<FormError id="two-factor-error" errors={twoFactorError} />
						<Link className="inline-block text-sm font-medium text-brand-700 underline" to="/account/two-factor">
							Move it to a new phone
						</Link>
					</>
				) : (
					<>
						<p className="text-slate-700">Off. Add a code from an authenticator app to your password, so a stolen password alone cannot open your account.</p>
						<ButtonLink to="/account/two-factor">Set up two-factor sign-in</ButtonLink>
					</>
				)}
			</section>

			<section aria-labelledby="password-title" className="space-y-4">
				<h2 id="password-title" className="text-xl font-semibold">
					Change your password
				</h2>
				<Form method="post" {...getFormProps(form)} className="max-w-md space-y-5">
					<TextField meta={fields.currentPassword} label="Current password" type="password" autoComplete="current-password" />
					<TextField
						meta={fields.newPassword}
						label="New password"
						type="password"
						autoComplete="new-password"
						hint={`At least ${PASSWORD_MIN_LENGTH} characters. Your other sessions will be signed out.`}
					/>
					<FormError id={form.errorId} errors={form.errors} />
					<SubmitButton name="intent" value="change-password" pending={navigation.state === 'submitting'}>
						Change password
					</SubmitButton>
				</Form>
			</section>
		</div>
	)
}
