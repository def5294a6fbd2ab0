// Real cities with one of their ZIP codes, for demo and test data. Time zones follow the city.
export type Place = { state: string; city: string; zip: string; timeZone: string }

export const PLACES: readonly Place[] = [
	{ state: 'TX', city: 'Austin', zip: '78701', timeZone: 'America/Chicago' },
	{ state: 'TX', city: 'Houston', zip: '77002', timeZone: 'America/Chicago' },
	{ state: 'TX', city: 'Dallas', zip: '75201', timeZone: 'America/Chicago' },
	{ state: 'TX', city: 'San Antonio', zip: '78205', timeZone: 'America/Chicago' },
	{ state: 'TX', city: 'El Paso', zip: '79901', timeZone: 'America/Denver' },
	{ state: 'WA', city: 'Seattle', zip: '98101', timeZone: 'America/Los_Angeles' },
	{ state: 'WA', city: 'Spokane', zip: '99201', timeZone: 'America/Los_Angeles' },
	{ state: 'WA', city: 'Tacoma', zip: '98402', timeZone: 'America/Los_Angeles' },
	{ state: 'WA', city: 'Olympia', zip: '98501', timeZone: 'America/Los_Angeles' },
	{ state: 'CO', city: 'Denver', zip: '80202', timeZone: 'America/Denver' },
	{ state: 'CO', city: 'Boulder', zip: '80302', timeZone: 'America/Denver' },
	{ state: 'FL', city: 'Miami', zip: '33130', timeZone: 'America/New_York' },
	{ state: 'FL', city: 'Tampa', zip: '33602', timeZone: 'America/New_York' },
	{ state: 'FL', city: 'Pensacola', zip: '32502', timeZone: 'America/Chicago' },
	{ state: 'NY', city: 'New York', zip: '10001', timeZone: 'America/New_York' },
	{ state: 'NY', city: 'Brooklyn', zip: '11201', timeZone: 'America/New_York' },
	{ state: 'NY', city: 'Rochester', zip: '14604', timeZone: 'America/New_York' },
	{ state: 'CA', city: 'San Francisco', zip: '94103', timeZone: 'America/Los_Angeles' },
	{ state: 'CA', city: 'Los Angeles', zip: '90012', timeZone: 'America/Los_Angeles' },
	{ state: 'CA', city: 'San Diego', zip: '92101', timeZone: 'America/Los_Angeles' },
	{ state: 'AZ', city: 'Phoenix', zip: '85004', timeZone: 'America/Phoenix' },
	{ state: 'AZ', city: 'Tucson', zip: '85701', timeZone: 'America/Phoenix' },
	{ state: 'MN', city: 'Minneapolis', zip: '55401', timeZone: 'America/Chicago' },
	{ state: 'MN', city: 'Saint Paul', zip: '55102', timeZone: 'America/Chicago' },
	{ state: 'IL', city: 'Chicago', zip: '60601', timeZone: 'America/Chicago' },
	{ state: 'OR', city: 'Portland', zip: '97204', timeZone: 'America/Los_Angeles' },
	{ state: 'GA', city: 'Atlanta', zip: '30303', timeZone: 'America/New_York' },
	{ state: 'MA', city: 'Boston', zip: '02108', timeZone: 'America/New_York' },
	{ state: 'NC', city: 'Durham', zip: '27701', timeZone: 'America/New_York' },
	{ state: 'NC', city: 'Asheville', zip: '28801', timeZone: 'America/New_York' },
	{ state: 'PA', city: 'Philadelphia', zip: '19107', timeZone: 'America/New_York' },
	{ state: 'PA', city: 'Pittsburgh', zip: '15222', timeZone: 'America/New_York' },
	{ state: 'UT', city: 'Salt Lake City', zip: '84101', timeZone: 'America/Denver' },
	{ state: 'VA', city: 'Richmond', zip: '23219', timeZone: 'America/New_York' },
	{ state: 'MI', city: 'Detroit', zip: '48226', timeZone: 'America/Detroit' },
	{ state: 'OH', city: 'Columbus', zip: '43215', timeZone: 'America/New_York' },
	{ state: 'TN', city: 'Nashville', zip: '37203', timeZone: 'America/Chicago' },
	{ state: 'NM', city: 'Santa Fe', zip: '87501', timeZone: 'America/Denver' },
]

export function placesIn(state: string): Place[] {
	return PLACES.filter((p) => p.state === state)
}
