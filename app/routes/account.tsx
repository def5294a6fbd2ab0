// The signed-in person's account: who they are, their active sessions (revoke one, or log out
// everywhere), and changing the password, which ends every other session.
import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError, Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { changePassword } from '#app/domain/accounts/accounts.server.ts'
import { ChangePasswordSchema } from '#app/domain/accounts/schemas.ts'
import { audit } from '#app/domain/audit/audit.server.ts'
import { describeDevice } from '#app/domain/auth/devices.ts'
import { describePasswordProblem, PASSWORD_MIN_LENGTH } from '#app/domain/auth/passwords.ts'
import { db } from '#app/utils/db.server.ts'
import { requireUser } from '#app/utils/permissions.server.ts'
import { invalidateSession, invalidateUserSessions, redirectSignedOut } from '#app/utils/session.server.ts'

export const meta: MetaFunction = () => [{ title: 'Your account — Tandem' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const auth = await requireUser(request)
	const sessions = await db().session.findMany({
		where: { userId: auth.user.id, expiresAt: { gt: new Date() } },
		orderBy: { lastActiveAt: 'desc' },
		select: { id: true, createdAt: true, lastActiveAt: true, userAgent: true, ip: true },
	})
	return {
		user: auth.user,
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
])

export async function action({ request }: ActionFunctionArgs) {
	const auth = await requireUser(request)
	const formData = await request.formData()
	const intent = formData.get('intent')

	if (intent === 'change-password') {
		const submission = parseWithZod(formData, { schema: ChangePasswordSchema })
		if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['currentPassword', 'newPassword'] }), notice: null }, { status: 400 })
		const result = await changePassword({ userId: auth.user.id, sessionId: auth.sessionId, ...submission.value })
		if (result.kind === 'wrong_current') {
			return data({ result: submission.reply({ fieldErrors: { currentPassword: ['That is not your current password.'] }, hideFields: ['currentPassword', 'newPassword'] }), notice: null }, { status: 400 })
		}
		if (result.kind === 'weak') {
			return data({ result: submission.reply({ fieldErrors: { newPassword: [describePasswordProblem(result.problem)] }, hideFields: ['currentPassword', 'newPassword'] }), notice: null }, { status: 400 })
		}
		return { result: submission.reply({ resetForm: true }), notice: `Password changed. ${result.sessionsEnded} other session${result.sessionsEnded === 1 ? ' was' : 's were'} signed out.` }
	}

	const submission = parseWithZod(formData, { schema: ActionSchema })
	if (submission.status !== 'success') return data({ result: submission.reply(), notice: null }, { status: 400 })
	if (submission.value.intent === 'revoke-session') {
		const { sessionId } = submission.value
		// Only the person's own sessions: anyone else's id matches nothing.
		const { count } = await db().session.deleteMany({ where: { id: sessionId, userId: auth.user.id } })
		if (count === 0) return data({ result: submission.reply({ formErrors: ['That session has already ended.'] }), notice: null }, { status: 404 })
		await audit({ actorId: auth.user.id, action: 'session.revoked', entity: 'session', entityId: sessionId })
		if (sessionId === auth.sessionId) return redirectSignedOut('/login')
		return { result: submission.reply(), notice: 'That session has been signed out.' }
	}
	const ended = await invalidateUserSessions(auth.user.id)
	await audit({ actorId: auth.user.id, action: 'auth.logout_everywhere', entity: 'user', entityId: auth.user.id, details: { sessionsEnded: ended } })
	await invalidateSession(auth.sessionId)
	return redirectSignedOut('/login')
}

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' })

export default function Account() {
	const { user, sessions } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [searchParams] = useSearchParams()
	const [form, fields] = useForm({
		id: 'change-password',
		lastResult: navigation.state === 'idle' ? actionData?.result : undefined,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
	})
	return (
		<div className="mx-auto max-w-3xl space-y-12 px-4 py-12">
			<section aria-labelledby="account-title" className="space-y-3">
				<h1 id="account-title" className="text-2xl font-semibold tracking-tight">Your account</h1>
				{searchParams.get('verified') === '1' ? <Notice tone="success">Your email address is confirmed. Welcome to Tandem.</Notice> : null}
				{actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}
				<dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-slate-800">
					<dt className="font-medium">Name</dt>
					<dd>{user.name}</dd>
					<dt className="font-medium">Email</dt>
					<dd>{user.email}</dd>
				</dl>
			</section>

			<section aria-labelledby="sessions-title" className="space-y-4">
				<h2 id="sessions-title" className="text-xl font-semibold">Where you are signed in</h2>
				<ul className="divide-y divide-slate-200 rounded border border-slate-200">
					{sessions.map((session) => (
						<li key={session.id} className="flex flex-wrap items-center justify-between gap-3 p-4">
							<div>
								<p className="font-medium">
									{session.device}
									{session.current ? <span className="ml-2 rounded bg-brand-100 px-2 py-0.5 text-xs text-brand-900">This browser</span> : null}
								</p>
								<p className="text-sm text-slate-700">
									Last active {dateTime.format(new Date(session.lastActiveAt))}
									{session.ip ? ` · ${session.ip}` : ''} · signed in {dateTime.format(new Date(session.createdAt))}
								</p>
							</div>
							<Form method="post">
								<input type="hidden" name="sessionId" value={session.id} />
								<button type="submit" name="intent" value="revoke-session" className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100">
									Sign out<span className="sr-only"> {session.device}{session.current ? ' (this browser)' : ''}</span>
								</button>
							</Form>
						</li>
					))}
				</ul>
				<Form method="post">
					<button type="submit" name="intent" value="logout-everywhere" className="rounded border border-red-300 px-3 py-1.5 text-sm text-red-900 hover:bg-red-50">
						Log out everywhere
					</button>
				</Form>
			</section>

			<section aria-labelledby="password-title" className="space-y-4">
				<h2 id="password-title" className="text-xl font-semibold">Change your password</h2>
				<Form method="post" {...getFormProps(form)} className="max-w-md space-y-5">
					<Field meta={fields.currentPassword} label="Current password" type="password" autoComplete="current-password" />
					<Field meta={fields.newPassword} label="New password" type="password" autoComplete="new-password" description={`At least ${PASSWORD_MIN_LENGTH} characters. Your other sessions will be signed out.`} />
					<FormError id={form.errorId} errors={form.errors} />
					<SubmitButton name="intent" value="change-password" pending={navigation.state === 'submitting'}>Change password</SubmitButton>
				</Form>
			</section>
		</div>
	)
}
