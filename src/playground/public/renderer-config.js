// @ts-check
/**
 * Configures the renderer before it loads (it reads `globalThis.$discordMessage` once, on import):
 * its default avatars live on Discord's CDN, and the page must load nothing from outside the machine.
 */
import { avatar } from './render.js';

const local = avatar({ id: '0', username: '?' });
globalThis.$discordMessage = {
  defaultTheme: 'dark',
  avatars: { default: local, blue: local, gray: local, green: local, orange: local, red: local, pink: local },
};
