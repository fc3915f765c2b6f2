/** The console's query keys for channels and their Slack mirrors, shared by the forms that change them. */
export const consoleChannelsKey = ['console', 'channels'] as const;
export const mirrorsKey = ['console', 'mirrors'] as const;
