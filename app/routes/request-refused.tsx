// Where the HTTP layer sends a request it refused before any route read it (a body over its
// limit, text that cannot be stored; server/refusal.ts), so that a person sees the app's own
// error page with what was wrong, and a form sent by script gets an error Remix can show.
// Asked for directly, nothing was refused and there is no such page.
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirectDocument } from '@remix-run/node'

function answer({ context }: { context: LoaderFunctionArgs['context'] }): never {
	const refusal = context.refusal
	if (!refusal) throw data(null, { status: 404 })
	if (refusal.documentUrl) throw redirectDocument(refusal.documentUrl)
	const message = refusal.field ? `“${refusal.field}” ${refusal.message}.` : refusal.message
	throw data({ refusal: message }, { status: refusal.status })
}

export const loader = (args: LoaderFunctionArgs) => answer(args)
export const action = (args: ActionFunctionArgs) => answer(args)

// Never rendered: the loader and the action always throw, and the root's error page shows the answer.
export default function RequestRefused() {
	return null
}
