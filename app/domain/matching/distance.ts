// Straight-line distance between two points on the Earth, in miles (haversine). ZIP centroids
// are approximate anyway; road distance would need a network service we do not call.
export type Point = { latitude: number; longitude: number }

const EARTH_RADIUS_MILES = 3958.8

export function milesBetween(a: Point, b: Point): number {
	const rad = (deg: number) => (deg * Math.PI) / 180
	const dLat = rad(b.latitude - a.latitude)
	const dLon = rad(b.longitude - a.longitude)
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2
	return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)))
}
