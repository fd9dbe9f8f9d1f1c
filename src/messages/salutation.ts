/** "Dear Ana" for "Ana Petrović"; the full name when it starts with a title ("Dr. …"). */
export function salutation(name: string): string {
  const first = name.trim().split(/\s+/)[0] ?? name;
  return `Dear ${first.endsWith('.') ? name.trim() : first}`;
}
