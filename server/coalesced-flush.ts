// Compression with few flushes. Remix writes a streamed page to the response one chunk at a time and
// calls `res.flush()` after each (so deferred data reaches the browser at once), and the compression
// middleware answers every flush by closing a compressed block: a page of a few dozen chunks paid a
// block per chunk, with more compression work and a larger answer (docs/performance.md). Here the
// flushes asked for in one turn of the event loop become one, made at the end of that turn once its
// chunks are in: what is streamed still leaves in the turn it was written.
import { type RequestHandler } from 'express'

type Flushable = { flush?: () => void; writableEnded: boolean }

/** Makes `res.flush` (which the compression middleware adds) flush once per turn of the event loop. Mount after compression. */
export function coalescedFlush(): RequestHandler {
	return (_req, res, next) => {
		coalesceFlushes(res)
		next()
	}
}

export function coalesceFlushes(res: Flushable): void {
	const flush = res.flush
	if (typeof flush !== 'function') return
	let pending = false
	res.flush = () => {
		if (pending) return
		pending = true
		setImmediate(() => {
			pending = false
			if (!res.writableEnded) flush.call(res)
		})
	}
}
