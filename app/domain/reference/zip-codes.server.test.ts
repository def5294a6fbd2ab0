import { expect, test } from 'vitest'
import { lookupZip } from './zip-codes.server.ts'

test.each([
	['78701', 'Austin', 'TX', 'America/Chicago'],
	['79901', 'El Paso', 'TX', 'America/Denver'], // Texas's other zone
	['32502', 'Pensacola', 'FL', 'America/Chicago'], // Florida's panhandle
	['98101', 'Seattle', 'WA', 'America/Los_Angeles'],
	['85004', 'Phoenix', 'AZ', 'America/Phoenix'],
	['02108', 'Boston', 'MA', 'America/New_York'], // a leading zero survives
	['20001', 'Washington', 'DC', 'America/New_York'],
	[' 99501 ', 'Anchorage', 'AK', 'America/Anchorage'],
])('%s is in %s, %s (%s)', (zip, city, state, timeZone) => {
	const result = lookupZip(zip)
	expect(result).toMatchObject({ ok: true, place: { zip: zip.trim(), city, state, timeZone } })
	if (result.ok) {
		expect(result.place.latitude).toBeGreaterThan(18)
		expect(result.place.longitude).toBeLessThan(-60)
	}
})

test.each([
	['7870', 'malformed'],
	['787011', 'malformed'],
	['ABCDE', 'malformed'],
	['00000', 'unknown'],
	['00601', 'outside_states'], // Puerto Rico
])('%s → %s', (zip, problem) => {
	expect(lookupZip(zip)).toEqual({ ok: false, problem })
})
