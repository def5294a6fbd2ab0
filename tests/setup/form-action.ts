// Calls a route's action with a form, as the browser would post it (no session), and reads its
// answer: the status, conform's field errors, and where a redirect goes.
import { type ActionFunctionArgs } from '@remix-run/node'

type Action = (args: ActionFunctionArgs) => Promise<unknown> | unknown

export async function submitForm(action: Action, url: string, fields: Record<string, string>) {
	const request = new Request(url, { method: 'POST', body: new URLSearchParams(fields) })
	try {
		const answer = await action({ request, params: {}, context: { cspNonce: '' } })
		if (answer instanceof Response) return { status: answer.status, error: null, location: answer.headers.get('Location') }
		const { init, data } = answer as { init: { status: number } | null; data: { result: { error?: Record<string, string[]> } } }
		return { status: init?.status ?? 200, error: data.result.error ?? null, location: null }
	} catch (thrown) {
		if (thrown instanceof Response) return { status: thrown.status, error: null, location: thrown.headers.get('Location') }
		throw thrown
	}
}
