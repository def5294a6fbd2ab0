import { describe, expect, it } from 'vitest'
import { initialsOf } from './avatar.tsx'

describe('initialsOf', () => {
	it.each([
		['Ana María López', 'AL'],
		['  maya   chen ', 'MC'],
		['Prince', 'P'],
		['Dr. Émile Zola-Martin', 'DZ'],
		['', '?'],
		['— —', '?'],
	])('%j → %s', (name, initials) => {
		expect(initialsOf(name)).toBe(initials)
	})
})
