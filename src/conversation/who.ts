/**
 * Who sent an input, as the surface knows them: a Slack or Teams user id (resolved to a roster
 * person by the conversation, after the input is safely kept), or a roster person id (the console,
 * the CLI, replies the core makes for a known person).
 */
export type Who = { personId: string } | { platform: 'slack' | 'teams'; userId: string };
