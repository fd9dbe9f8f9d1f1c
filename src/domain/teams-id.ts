/**
 * Teams people are known by their Azure AD (Entra) object id, a GUID. GUIDs are case-insensitive:
 * Teams sends them in lower case, exports and admin tools often in upper case. Every id is stored and
 * compared in this one form, so a roster typed in capitals still recognises its people.
 */
export const teamsIdKey = (id: string): string => id.trim().toLowerCase();
