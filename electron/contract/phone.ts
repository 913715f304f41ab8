import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/** Whether `country` is an ISO 3166 code the phone rules know (US, MX, GB). */
export function isPhoneCountry(country: string): country is CountryCode {
  return isSupportedCountry(country);
}

/** Whether `phone` has the length of a whole number someone could dial from `country` (not a 3-digit service number). */
export function isPossiblePhone(phone: string, country: string): boolean {
  return isPhoneCountry(country) && (parsePhoneNumberFromString(phone, country)?.isPossible() ?? false);
}

/**
 * The clinic's number as a person at the clinic dials it: grouped the way that country writes
 * numbers, "(555) 010-0199" in the US, "55 1234 5678" in Mexico, whatever the screen's language;
 * a number in another country gets its country code. Unchanged if it cannot be read.
 */
export function displayPhone(phone: string, country: string): string {
  const parsed = isPhoneCountry(country) ? parsePhoneNumberFromString(phone, country) : undefined;
  if (!parsed?.isPossible()) return phone;
  return parsed.country === country || !parsed.country ? parsed.formatNational() : parsed.formatInternational();
}
