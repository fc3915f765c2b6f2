/** A member's public profile in the query cache; apart from ['members', 'me'] (one's own, editable account). */
export const profileKey = (id: string) => ['members', 'profile', id] as const;
