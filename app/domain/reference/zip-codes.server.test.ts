import { expect, test } from 'vitest'
import { lookupZip, zipsWithin } from './zip-codes.server.ts'

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

test('ZIP codes within a radius: exactly those a look at every ZIP code finds, sorted', async () => {
	const { createRequire } = await import('node:module')
	const { milesBetween } = await import('#app/domain/matching/distance.ts')
	const { isStateCode } = await import('./states.ts')
	const codes = Object.values((createRequire(import.meta.url)('zipcodes') as { codes: Record<string, { zip: string; latitude: number; longitude: number; country: string; state: string }> }).codes)
	const everyZip = (point: { latitude: number; longitude: number }, miles: number) =>
		codes
			.filter((p) => p.country === 'US' && isStateCode(p.state) && milesBetween(p, point) <= miles)
			.map((p) => p.zip)
			.sort()
	// Austin, Seattle, Anchorage (far north), Honolulu, Key West, and a point in Montana.
	for (const [latitude, longitude] of [
		[30.27, -97.74],
		[47.61, -122.33],
		[61.22, -149.9],
		[21.31, -157.86],
		[24.56, -81.78],
		[46.9, -110.4],
	] as const) {
		for (const miles of [1, 10, 25, 100, 200]) {
			const expected = everyZip({ latitude, longitude }, miles)
			expect(zipsWithin({ latitude, longitude }, miles, milesBetween), `${latitude},${longitude} ${miles} mi`).toEqual(expected)
		}
	}
	expect(zipsWithin({ latitude: 30.27, longitude: -97.74 }, 25, milesBetween).length).toBeGreaterThan(20)
})
