// The answer of a lifecycle step taken by a person (a therapist, the patient, the clinic): done,
// or refused with a typed reason and a sentence they can act on. A step refuses by throwing
// `refuse(…)` inside its transaction, which rolls the transaction back; `runStep` turns it into
// the answer. The domain speaks in reasons; the HTTP edge (`app/utils/http.server.ts`) maps each
// reason to a status code once.
export type RefusalReason = 'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'payment_required'
export type Refusal = { ok: false; reason: RefusalReason; message: string }
export type StepResult<T extends object = object> = ({ ok: true } & T) | Refusal

export class StepRefused extends Error {
	constructor(readonly refusal: Refusal) {
		super(refusal.message)
	}
}

export function refuse(reason: RefusalReason, message: string): StepRefused {
	return new StepRefused({ ok: false, reason, message })
}

export async function runStep<T extends object>(run: () => Promise<T | void>): Promise<StepResult<T>> {
	try {
		const value = await run()
		return { ok: true, ...(value ?? {}) } as StepResult<T>
	} catch (error) {
		if (error instanceof StepRefused) return error.refusal
		throw error
	}
}
