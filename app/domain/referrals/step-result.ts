// The answer of a lifecycle step taken by a person (a therapist, the patient, the clinic): done,
// or refused with the HTTP status and a sentence they can act on. A step refuses by throwing
// `refuse(…)` inside its transaction, which rolls the transaction back; `runStep` turns it into
// the answer.
export type Refusal = { ok: false; status: 400 | 403 | 404 | 409; message: string }
export type StepResult<T extends object = object> = ({ ok: true } & T) | Refusal

export class StepRefused extends Error {
	constructor(readonly refusal: Refusal) {
		super(refusal.message)
	}
}

export function refuse(status: Refusal['status'], message: string): StepRefused {
	return new StepRefused({ ok: false, status, message })
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
