// ZIP codes: where a five-digit US ZIP is (city, state, centroid) and its IANA time zone, from
// data packages installed from the registry (no network at run time): `zipcodes` for the ZIP
// centroids, `@photostructure/tz-lookup` for the time zone at a point. Server-only: the ZIP
// table is several megabytes, loaded on first use.
import { createRequire } from 'node:module'
import type * as ZipCodes from 'zipcodes'
import { getState, type StateCode, isStateCode } from './states.ts'

export type ZipPlace = { zip: string; city: string; state: StateCode; latitude: number; longitude: number; timeZone: string }

export type ZipLookup = { ok: true; place: ZipPlace } | { ok: false; problem: 'malformed' | 'unknown' | 'outside_states' }

export const ZIP_PROBLEM_MESSAGES = {
	malformed: 'A ZIP code is five digits, like 78701.',
	unknown: 'We do not know that ZIP code. Check it, or use the ZIP code of a nearby street address.',
	outside_states: 'Tandem serves the 50 states and the District of Columbia; that ZIP code is outside them.',
} as const

type ZipModule = typeof ZipCodes
type TzLookup = (latitude: number, longitude: number) => string

const require = createRequire(import.meta.url)
let zipcodes: ZipModule | undefined
let tzLookup: TzLookup | undefined

export function lookupZip(input: string): ZipLookup {
	const zip = input.trim()
	if (!/^\d{5}$/.test(zip)) return { ok: false, problem: 'malformed' }
	zipcodes ??= require('zipcodes') as ZipModule
	const found = zipcodes.lookup(zip)
	if (!found || found.country !== 'US') return { ok: false, problem: 'unknown' }
	if (!isStateCode(found.state)) return { ok: false, problem: 'outside_states' }
	tzLookup ??= require('@photostructure/tz-lookup') as TzLookup
	// The point's zone, when it is one the state uses; otherwise the state's main zone.
	const state = getState(found.state)!
	const atPoint = tzLookup(found.latitude, found.longitude)
	const timeZone = [state.timeZone, ...(state.otherTimeZones ?? [])].includes(atPoint) ? atPoint : state.timeZone
	return { ok: true, place: { zip, city: found.city, state: found.state, latitude: found.latitude, longitude: found.longitude, timeZone } }
}

/** A ZIP code's centroid, without the time zone (fast enough to call per candidate), or null. */
export function zipCentroid(zip: string): { latitude: number; longitude: number } | null {
	const found = zipOffice(zip)
	return found ? { latitude: found.latitude, longitude: found.longitude } : null
}

/** A ZIP code's centroid and state (where an office there sees patients in person), or null. */
export function zipOffice(zip: string): { latitude: number; longitude: number; state: string } | null {
	zipcodes ??= require('zipcodes') as ZipModule
	const found = zipcodes.codes[zip]
	return found && found.country === 'US' && isStateCode(found.state) ? { latitude: found.latitude, longitude: found.longitude, state: found.state } : null
}

const withinCache = new Map<string, string[]>()

type Centroid = { zip: string; latitude: number; longitude: number }
let byLatitude: Centroid[] | undefined

/** The ZIP codes of the states and DC, by latitude: a search reads only the band it needs. */
function placesByLatitude(): Centroid[] {
	if (byLatitude) return byLatitude
	zipcodes ??= require('zipcodes') as ZipModule
	byLatitude = Object.values(zipcodes.codes)
		.filter((place) => place.country === 'US' && isStateCode(place.state))
		.map((place) => ({ zip: place.zip, latitude: place.latitude, longitude: place.longitude }))
		.sort((a, b) => a.latitude - b.latitude)
	return byLatitude
}

/** The first index whose latitude is at least `latitude` (binary search). */
function firstAtLeast(places: readonly Centroid[], latitude: number): number {
	let lo = 0
	let hi = places.length
	while (lo < hi) {
		const mid = (lo + hi) >>> 1
		if (places[mid]!.latitude < latitude) lo = mid + 1
		else hi = mid
	}
	return lo
}

/**
 * Every ZIP code whose centroid lies within `miles` of a point, by the same distance function that
 * matching uses, so a database condition on the office ZIP agrees exactly with it. Sorted; cached.
 */
export function zipsWithin(
	point: { latitude: number; longitude: number },
	miles: number,
	distance: (a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) => number,
): string[] {
	const key = `${point.latitude},${point.longitude},${miles}`
	const cached = withinCache.get(key)
	if (cached) return cached
	// A generous box first (a degree of latitude is about 69 miles), then the exact distance.
	const dLat = miles / 60 + 0.1
	const dLon = miles / (60 * Math.max(0.1, Math.cos((point.latitude * Math.PI) / 180))) + 0.1
	const places = placesByLatitude()
	const found: string[] = []
	for (let i = firstAtLeast(places, point.latitude - dLat); i < places.length && places[i]!.latitude <= point.latitude + dLat; i++) {
		const place = places[i]!
		if (Math.abs(place.longitude - point.longitude) > dLon) continue
		if (distance(place, point) <= miles) found.push(place.zip)
	}
	found.sort()
	if (withinCache.size > 500) withinCache.clear()
	withinCache.set(key, found)
	return found
}
