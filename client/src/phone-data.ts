/**
 * The service worker's copies of the API answers a phone page needs to open with no network (the
 * cadre's households, warnings and shelters as last read; vite.config.mts). They are the signed-in
 * user's, so main.ts deletes them when a session begins by login or ends.
 */
export const PHONE_DATA_CACHE = 'phone-data';
