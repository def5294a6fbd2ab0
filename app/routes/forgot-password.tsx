import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, useActionData, useNavigation } from '@remix-run/react'
import { TextField } from '#app/components/ui/conform-fields.tsx'
import { AuthPage, FormError, Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { requestPasswordReset } from '#app/domain/accounts/accounts.server.ts'
import { ForgotPasswordSchema } from '#app/domain/accounts/schemas.ts'
import { clientIp, tooManyAttempts } from '#app/utils/http.server.ts'
import { consumeRateLimits } from '#app/utils/rate-limit.server.ts'

export const meta: MetaFunction = () => [{ title: 'Reset your password — Tandem' }]

export async function action({ request }: ActionFunctionArgs) {
	const submission = parseWithZod(await request.formData(), { schema: ForgotPasswordSchema })
	if (submission.status !== 'success') return data({ result: submission.reply(), sent: false }, { status: 400 })
	const limited = await consumeRateLimits([
		['resetPerAccount', submission.value.email],
		['resetPerIp', clientIp()],
	])
	if (!limited.allowed) return tooManyAttempts(submission.reply(), limited.retryAfterSeconds)
	await requestPasswordReset(submission.value.email)
	return { result: submission.reply({ resetForm: true }), sent: true }
}

export default function ForgotPassword() {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'forgot-password',
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
	})
	return (
		<AuthPage title="Reset your password" intro="Enter the email address of your account and we will send you a link to choose a new password.">
			{actionData && 'sent' in actionData && actionData.sent ? <Notice tone="success">If an account uses that address, we have sent it a link. The link expires in 1 hour.</Notice> : null}
			<Form method="post" {...getFormProps(form)} className="space-y-5">
				<TextField meta={fields.email} label="Email address" type="email" autoComplete="email" />
				<FormError id={form.errorId} errors={form.errors} />
				<SubmitButton pending={navigation.state === 'submitting'}>Send the link</SubmitButton>
			</Form>
		</AuthPage>
	)
}
